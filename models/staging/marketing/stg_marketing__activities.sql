{{ tested_on_written_base_rows('base_marketing__activities', {'activity_id': 'id'}) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_marketing__activities') }}
    where
        quarantine_reason is null
        -- deleted at the source (Fivetran's _fivetran_deleted; this table has no is_deleted of its own)
        and not coalesce(is_deleted, false)

),

final as (

    select
        -- ids
        id as activity_id,
        contact_id,
        lead_id,
        campaign_id,

        -- strings
        activity_type,
        channel,
        asset_name,
        url,

        -- timestamps
        occurred_at

    from checked

)

select * from final
