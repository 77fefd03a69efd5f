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

task_signals as (

    select
        -- ids
        {{ dbt.concat(["'crm_activity:'", "task_id"]) }} as signal_id,
        task_id as source_record_id,
        contact_id,
        lead_id,
        account_id,
        opportunity_id,
        cast(null as {{ dbt.type_string() }}) as campaign_id,

        -- strings
        'crm_activity' as source_system,
        task_type as signal_type,
        {{ dbt.concat(["'Sales '", "coalesce(task_type, 'Activity')"]) }} as channel,
        cast(null as {{ dbt.type_string() }}) as url,
        cast(null as {{ dbt.type_string() }}) as asset_name,
        subject,
        cast(null as {{ dbt.type_string() }}) as topic,

        -- numerics
        cast(1 as {{ dbt.type_numeric() }}) as weight_multiplier,

        -- timestamps
        -- a task without an activity date (Salesforce allows it) falls back to its creation
        coalesce(cast(activity_date as {{ dbt.type_timestamp() }}), created_at) as signal_at

    from tasks

),

event_signals as (

    select
        -- ids
        {{ dbt.concat(["'crm_activity:'", "event_id"]) }} as signal_id,
        event_id as source_record_id,
        contact_id,
        lead_id,
        account_id,
        opportunity_id,
        cast(null as {{ dbt.type_string() }}) as campaign_id,

        -- strings
        'crm_activity' as source_system,
        event_type as signal_type,
        {{ dbt.concat(["'Sales '", "coalesce(event_type, 'Activity')"]) }} as channel,
        cast(null as {{ dbt.type_string() }}) as url,
        cast(null as {{ dbt.type_string() }}) as asset_name,
        subject,
        cast(null as {{ dbt.type_string() }}) as topic,

        -- numerics
        cast(1 as {{ dbt.type_numeric() }}) as weight_multiplier,

        -- timestamps
        coalesce(started_at, created_at) as signal_at

    from events

),

final as (

    select * from task_signals
    union all
    select * from event_signals

)

select * from final
