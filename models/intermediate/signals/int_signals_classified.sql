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

{{ signals_classified(ref('int_signals_unioned')) }}
