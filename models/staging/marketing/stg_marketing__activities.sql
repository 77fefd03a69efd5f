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

    from checked

)

select * from final
