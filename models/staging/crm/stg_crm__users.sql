with

source as (

    select * from {{ source('crm', 'user') }}

),

deduplicated as (

    -- an ELT retry can deliver the same row twice: identical rows are kept once
    select distinct * from source

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

    from deduplicated

)

select * from final
