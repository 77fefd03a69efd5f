{{ tested_on_written_base_rows('base_crm__lead_history_entries', {'lead_history_entry_id': 'id'}) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_crm__lead_history_entries') }}
    where
        quarantine_reason is null
        -- deleted at the source (Fivetran's _fivetran_deleted; this table has no is_deleted of its own)
        and not coalesce(is_deleted, false)

),

final as (

    select
        -- ids
        id as lead_history_entry_id,
        lead_id,

        -- strings
        field as field_name,
        old_value,
        new_value,

        -- timestamps
        created_date as created_at

    from checked

)

select * from final
