{{ tested_on_written_base_rows('base_contracts__contracts', {'contract_id': 'id'}) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_contracts__contracts') }}
    where
        quarantine_reason is null
        -- deleted at the source (Fivetran's _fivetran_deleted; this table has no is_deleted of its own)
        and not coalesce(is_deleted, false)

),

final as (

    select
        -- ids
        id as contract_id,
        account_id,

        -- strings
        vendor_name,
        product_category,

        -- numerics
        cast(annual_value as {{ dbt.type_numeric() }}) as annual_value,

        -- booleans
        is_ours,

        -- dates
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date

    from checked

)

select * from final
