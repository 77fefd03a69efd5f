with

source as (

    select * from {{ source('crm', 'contact') }}

),

deduplicated as (

    -- an ELT retry can deliver the same row twice: identical rows are kept once
    select distinct * from source

),

not_deleted as (

    select * from deduplicated
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
