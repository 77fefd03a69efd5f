{#
    The signals mart: one row per signal of every source (DOMAIN.md §4-§5) with what it means (class,
    stage, weight, half-life), who sent it (decision layer, authority tier), where it rolls up (account,
    decision unit) and when it fell (fiscal year, budget and renewal windows). No personal data: people are
    ids, and URLs, asset names and subjects stay in the intermediate models.

    Incremental by content: every signal carries signal_row_hash, a hash of all its columns, and a run
    writes the signals whose (signal_id, signal_row_hash) is not in the table yet: new signals, and signals
    whose content changed (a task edited in the CRM, a contact whose title now gives another layer, a
    taxonomy edit). With unique_key signal_id, the changed ones replace their old version (delete+insert).
    It does not use a max(signal_at) watermark because sources deliver late rows (a marketing activity from
    last month arrives in today's file, a task is logged days after it happened): their signal_at is older
    than the watermark and a watermark filter would skip them forever. What an incremental run cannot see is
    a source row that disappeared: after deletes, run with --full-refresh (the test
    signals_without_a_source_row warns when that is needed).
#}

{{
    config(
        materialized=incremental_materialization(),
        incremental_strategy=incremental_strategy(),
        unique_key='signal_id',
        on_schema_change='append_new_columns',
    )
}}

with

signals_timed as (

    select * from {{ ref('int_signals_timed') }}

),

typed as (

    select
        -- ids
        cast(signal_id as {{ dbt.type_string() }}) as signal_id,
        cast(source_record_id as {{ dbt.type_string() }}) as source_record_id,
        cast(contact_id as {{ dbt.type_string() }}) as contact_id,
        cast(lead_id as {{ dbt.type_string() }}) as lead_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(decision_unit_id as {{ dbt.type_string() }}) as decision_unit_id,
        cast(opportunity_id as {{ dbt.type_string() }}) as opportunity_id,
        cast(campaign_id as {{ dbt.type_string() }}) as campaign_id,

        -- strings
        cast(source_system as {{ dbt.type_string() }}) as source_system,
        cast(signal_type as {{ dbt.type_string() }}) as signal_type,
        cast(signal_class as {{ dbt.type_string() }}) as signal_class,
        cast(signal_stage as {{ dbt.type_string() }}) as signal_stage,
        cast(decision_layer as {{ dbt.type_string() }}) as decision_layer,
        cast(authority_tier as {{ dbt.type_string() }}) as authority_tier,
        cast(channel as {{ dbt.type_string() }}) as channel,
        cast(topic as {{ dbt.type_string() }}) as topic,
        cast(timing_unknown_reason as {{ dbt.type_string() }}) as timing_unknown_reason,

        -- numerics
        weight,
        cast(half_life_days as {{ dbt.type_int() }}) as half_life_days,
        cast(days_to_fiscal_year_start as {{ dbt.type_int() }}) as days_to_fiscal_year_start,
        cast(days_to_incumbent_contract_end as {{ dbt.type_int() }}) as days_to_incumbent_contract_end,

        -- booleans
        cast(is_in_budget_window as {{ dbt.type_boolean() }}) as is_in_budget_window,
        cast(is_in_renewal_window as {{ dbt.type_boolean() }}) as is_in_renewal_window,
        cast(is_in_window as {{ dbt.type_boolean() }}) as is_in_window,

        -- dates
        cast(signal_date as date) as signal_date,

        -- timestamps
        cast(signal_at as {{ dbt.type_timestamp() }}) as signal_at

    from signals_timed

),

{%- set hashed_columns = [
    'signal_id', 'source_record_id', 'contact_id', 'lead_id', 'account_id', 'decision_unit_id',
    'opportunity_id', 'campaign_id', 'source_system', 'signal_type', 'signal_class', 'signal_stage',
    'decision_layer', 'authority_tier', 'channel', 'topic', 'timing_unknown_reason', 'weight', 'half_life_days',
    'days_to_fiscal_year_start', 'days_to_incumbent_contract_end', 'is_in_budget_window',
    'is_in_renewal_window', 'is_in_window', 'signal_date', 'signal_at',
] %}

hashed as (

    select
        typed.*,
        {{ row_hash(hashed_columns, 'typed') }} as signal_row_hash
    from typed

),

final as (

    select * from hashed
    {#- a table built before signal_row_hash existed gets every row rewritten once #}
    {% if is_incremental() and has_column(this, 'signal_row_hash') %}
    where {{ no_row_matches(this, 'hashed', ['signal_id', 'signal_row_hash']) }}
    {% endif %}

)

select * from final
