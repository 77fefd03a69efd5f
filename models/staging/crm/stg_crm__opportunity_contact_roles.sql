{{ tested_on_written_base_rows(
    'base_crm__opportunity_contact_roles', {'opportunity_contact_role_id': 'id'}
) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_crm__opportunity_contact_roles') }}
    where quarantine_reason is null

),

not_deleted as (

    select * from checked
    where not coalesce(is_deleted, false)

),

final as (

    select
        -- ids
        id as opportunity_contact_role_id,
        opportunity_id,
        contact_id,

        -- strings
        role as contact_role,

        -- booleans
        is_primary,

        -- timestamps
        created_date as created_at,
        last_modified_date as last_modified_at

    from not_deleted

)

select * from final
