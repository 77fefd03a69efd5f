{{ tested_on_written_base_rows('base_crm__contacts', {'contact_id': 'id'}) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_crm__contacts') }}
    where quarantine_reason is null

),

not_deleted as (

    select * from checked
    where not coalesce(cast(is_deleted as {{ dbt.type_boolean() }}), false)

),

final as (

    select
        -- ids
        cast(id as {{ dbt.type_string() }}) as contact_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(owner_id as {{ dbt.type_string() }}) as owner_user_id,

        -- strings
        cast(first_name as {{ dbt.type_string() }}) as first_name,
        cast(last_name as {{ dbt.type_string() }}) as last_name,
        nullif(lower(trim(cast(email as {{ dbt.type_string() }}))), '') as email,
        cast(phone as {{ dbt.type_string() }}) as phone,
        nullif(trim(cast(title as {{ dbt.type_string() }})), '') as title,
        nullif(trim(cast(department as {{ dbt.type_string() }})), '') as department,
        cast(lead_source as {{ dbt.type_string() }}) as lead_source,

        -- timestamps
        cast(created_date as {{ dbt.type_timestamp() }}) as created_at,
        cast(last_modified_date as {{ dbt.type_timestamp() }}) as last_modified_at

    from not_deleted

)

select * from final
