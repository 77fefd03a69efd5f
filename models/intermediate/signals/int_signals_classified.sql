{#
    Every signal with what it means and who sent it (DOMAIN.md §3-§4):
      - what: signal_class, signal_stage, half_life_days from int_signal_types_classified (the signal
        taxonomy); weight = the taxonomy weight times the source's weight_multiplier (topic relevance for
        intent surges, 1 otherwise). Unclassified signals weigh 0.
      - who: the decision layer and authority tier of the contact, else of the lead (title-based, from
        int_contacts_classified / int_leads_classified). A person the classification does not know is
        'unclassified' / 'unknown'; a signal without a person (intent, contract events, stage changes, a task
        with no who) has null layer and tier: it belongs to the account.
      - where: account_id is the signal's own account, else the contact's, else the lead's; decision_unit_id
        is the contact's, else the lead's, else the account's (int_accounts_rolled_up).
      - how: channel is the raw channel's label (int_signal_channels, seed channel_map), one per channel.
    A contact's buying role on an opportunity (OpportunityContactRole) is not applied here: it holds for one
    opportunity only, and opportunity-level models apply it.
#}

with

signals as (

    select * from {{ ref('int_signals_unioned') }}

),

signal_types as (

    select * from {{ ref('int_signal_types_classified') }}

),

signal_channels as (

    select * from {{ ref('int_signal_channels') }}

),

contacts as (

    select * from {{ ref('int_contacts_classified') }}

),

leads as (

    select * from {{ ref('int_leads_classified') }}

),

accounts_rolled_up as (

    select * from {{ ref('int_accounts_rolled_up') }}

),

final as (

    select
        -- ids
        signals.signal_id,
        signals.source_record_id,
        signals.contact_id,
        signals.lead_id,
        coalesce(signals.account_id, contacts.account_id, leads.account_id) as account_id,
        coalesce(
            contacts.decision_unit_id,
            leads.decision_unit_id,
            accounts_rolled_up.decision_unit_id
        ) as decision_unit_id,
        signals.opportunity_id,
        signals.campaign_id,

        -- strings
        signals.source_system,
        signals.signal_type,
        signal_types.signal_class,
        signal_types.signal_stage,
        case
            when signals.contact_id is not null or signals.lead_id is not null
                then coalesce(contacts.decision_layer, leads.decision_layer, 'unclassified')
        end as decision_layer,
        case
            when signals.contact_id is not null or signals.lead_id is not null
                then coalesce(contacts.authority_tier, leads.authority_tier, 'unknown')
        end as authority_tier,
        signal_channels.channel,
        signals.url,
        signals.asset_name,
        signals.subject,
        signals.topic,

        -- numerics
        signal_types.weight * signals.weight_multiplier as weight,
        signal_types.weight as taxonomy_weight,
        signals.weight_multiplier,
        signal_types.half_life_days,

        -- booleans
        signal_types.is_unclassified,

        -- timestamps
        signals.signal_at

    from signals
    inner join signal_types
        on
            signals.source_system = signal_types.source_system
            and coalesce(signals.signal_type, '') = coalesce(signal_types.signal_type, '')
            and coalesce(signals.match_url, '') = coalesce(signal_types.match_url, '')
            and coalesce(signals.match_asset_name, '') = coalesce(signal_types.match_asset_name, '')
            and coalesce(signals.match_subject, '') = coalesce(signal_types.match_subject, '')
    left join signal_channels
        on coalesce(signals.channel, '') = signal_channels.raw_channel
    left join contacts
        on signals.contact_id = contacts.contact_id
    left join leads
        on signals.lead_id = leads.lead_id
    left join accounts_rolled_up
        on signals.account_id = accounts_rolled_up.account_id

)

select * from final
