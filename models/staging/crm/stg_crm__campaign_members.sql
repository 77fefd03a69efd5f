{{ tested_on_written_base_rows('base_crm__campaign_members', {'campaign_member_id': 'id'}) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_crm__campaign_members') }}
    where quarantine_reason is null

),

not_deleted as (

    select * from checked
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
