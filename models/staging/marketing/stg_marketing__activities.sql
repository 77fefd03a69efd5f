with

source as (

    select * from {{ source('marketing', 'activity') }}

),

deduplicated as (

    -- an ELT retry can deliver the same row twice: identical rows are kept once
    select distinct * from source

),

final as (

    select
        -- ids
        cast(id as {{ dbt.type_string() }}) as activity_id,
        cast(contact_id as {{ dbt.type_string() }}) as contact_id,
        cast(lead_id as {{ dbt.type_string() }}) as lead_id,
        cast(campaign_id as {{ dbt.type_string() }}) as campaign_id,

        -- strings
        cast(activity_type as {{ dbt.type_string() }}) as activity_type,
        cast(channel as {{ dbt.type_string() }}) as channel,
        cast(asset_name as {{ dbt.type_string() }}) as asset_name,
        cast(url as {{ dbt.type_string() }}) as url,

        -- timestamps
        cast(occurred_at as {{ dbt.type_timestamp() }}) as occurred_at

    from deduplicated

)

select * from final
