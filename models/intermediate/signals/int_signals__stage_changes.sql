{#
    One signal per change of an opportunity's stage (Salesforce OpportunityHistory), typed by the stage moved
    to. OpportunityHistory also writes a row when only the amount, probability or close date changes: those
    rows repeat the previous stage and are not stage changes, so an entry is a signal only when its stage
    differs from the opportunity's previous entry (the first entry, the opening stage, always counts). The
    account is the opportunity's account (its decision unit in this CRM); the signal has no person.
#}

with

history_entries as (

    select * from {{ ref('stg_crm__opportunity_history_entries') }}

),

opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

entries_with_previous_stage as (

    select
        *,
        lag(stage_name) over (
            partition by opportunity_id
            order by created_at, opportunity_history_entry_id
        ) as previous_stage_name
    from history_entries

),

stage_changes as (

    select * from entries_with_previous_stage
    where
        previous_stage_name is null
        or stage_name != previous_stage_name

),

final as (

    select
        -- ids
        {{ dbt.concat(["'crm_opportunity:'", "stage_changes.opportunity_history_entry_id"]) }} as signal_id,
        stage_changes.opportunity_history_entry_id as source_record_id,
        cast(null as {{ dbt.type_string() }}) as contact_id,
        cast(null as {{ dbt.type_string() }}) as lead_id,
        opportunities.account_id,
        stage_changes.opportunity_id,
        cast(null as {{ dbt.type_string() }}) as campaign_id,

        -- strings
        'crm_opportunity' as source_system,
        stage_changes.stage_name as signal_type,
        'Opportunity' as channel,
        cast(null as {{ dbt.type_string() }}) as url,
        cast(null as {{ dbt.type_string() }}) as asset_name,
        cast(null as {{ dbt.type_string() }}) as subject,
        cast(null as {{ dbt.type_string() }}) as topic,

        -- numerics
        cast(1 as {{ dbt.type_numeric() }}) as weight_multiplier,

        -- timestamps
        stage_changes.created_at as signal_at

    from stage_changes
    left join opportunities
        on stage_changes.opportunity_id = opportunities.opportunity_id

)

select * from final
