-- A handoff is 'ready' exactly when it has a decision unit and its readiness state at the handoff is one of
-- var handoff_ready_states; premature_reason is null exactly for ready handoffs.
-- Returns the rows that break it.
{%- set ready_states = var('handoff_ready_states') %}

with

handoffs as (

    select * from {{ ref('handoffs') }}

),

judged as (

    select
        handoff_id,
        handoff_quality,
        premature_reason,
        case
            when
                decision_unit_id is not null
                and readiness_state_at_handoff in (
                    {%- for state in ready_states %}
                    '{{ state }}'{% if not loop.last %},{% endif %}
                    {%- endfor %}
                )
                then 'ready'
            else 'premature'
        end as expected_quality
    from handoffs

)

select * from judged
where
    handoff_quality != expected_quality
    or (handoff_quality = 'ready' and premature_reason is not null)
    or (handoff_quality = 'premature' and premature_reason is null)
