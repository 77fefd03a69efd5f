with

source as (

    select * from {{ source('contracts', 'contract') }}

),

deduplicated as (

    -- an ELT retry can deliver the same row twice: identical rows are kept once
    select distinct * from source

),

final as (

    select
        -- ids
        cast(id as {{ dbt.type_string() }}) as contract_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,

        -- strings
        cast(vendor_name as {{ dbt.type_string() }}) as vendor_name,
        cast(product_category as {{ dbt.type_string() }}) as product_category,

        -- numerics
        cast(annual_value as {{ dbt.type_numeric() }}) as annual_value,

        -- booleans
        cast(is_ours as {{ dbt.type_boolean() }}) as is_ours,

        -- dates
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date

    from deduplicated

)

select * from final
