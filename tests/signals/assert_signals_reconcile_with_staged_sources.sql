{#
    Reconciliation: every staged marketing activity, responded campaign member, task, event, opportunity
    stage change and intent surge has its signal in the signals mart. Returns one row per source row
    without its signal ('missing'). The expected ids are rebuilt here from staging, independently of the
    signal models. That no signal is stored twice is the unique test's on signals.signal_id, not counted
    again here (DECISIONLOG.md, "The reconciliation test of `signals`").
#}

with

expected_signals as (

    select
        'marketing_automation' as source_system,
        {{ dbt.concat(["'marketing_automation:'", "activity_id"]) }} as signal_id
    from {{ ref('stg_marketing__activities') }}

    union all

    select
        'crm_campaign' as source_system,
        {{ dbt.concat(["'crm_campaign:'", "campaign_member_id"]) }} as signal_id
    from {{ ref('stg_crm__campaign_members') }}
    where has_responded

    union all

    select
        'crm_activity' as source_system,
        {{ dbt.concat(["'crm_activity:'", "task_id"]) }} as signal_id
    from {{ ref('stg_crm__tasks') }}

    union all

    select
        'crm_activity' as source_system,
        {{ dbt.concat(["'crm_activity:'", "event_id"]) }} as signal_id
    from {{ ref('stg_crm__events') }}

    union all

    select
        'crm_opportunity' as source_system,
        {{ dbt.concat(["'crm_opportunity:'", "opportunity_history_entry_id"]) }} as signal_id
    from (
        select
            opportunity_history_entry_id,
            stage_name,
            lag(stage_name) over (
                partition by opportunity_id
                order by created_at, opportunity_history_entry_id
            ) as previous_stage_name
        from {{ ref('stg_crm__opportunity_history_entries') }}
    ) as history_entries
    where previous_stage_name is null or stage_name != previous_stage_name

    union all

    select
        'intent_provider' as source_system,
        {{ dbt.concat(["'intent_provider:'", "topic_score_id"]) }} as signal_id
    from {{ ref('stg_intent__topic_scores') }}
    where composite_score >= {{ var('intent_surge_threshold') }}

),

stored_signals as (

    select signal_id from {{ ref('signals') }}

),

final as (

    select
        'missing' as problem,
        expected_signals.source_system,
        expected_signals.signal_id
    from expected_signals
    left join stored_signals
        on expected_signals.signal_id = stored_signals.signal_id
    where stored_signals.signal_id is null

)

select * from final
