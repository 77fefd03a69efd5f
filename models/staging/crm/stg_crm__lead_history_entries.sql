with

source as (

    select * from {{ source('crm', 'lead_history') }}

),

deduplicated as (

    -- an ELT retry can deliver the same row twice: identical rows are kept once
    select distinct * from source

),

final as (

    select
        -- ids
        cast(id as {{ dbt.type_string() }}) as lead_history_entry_id,
        cast(lead_id as {{ dbt.type_string() }}) as lead_id,

        -- strings
        cast(field as {{ dbt.type_string() }}) as field_name,
        cast(old_value as {{ dbt.type_string() }}) as old_value,
        cast(new_value as {{ dbt.type_string() }}) as new_value,

        -- timestamps
        cast(created_date as {{ dbt.type_timestamp() }}) as created_at

    from deduplicated

)

select * from final
