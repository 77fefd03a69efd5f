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
    where not coalesce(is_deleted, false)

),

final as (

    select
        -- ids
        id as opportunity_history_entry_id,
        opportunity_id,

        -- strings
        stage_name,

        -- numerics
        cast(amount as {{ dbt.type_numeric() }}) as amount,
        cast(probability as {{ dbt.type_numeric() }}) as probability,

        -- dates
        cast(close_date as date) as close_date,

        -- timestamps
        created_date as created_at

    from not_deleted

)

select * from final
