{#
    The generic lens (DOMAIN.md §6): one row per person (contact or lead) whose decayed score ever reached var
    mql_score_threshold, with the first signal at which it did. The decision unit and account are those of
    that signal, so the MQL is counted where the signal that made it happened. A contact and the lead it was
    converted from are two persons here, as they are two records in the CRM.

    Incremental by person, as int_person_scores: a daily run judges again the persons whose scores it
    recomputed (changed_persons()); the pre-hook deletes their rows first, so a person whose score no longer
    reaches the threshold loses its row.
#}

-- depends_on: {{ ref('int_signal_changes') }}
{{
    config(
        materialized=incremental_materialization(),
        incremental_strategy=strategy_after_pre_hook_delete(),
        unique_key=['person_type', 'person_id'],
        on_schema_change='fail',
        pre_hook="{{ delete_recomputed_rows(this, changed_persons(), ['person_type', 'person_id']) }}",
    )
}}

with

person_scores as (

    select person_scores.*
    from {{ ref('int_person_scores') }} as person_scores
    {%- if is_incremental() %}
    inner join ({{ changed_persons() }}) as changed_persons
        on
            person_scores.person_type = changed_persons.person_type
            and person_scores.person_id = changed_persons.person_id
    {%- endif %}

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
