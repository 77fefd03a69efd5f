{#
    No touch from another decision unit, and no touch logged on another opportunity, is credited: returns
    touches of an opportunity (the rows attribution_credit credits: int_attribution_touches_credited)
    whose signal is in another decision unit or names another opportunity. On a daily run, of the touches
    the run credited again.
#}

with

touches_credited as (

    select * from {{ written_rows_this_run('int_attribution_touches_credited') }}

),

signals as (

    select * from {{ ref('signals') }}

),

final as (

    select
        touches_credited.opportunity_id,
        touches_credited.touch_id,
        touches_credited.decision_unit_id,
        signals.decision_unit_id as signal_decision_unit_id,
        signals.opportunity_id as signal_opportunity_id
    from touches_credited
    inner join signals
        on touches_credited.touch_id = signals.signal_id
    where
        signals.decision_unit_id is null
        or signals.decision_unit_id != touches_credited.decision_unit_id
        or signals.opportunity_id != touches_credited.opportunity_id

)

select * from final
