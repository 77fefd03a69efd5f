{{ tested_on_written_base_rows('base_crm__campaigns', {'campaign_id': 'id'}) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_crm__campaigns') }}
    where quarantine_reason is null

),

not_deleted as (

    select * from checked
    where not coalesce(is_deleted, false)

),

final as (

    select
        -- ids
        id as campaign_id,
        parent_id as parent_campaign_id,

        -- strings
        name as campaign_name,
        type as campaign_type,
        status as campaign_status,

        -- numerics
        cast(budgeted_cost as {{ dbt.type_numeric() }}) as budgeted_cost,
        cast(actual_cost as {{ dbt.type_numeric() }}) as actual_cost,

        -- booleans
        is_active,

        -- dates
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date,

        -- timestamps
        created_date as created_at

    from not_deleted

)

select * from final
