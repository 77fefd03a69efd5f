{{ tested_on_written_base_rows('base_crm__accounts', {'account_id': 'id'}) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_crm__accounts') }}
    where quarantine_reason is null

),

not_deleted as (

    select * from checked
    where not coalesce(cast(is_deleted as {{ dbt.type_boolean() }}), false)

),

final as (

    select
        -- ids
        cast(id as {{ dbt.type_string() }}) as account_id,
        cast(parent_id as {{ dbt.type_string() }}) as parent_account_id,
        cast(owner_id as {{ dbt.type_string() }}) as owner_user_id,

        -- strings
        cast(name as {{ dbt.type_string() }}) as account_name,
        cast(type as {{ dbt.type_string() }}) as account_type,
        cast(industry as {{ dbt.type_string() }}) as industry,
        cast(facility_type_c as {{ dbt.type_string() }}) as facility_type,
        cast(gpo_c as {{ dbt.type_string() }}) as gpo_name,
        cast(website as {{ dbt.type_string() }}) as website,
        {{ normalized_web_domain('cast(website as ' ~ dbt.type_string() ~ ')') }} as website_domain,
        cast(billing_city as {{ dbt.type_string() }}) as billing_city,
        cast(billing_state as {{ dbt.type_string() }}) as billing_state,
        cast(billing_postal_code as {{ dbt.type_string() }}) as billing_postal_code,
        cast(billing_country as {{ dbt.type_string() }}) as billing_country,

        -- numerics
        cast(number_of_employees as {{ dbt.type_int() }}) as employee_count,
        cast(annual_revenue as {{ dbt.type_numeric() }}) as annual_revenue,
        cast(bed_count_c as {{ dbt.type_int() }}) as bed_count,
        cast(fiscal_year_start_month_c as {{ dbt.type_int() }}) as fiscal_year_start_month,

        -- booleans
        cast(is_independent_decider_c as {{ dbt.type_boolean() }}) as is_independent_decider,

        -- timestamps
        cast(created_date as {{ dbt.type_timestamp() }}) as created_at,
        cast(last_modified_date as {{ dbt.type_timestamp() }}) as last_modified_at

    from not_deleted

)

select * from final
