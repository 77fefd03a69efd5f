{{ tested_on_written_base_rows('base_crm__campaigns', {'campaign_id': 'id'}) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_crm__campaigns') }}
    where quarantine_reason is null

),

not_deleted as (

    select * from checked
    where not coalesce(cast(is_deleted as {{ dbt.type_boolean() }}), false)

),

final as (

    select
        -- ids
        cast(id as {{ dbt.type_string() }}) as campaign_id,
        cast(parent_id as {{ dbt.type_string() }}) as parent_campaign_id,

        -- strings
        cast(name as {{ dbt.type_string() }}) as campaign_name,
        cast(type as {{ dbt.type_string() }}) as campaign_type,
        cast(status as {{ dbt.type_string() }}) as campaign_status,

        -- numerics
        cast(budgeted_cost as {{ dbt.type_numeric() }}) as budgeted_cost,
        cast(actual_cost as {{ dbt.type_numeric() }}) as actual_cost,

        -- booleans
        cast(is_active as {{ dbt.type_boolean() }}) as is_active,

        -- dates
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date,

        -- timestamps
        cast(created_date as {{ dbt.type_timestamp() }}) as created_at

    from not_deleted

)

select * from final
