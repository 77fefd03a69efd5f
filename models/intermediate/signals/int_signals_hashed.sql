{#
    Every signal of the chain typed as the signals mart stores it, with signal_row_hash, a hash of all its
    columns: what the mart is built from on a full refresh, and what int_signal_changes compares with the
    stored mart on a daily run. A view: the 12M-row chain is written once, as signals.
#}

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

hashed as (

    select
        typed.*,
        {{ row_hash(signal_columns(), 'typed') }} as signal_row_hash
    from typed

)

select * from hashed
