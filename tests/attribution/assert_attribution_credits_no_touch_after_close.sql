{#
    No touch after the opportunity closed is credited: returns the credited touches (the rows of
    int_attribution_touches_credited, which attribution_credit shows under each model) dated after the
    close. On a daily run, of the touches the run credited again.
#}

select
    opportunity_id,
    touch_id,
    touch_date,
    opportunity_closed_date
from {{ written_rows_this_run('int_attribution_touches_credited') }}
where touch_date > opportunity_closed_date
