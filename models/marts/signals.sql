{#
    The signals mart: one row per signal of every source (DOMAIN.md §4-§5) with what it means (class,
    stage, weight, half-life), who sent it (decision layer, authority tier), where it rolls up (account,
    decision unit) and when it fell (fiscal year, budget and renewal windows). No personal data: people are
    ids, and URLs, asset names and subjects stay in the intermediate models.

    Incremental, insert-only by signal_id: a run adds the signals whose signal_id is not in the table yet.
    It does not use a max(signal_at) watermark because sources deliver late rows (a marketing activity from
    last month arrives in today's file, a task is logged days after it happened): their signal_at is older
    than the watermark and a watermark filter would skip them forever. The anti-join on signal_id catches
    every new row, whatever its date. Rows already in the table are never updated: after a change that alters
    existing signals (taxonomy or topic-relevance seed, a title or role pattern, the account hierarchy,
    contracts, a timing var, deleted source records) run with --full-refresh.
#}

{{
    config(
        materialized='incremental',
        unique_key='signal_id',
        on_schema_change='fail',
    )
}}

with

signals_timed as (

    select * from {{ ref('int_signals_timed') }}

),

new_signals as (

    select * from signals_timed
    {% if is_incremental() %}
    where not exists (
        select 1
        from {{ this }} as existing_signals
        where existing_signals.signal_id = signals_timed.signal_id
    )
    {% endif %}

),

final as (

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

    from new_signals

)

select * from final
