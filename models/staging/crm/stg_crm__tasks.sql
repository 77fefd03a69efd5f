{{ tested_on_written_base_rows('base_crm__tasks', {'task_id': 'id'}) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_crm__tasks') }}
    where quarantine_reason is null

),

not_deleted as (

    select * from checked
    where not coalesce(is_deleted, false)

),

final as (

    select
        -- ids
        id as task_id,
        -- who_id and what_id are polymorphic: the Salesforce key prefix names the object
        case
            when who_id like '003%' then who_id
        end as contact_id,
        case
            when who_id like '00Q%' then who_id
        end as lead_id,
        case
            when what_id like '006%' then what_id
        end as opportunity_id,
        account_id,
        owner_id as owner_user_id,
        who_id,
        what_id,

        -- strings
        subject,
        type as task_type,
        task_subtype,
        status as task_status,

        -- dates
        cast(activity_date as date) as activity_date,

        -- timestamps
        created_date as created_at

    from not_deleted

)

select * from final
