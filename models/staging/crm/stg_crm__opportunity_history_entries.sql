{{ tested_on_written_base_rows(
    'base_crm__opportunity_history_entries', {'opportunity_history_entry_id': 'id'}
) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_crm__opportunity_history_entries') }}
    where quarantine_reason is null

),

not_deleted as (

    select * from checked
    where not coalesce(cast(is_deleted as {{ dbt.type_boolean() }}), false)

),

final as (

    select
        -- ids
        cast(id as {{ dbt.type_string() }}) as opportunity_history_entry_id,
        cast(opportunity_id as {{ dbt.type_string() }}) as opportunity_id,

        -- strings
        cast(stage_name as {{ dbt.type_string() }}) as stage_name,

        -- numerics
        cast(amount as {{ dbt.type_numeric() }}) as amount,
        cast(probability as {{ dbt.type_numeric() }}) as probability,

        -- dates
        cast(close_date as date) as close_date,

        -- timestamps
        cast(created_date as {{ dbt.type_timestamp() }}) as created_at

    from not_deleted

)

select * from final
