{#
    The generic lens (DOMAIN.md §6): one row per person (contact or lead) whose decayed score ever reached var
    mql_score_threshold, with the first signal at which it did. The decision unit and account are those of
    that signal, so the MQL is counted where the signal that made it happened. A contact and the lead it was
    converted from are two persons here, as they are two records in the CRM.
#}

with

person_scores as (

    select * from {{ ref('int_person_scores') }}

),

threshold_crossings as (

    select
        *,
        row_number() over (
            partition by person_type, person_id
            order by signal_at, signal_id
        ) as crossing_order
    from person_scores
    where score_after >= {{ var('mql_score_threshold') }}

),

final as (

    select
        -- ids
        person_id,
        contact_id,
        lead_id,
        account_id,
        decision_unit_id,
        signal_id as first_mql_signal_id,

        -- strings
        person_type,

        -- numerics
        score_after as first_mql_score,

        -- dates
        signal_date as first_mql_date,

        -- timestamps
        signal_at as first_mql_at

    from threshold_crossings
    where crossing_order = 1

)

select * from final
