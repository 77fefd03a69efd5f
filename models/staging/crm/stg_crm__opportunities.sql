{{ tested_on_written_base_rows('base_crm__opportunities', {'opportunity_id': 'id'}) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_crm__opportunities') }}
    where quarantine_reason is null

),

not_deleted as (

    select * from checked
    where not coalesce(is_deleted, false)

),

final as (

    select
        -- ids
        id as opportunity_id,
        account_id,
        campaign_id,
        owner_id as owner_user_id,

        -- strings
        name as opportunity_name,
        type as opportunity_type,
        stage_name,
        forecast_category,
        lead_source,

        -- numerics
        cast(amount as {{ dbt.type_numeric() }}) as amount,
        cast(probability as {{ dbt.type_numeric() }}) as probability,

        -- booleans
        is_closed,
        is_won,

        -- dates
        cast(close_date as date) as close_date,

        -- timestamps
        created_date as created_at,
        last_modified_date as last_modified_at

    from not_deleted

)

select * from final
