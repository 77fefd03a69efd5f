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
    where not coalesce(cast(is_deleted as {{ dbt.type_boolean() }}), false)

),

final as (

    select
        -- ids
        cast(id as {{ dbt.type_string() }}) as opportunity_contact_role_id,
        cast(opportunity_id as {{ dbt.type_string() }}) as opportunity_id,
        cast(contact_id as {{ dbt.type_string() }}) as contact_id,

        -- strings
        cast(role as {{ dbt.type_string() }}) as contact_role,

        -- booleans
        cast(is_primary as {{ dbt.type_boolean() }}) as is_primary,

        -- timestamps
        cast(created_date as {{ dbt.type_timestamp() }}) as created_at,
        cast(last_modified_date as {{ dbt.type_timestamp() }}) as last_modified_at

    from not_deleted

)

select * from final
