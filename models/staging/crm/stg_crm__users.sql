{{ tested_on_written_base_rows('base_crm__users', {'user_id': 'id'}) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_crm__users') }}
    where
        quarantine_reason is null
        -- deleted at the source (Fivetran's _fivetran_deleted; this table has no is_deleted of its own)
        and not coalesce(is_deleted, false)

),

final as (

    select
        -- ids
        id as user_id,
        user_role_id,

        -- strings
        name as user_name,
        nullif(lower(trim(email)), '') as email,
        nullif(trim(title), '') as title,
        nullif(trim(department), '') as department,

        -- booleans
        is_active

    from checked

)

select * from final
