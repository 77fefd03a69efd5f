{{ tested_on_written_base_rows('base_crm__accounts', {'account_id': 'id'}) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_crm__accounts') }}
    where quarantine_reason is null

),

not_deleted as (

    select * from checked
    where not coalesce(is_deleted, false)

),

final as (

    select
        -- ids
        id as account_id,
        parent_id as parent_account_id,
        owner_id as owner_user_id,

        -- strings
        name as account_name,
        type as account_type,
        industry,
        facility_type_c as facility_type,
        gpo_c as gpo_name,
        website,
        {{ normalized_web_domain('cast(website as ' ~ dbt.type_string() ~ ')') }} as website_domain,
        billing_city,
        billing_state,
        billing_postal_code,
        billing_country,

        -- numerics
        cast(number_of_employees as {{ dbt.type_int() }}) as employee_count,
        cast(annual_revenue as {{ dbt.type_numeric() }}) as annual_revenue,
        cast(bed_count_c as {{ dbt.type_int() }}) as bed_count,
        cast(fiscal_year_start_month_c as {{ dbt.type_int() }}) as fiscal_year_start_month,

        -- booleans
        is_independent_decider_c as is_independent_decider,

        -- timestamps
        created_date as created_at,
        last_modified_date as last_modified_at

    from not_deleted

)

select * from final
