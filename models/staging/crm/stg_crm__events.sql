{{ tested_on_written_base_rows('base_crm__events', {'event_id': 'id'}) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_crm__events') }}
    where quarantine_reason is null

),

not_deleted as (

    select * from checked
    where not coalesce(cast(is_deleted as {{ dbt.type_boolean() }}), false)

),

final as (

    select
        -- ids
        cast(id as {{ dbt.type_string() }}) as event_id,
        -- who_id and what_id are polymorphic: the Salesforce key prefix names the object
        case
            when who_id like '003%' then cast(who_id as {{ dbt.type_string() }})
        end as contact_id,
        case
            when who_id like '00Q%' then cast(who_id as {{ dbt.type_string() }})
        end as lead_id,
        case
            when what_id like '006%' then cast(what_id as {{ dbt.type_string() }})
        end as opportunity_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(owner_id as {{ dbt.type_string() }}) as owner_user_id,
        cast(who_id as {{ dbt.type_string() }}) as who_id,
        cast(what_id as {{ dbt.type_string() }}) as what_id,

        -- strings
        cast(subject as {{ dbt.type_string() }}) as subject,
        cast(type as {{ dbt.type_string() }}) as event_type,
        cast(event_subtype as {{ dbt.type_string() }}) as event_subtype,

        -- timestamps
        cast(start_date_time as {{ dbt.type_timestamp() }}) as started_at,
        cast(end_date_time as {{ dbt.type_timestamp() }}) as ended_at,
        cast(created_date as {{ dbt.type_timestamp() }}) as created_at

    from not_deleted

)

select * from final
