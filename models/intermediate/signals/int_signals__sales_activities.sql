{#
    One signal per Salesforce task (at its activity date) and per event (at its start), source system
    crm_activity. The signal type is the task or event type (Call, Email, Meeting, ...); what the activity
    means for the decision is usually in its subject, which the signal taxonomy matches. The channel is
    'Sales ' followed by the type ('Sales Call', 'Sales Meeting'). The account is the one Salesforce derives
    (for a contact, the contact's facility; null for lead-only activities).
#}

with

tasks as (

    select * from {{ ref('stg_crm__tasks') }}

),

events as (

    select * from {{ ref('stg_crm__events') }}

),

sales_activities as (

    -- tasks and events in one shape; a task without an activity date (Salesforce allows it) falls back
    -- to its creation, an event without a start too
    select
        task_id as activity_id,
        contact_id,
        lead_id,
        account_id,
        opportunity_id,
        task_type as activity_type,
        subject,
        coalesce(cast(activity_date as {{ dbt.type_timestamp() }}), created_at) as occurred_at
    from tasks
    union all
    select
        event_id as activity_id,
        contact_id,
        lead_id,
        account_id,
        opportunity_id,
        event_type as activity_type,
        subject,
        coalesce(started_at, created_at) as occurred_at
    from events

),

final as (

    select
        -- ids
        {{ dbt.concat(["'crm_activity:'", "activity_id"]) }} as signal_id,
        activity_id as source_record_id,
        contact_id,
        lead_id,
        account_id,
        opportunity_id,
        cast(null as {{ dbt.type_string() }}) as campaign_id,

        -- strings
        'crm_activity' as source_system,
        activity_type as signal_type,
        {{ dbt.concat(["'Sales '", "coalesce(activity_type, 'Activity')"]) }} as channel,
        cast(null as {{ dbt.type_string() }}) as url,
        cast(null as {{ dbt.type_string() }}) as asset_name,
        subject,
        cast(null as {{ dbt.type_string() }}) as topic,

        -- numerics
        cast(1 as {{ dbt.type_numeric() }}) as weight_multiplier,

        -- timestamps
        occurred_at as signal_at

    from sales_activities

)

select * from final
