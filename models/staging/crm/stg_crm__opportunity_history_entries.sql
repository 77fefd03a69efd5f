with

source as (

    select * from {{ source('crm', 'opportunity_history') }}

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
        cast(id as {{ dbt.type_string() }}) as opportunity_history_entry_id,
        cast(opportunity_id as {{ dbt.type_string() }}) as opportunity_id,

        -- strings
        cast(stage_name as {{ dbt.type_string() }}) as stage_name,

        -- numerics
        cast(amount as {{ dbt.type_numeric() }}) as amount,
        cast(probability as {{ dbt.type_numeric() }}) as probability,

        -- dates
        cast(close_date as date) as close_date,

        -- timestamps
        cast(created_date as {{ dbt.type_timestamp() }}) as created_at

    from not_deleted

)

select * from final
