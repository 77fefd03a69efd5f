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
        cast(id as {{ dbt.type_string() }}) as lead_history_entry_id,
        cast(lead_id as {{ dbt.type_string() }}) as lead_id,

        -- strings
        cast(field as {{ dbt.type_string() }}) as field_name,
        cast(old_value as {{ dbt.type_string() }}) as old_value,
        cast(new_value as {{ dbt.type_string() }}) as new_value,

        -- timestamps
        cast(created_date as {{ dbt.type_timestamp() }}) as created_at

    from checked

)

select * from final
