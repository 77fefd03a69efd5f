{#
    One signal per Salesforce task (at its activity date) and per event (at its start), source system
    crm_activity. The signal type is the task or event type (Call, Email, Meeting, ...); Salesforce often
    leaves it empty, and then the subtype gives it (seed crm_activity_subtype_map: TaskSubtype Call -> Call,
    ListEmail -> Email, EventSubtype Event -> Meeting, ...). With neither, the type stays null and the signal
    taxonomy's subject patterns decide (a subject naming a call, an email or a meeting included), before the
    signal is called unclassified. What the activity means for the decision is usually in its subject, which
    the taxonomy matches first. The channel is 'Sales ' followed by the type ('Sales Call', 'Sales Meeting';
    'Sales Activity' without one). The account is the one Salesforce derives (for a contact, the contact's
    facility; null for lead-only activities).
#}

with

tasks as (

    select * from {{ ref('stg_crm__tasks') }}

),

events as (

    select * from {{ ref('stg_crm__events') }}

),

crm_activity_subtype_map as (

    select * from {{ ref('crm_activity_subtype_map') }}

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
        task_subtype as activity_subtype,
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
        event_subtype as activity_subtype,
        subject,
        coalesce(started_at, created_at) as occurred_at
    from events

),

typed as (

    -- an empty type takes its subtype's type
    select
        sales_activities.*,
        coalesce(
            nullif(trim(sales_activities.activity_type), ''),
            crm_activity_subtype_map.signal_type
        ) as signal_type
    from sales_activities
    left join crm_activity_subtype_map
        on trim(sales_activities.activity_subtype) = crm_activity_subtype_map.activity_subtype

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
        signal_type,
        {{ dbt.concat(["'Sales '", "coalesce(signal_type, 'Activity')"]) }} as channel,
        cast(null as {{ dbt.type_string() }}) as url,
        cast(null as {{ dbt.type_string() }}) as asset_name,
        subject,
        cast(null as {{ dbt.type_string() }}) as topic,

        -- numerics
        cast(1 as {{ dbt.type_numeric() }}) as weight_multiplier,

        -- timestamps
        occurred_at as signal_at

    from typed

)

select * from final
