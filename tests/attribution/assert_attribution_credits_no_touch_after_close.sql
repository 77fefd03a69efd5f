{# No touch after the opportunity closed is credited: returns credit rows dated after the close. #}

select
    opportunity_id,
    touch_id,
    attribution_model,
    touch_date,
    opportunity_closed_date
from {{ ref('attribution_credit') }}
where touch_date > opportunity_closed_date
