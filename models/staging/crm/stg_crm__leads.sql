{{ tested_on_written_base_rows('base_crm__leads', {'lead_id': 'id'}) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_crm__leads') }}
    where quarantine_reason is null

),

not_deleted as (

    select * from checked
    where not coalesce(is_deleted, false)

),

final as (

    select
        -- ids
        id as lead_id,
        converted_account_id,
        converted_contact_id,
        converted_opportunity_id,
        owner_id as owner_user_id,

        -- strings
        first_name,
        last_name,
        nullif(lower(trim(email)), '') as email,
        nullif(trim(title), '') as title,
        company as company_name,
        status as lead_status,
        lead_source,

        -- booleans
        is_converted,

        -- dates
        cast(converted_date as date) as converted_date,

        -- timestamps
        created_date as created_at,
        last_modified_date as last_modified_at

    from not_deleted

)

select * from final
