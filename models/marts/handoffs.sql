{#
    One row per handoff from marketing to sales (DOMAIN.md §8, from int_handoffs), judged as of its own
    second: the decision unit's readiness then (readiness_at(), point in time), whether its authority tier
    was engaged, whether it was in a budget or renewal window, and the label
      ready      the readiness state at the handoff is one of var handoff_ready_states (default:
                 decision_ready);
      premature  any other state; premature_reason lists why (the not-ready reasons at that moment), or
                 'no_decision_unit' when the handed-off lead or contact has no known decision unit.
    Outcome: the first opportunity of the same decision unit, or the lead's own converted opportunity, created
    within var handoff_outcome_days days after the handoff (the converted opportunity counts even when it was
    created a moment before the recorded handoff).
    Long because: every judgement of a handoff (readiness at its second, the outcome opportunity,
    the label and its reasons) is made at the handoff's own moment in one pass over the handoffs; the
    outcome search, the one separable step, reads the same moments.
#}

{%- set ready_states = var('handoff_ready_states') -%}
{%- set outcome_days = var('handoff_outcome_days') | int -%}

with

handoffs as (

    select * from {{ ref('int_handoffs') }}

),

opportunities as (

    select * from {{ ref('opportunities') }}

),

handoff_moments as (

    select
        handoff_id as event_id,
        decision_unit_id,
        handed_off_at as moment_at
    from handoffs

),

readiness_at_handoff as (

    {{ readiness_at('handoff_moments') }}

),

as_of as (

    select {{ as_of_date_from(ref('signals')) }} as as_of_date

),

outcome_candidates as (

    -- opportunities of the unit created in the outcome period ...
    select
        handoffs.handoff_id,
        opportunities.opportunity_id,
        opportunities.created_at
    from handoffs
    inner join opportunities
        on
            handoffs.decision_unit_id = opportunities.decision_unit_id
            and handoffs.handed_off_at <= opportunities.created_at
            and opportunities.created_at <= {{ dbt.dateadd('day', outcome_days, 'handoffs.handed_off_at') }}

    union all

    -- ... and the lead's own converted opportunity, unless created after the outcome period
    select
        handoffs.handoff_id,
        opportunities.opportunity_id,
        opportunities.created_at
    from handoffs
    inner join opportunities
        on
            handoffs.converted_opportunity_id = opportunities.opportunity_id
            and opportunities.created_at <= {{ dbt.dateadd('day', outcome_days, 'handoffs.handed_off_at') }}

),

outcome_candidates_ranked as (

    select
        handoff_id,
        opportunity_id,
        row_number() over (
            partition by handoff_id
            order by created_at, opportunity_id
        ) as opportunity_rank
    from outcome_candidates

),

first_opportunities as (

    select
        outcome_candidates_ranked.handoff_id,
        opportunities.opportunity_id,
        opportunities.amount,
        opportunities.sales_cycle_days,
        opportunities.is_won,
        opportunities.created_at
    from outcome_candidates_ranked
    inner join opportunities
        on outcome_candidates_ranked.opportunity_id = opportunities.opportunity_id
    where outcome_candidates_ranked.opportunity_rank = 1

),

labelled as (

    select
        handoffs.*,
        readiness_at_handoff.readiness_state,
        readiness_at_handoff.authority_signals,
        {{ total_signals('engagement', 'readiness_at_handoff.') }}
        + {{ total_signals('intent', 'readiness_at_handoff.') }} as lookback_signals,
        {{ intent_layer_count('readiness_at_handoff.') }} as intent_layers,
        readiness_at_handoff.authority_signals > 0 as has_authority_engagement,
        readiness_at_handoff.is_in_window,
        readiness_at_handoff.not_ready_reasons,
        case
            when
                handoffs.decision_unit_id is not null
                and readiness_at_handoff.readiness_state in (
                    {%- for state in ready_states %}
                    '{{ state }}'{% if not loop.last %},{% endif %}
                    {%- endfor %}
                )
                then 'ready'
            else 'premature'
        end as handoff_quality
    from handoffs
    inner join readiness_at_handoff
        on handoffs.handoff_id = readiness_at_handoff.event_id

),

final as (

    select
        -- ids
        labelled.handoff_id,
        labelled.lead_id,
        labelled.contact_id,
        labelled.decision_unit_id,
        first_opportunities.opportunity_id,

        -- strings
        labelled.handoff_type,
        labelled.readiness_state as readiness_state_at_handoff,
        labelled.handoff_quality,
        case
            when labelled.handoff_quality = 'ready' then null
            when labelled.decision_unit_id is null then 'no_decision_unit'
            else coalesce(labelled.not_ready_reasons, 'state_not_ready')
        end as premature_reason,

        -- numerics
        cast(labelled.lookback_signals as {{ dbt.type_int() }}) as lookback_signal_count,
        cast(labelled.authority_signals as {{ dbt.type_int() }}) as authority_signal_count,
        cast(labelled.intent_layers as {{ dbt.type_int() }}) as intent_layer_count,
        first_opportunities.amount,
        cast(
            case
                when first_opportunities.created_at < labelled.handed_off_at then 0
                else {{ dbt.datediff('labelled.handed_off_at', 'first_opportunities.created_at', 'day') }}
            end as {{ dbt.type_int() }}
        ) as days_to_opportunity,
        first_opportunities.sales_cycle_days,

        -- booleans
        labelled.has_authority_engagement,
        labelled.is_in_window,
        first_opportunities.opportunity_id is not null as has_opportunity_within_90_days,
        first_opportunities.is_won,
        cast({{ dbt.dateadd('day', outcome_days, 'cast(labelled.handed_off_at as date)') }} as date)
        <= as_of.as_of_date as is_outcome_observed,

        -- timestamps
        labelled.handed_off_at

    from labelled
    cross join as_of
    left join first_opportunities
        on labelled.handoff_id = first_opportunities.handoff_id

)

select * from final
