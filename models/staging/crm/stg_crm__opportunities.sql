{{ tested_on_written_base_rows('base_crm__opportunities', {'opportunity_id': 'id'}) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_crm__opportunities') }}
    where quarantine_reason is null

),

not_deleted as (

    select * from checked
    where not coalesce(cast(is_deleted as {{ dbt.type_boolean() }}), false)

),

final as (

    select
        -- ids
        cast(id as {{ dbt.type_string() }}) as opportunity_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(campaign_id as {{ dbt.type_string() }}) as campaign_id,
        cast(owner_id as {{ dbt.type_string() }}) as owner_user_id,

        -- strings
        cast(name as {{ dbt.type_string() }}) as opportunity_name,
        cast(type as {{ dbt.type_string() }}) as opportunity_type,
        cast(stage_name as {{ dbt.type_string() }}) as stage_name,
        cast(forecast_category as {{ dbt.type_string() }}) as forecast_category,
        cast(lead_source as {{ dbt.type_string() }}) as lead_source,

        -- numerics
        cast(amount as {{ dbt.type_numeric() }}) as amount,
        cast(probability as {{ dbt.type_numeric() }}) as probability,

        -- booleans
        cast(is_closed as {{ dbt.type_boolean() }}) as is_closed,
        cast(is_won as {{ dbt.type_boolean() }}) as is_won,

        -- dates
        cast(close_date as date) as close_date,

        -- timestamps
        cast(created_date as {{ dbt.type_timestamp() }}) as created_at,
        cast(last_modified_date as {{ dbt.type_timestamp() }}) as last_modified_at

    from not_deleted

)

select * from final
