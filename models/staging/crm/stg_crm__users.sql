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
        cast(id as {{ dbt.type_string() }}) as user_id,
        cast(user_role_id as {{ dbt.type_string() }}) as user_role_id,

        -- strings
        cast(name as {{ dbt.type_string() }}) as user_name,
        nullif(lower(trim(cast(email as {{ dbt.type_string() }}))), '') as email,
        nullif(trim(cast(title as {{ dbt.type_string() }})), '') as title,
        nullif(trim(cast(department as {{ dbt.type_string() }})), '') as department,

        -- booleans
        cast(is_active as {{ dbt.type_boolean() }}) as is_active

    from checked

)

select * from final
