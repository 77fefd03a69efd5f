{{ tested_on_written_base_rows('base_crm__contacts', {'contact_id': 'id'}) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_crm__contacts') }}
    where quarantine_reason is null

),

not_deleted as (

    select * from checked
    where not coalesce(is_deleted, false)

),

final as (

    select
        -- ids
        id as contact_id,
        account_id,
        owner_id as owner_user_id,

        -- strings
        first_name,
        last_name,
        nullif(lower(trim(email)), '') as email,
        phone,
        nullif(trim(title), '') as title,
        nullif(trim(department), '') as department,
        lead_source,

        -- timestamps
        created_date as created_at,
        last_modified_date as last_modified_at

    from not_deleted

)

select * from final
