{{ tested_on_written_base_rows('base_crm__campaign_members', {'campaign_member_id': 'id'}) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_crm__campaign_members') }}
    where quarantine_reason is null

),

not_deleted as (

    select * from checked
    where not coalesce(is_deleted, false)

),

final as (

    select
        -- ids
        id as campaign_member_id,
        campaign_id,
        contact_id,
        lead_id,

        -- strings
        status as member_status,

        -- booleans
        has_responded,

        -- dates
        cast(first_responded_date as date) as first_responded_date,

        -- timestamps
        created_date as created_at

    from not_deleted

)

select * from final
