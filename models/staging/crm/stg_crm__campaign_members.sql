with

source as (

    select * from {{ source('crm', 'campaign_member') }}

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
        cast(id as {{ dbt.type_string() }}) as campaign_member_id,
        cast(campaign_id as {{ dbt.type_string() }}) as campaign_id,
        cast(contact_id as {{ dbt.type_string() }}) as contact_id,
        cast(lead_id as {{ dbt.type_string() }}) as lead_id,

        -- strings
        cast(status as {{ dbt.type_string() }}) as member_status,

        -- booleans
        cast(has_responded as {{ dbt.type_boolean() }}) as has_responded,

        -- dates
        cast(first_responded_date as date) as first_responded_date,

        -- timestamps
        cast(created_date as {{ dbt.type_timestamp() }}) as created_at

    from not_deleted

)

select * from final
