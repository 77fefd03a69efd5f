-- The outcome opportunity of a handoff belongs to its decision unit (or is the lead's converted opportunity)
-- and was created within var handoff_outcome_days days after the handoff (the converted one may precede it by
-- a moment). Returns the handoffs that break it.
{%- set outcome_days = var('handoff_outcome_days') | int %}

with

handoffs as (

    select * from {{ ref('handoffs') }}

),

int_handoffs as (

    select * from {{ ref('int_handoffs') }}

),

opportunities as (

    select * from {{ ref('opportunities') }}

),

outcomes as (

    select
        handoffs.handoff_id,
        handoffs.handed_off_at,
        handoffs.decision_unit_id,
        handoffs.has_opportunity_within_90_days,
        handoffs.days_to_opportunity,
        int_handoffs.converted_opportunity_id,
        opportunities.opportunity_id,
        opportunities.decision_unit_id as opportunity_decision_unit_id,
        opportunities.created_at as opportunity_created_at
    from handoffs
    inner join int_handoffs
        on handoffs.handoff_id = int_handoffs.handoff_id
    left join opportunities
        on handoffs.opportunity_id = opportunities.opportunity_id

)

select * from outcomes
where
    has_opportunity_within_90_days != (opportunity_id is not null)
    or days_to_opportunity > {{ outcome_days }}
    or opportunity_created_at > {{ dbt.dateadd('day', outcome_days, 'handed_off_at') }}
    or (
        opportunity_id != coalesce(converted_opportunity_id, '')
        and (
            opportunity_decision_unit_id != decision_unit_id
            or opportunity_created_at < handed_off_at
        )
    )
