{#
    Every touch finds its weight in the seed attribution_decision_weights (authority tier x signal stage):
    returns the pairs the seed lacks. Without the row the decision-aware model could not credit the touch.
#}

with

touches as (

    select * from {{ ref('int_attribution_touches') }}

),

decision_weights as (

    select * from {{ ref('attribution_decision_weights') }}

),

final as (

    select
        touches.authority_tier,
        touches.signal_stage,
        count(*) as touch_count
    from touches
    left join decision_weights
        on
            touches.authority_tier = decision_weights.authority_tier
            and touches.signal_stage = decision_weights.signal_stage
    where decision_weights.weight is null
    group by
        touches.authority_tier,
        touches.signal_stage

)

select * from final
