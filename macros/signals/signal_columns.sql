{#- The columns of a signal as the signals mart stores them, in its order, signal_row_hash aside: what the
    hash covers, and what int_signal_changes carries from the chain to the mart. -#}
{% macro signal_columns() %}
    {{ return([
        'signal_id', 'source_record_id', 'contact_id', 'lead_id', 'account_id', 'decision_unit_id',
        'opportunity_id', 'campaign_id', 'source_system', 'signal_type', 'signal_class', 'signal_stage',
        'decision_layer', 'authority_tier', 'channel', 'topic', 'timing_unknown_reason', 'weight',
        'half_life_days', 'days_to_fiscal_year_start', 'days_to_incumbent_contract_end', 'is_in_budget_window',
        'is_in_renewal_window', 'is_in_window', 'signal_date', 'signal_at',
    ]) }}
{% endmacro %}
