{#
    The counts that readiness and committee coverage are computed from, as aggregate expressions over rows of
    the `signals` mart. Every consumer (daily roll-ups, handoffs, opportunities) aggregates with this one
    macro, so "what counts" is defined once. Columns:
      <class>_<layer>_signals  for class engagement/intent and each person layer (plus unclassified),
      <class>_account_signals  for signals without a person (intent surges, stage changes, contract events),
      mid_or_late_intent_signals, late_stage_signals, authority_decision_signals (intent or late-stage
      signals from the authority tier), and any_<layer>_signals (any class, for committee coverage).
    Only signals with a positive weight count: the taxonomy gives weight 0 to what is not a buying signal
    (an email send, a Closed Won or Closed Lost stage change, our own contract starting, a surge on an
    irrelevant topic), so those stay in `signals` for reporting but never move readiness.
    Counted with count(case when ... then 1 end), not sum(case when ... then 1 else 0 end): the same figures,
    but DuckDB keeps a 128-bit total for a sum of integers and a 64-bit one for a count, which groups
    faster.
#}
{% macro person_layers() %}
    {{ return(['user', 'influencer', 'approver', 'financial_owner', 'gatekeeper']) }}
{% endmacro %}


{% macro signal_count_names() %}
    {% set names = [] %}
    {% for signal_class in ['engagement', 'intent'] %}
        {% for layer in person_layers() + ['unclassified', 'account'] %}
            {% do names.append(signal_class ~ '_' ~ layer ~ '_signals') %}
        {% endfor %}
    {% endfor %}
    {% for layer in person_layers() %}
        {% do names.append('any_' ~ layer ~ '_signals') %}
    {% endfor %}
    {% do names.extend(['mid_or_late_intent_signals', 'late_stage_signals', 'authority_decision_signals']) %}
    {{ return(names) }}
{% endmacro %}


{% macro signal_count_aggregates(alias='signals') %}
    {%- set s = alias ~ '.' -%}
    {%- set counted = s ~ 'weight > 0' -%}
    {%- for signal_class in ['engagement', 'intent'] %}
        {%- for layer in person_layers() + ['unclassified'] %}
    count(case when {{ counted }} and {{ s }}signal_class = '{{ signal_class }}' and {{ s }}decision_layer = '{{ layer }}' then 1 end)
        as {{ signal_class }}_{{ layer }}_signals,
        {%- endfor %}
    count(case when {{ counted }} and {{ s }}signal_class = '{{ signal_class }}' and {{ s }}decision_layer is null then 1 end)
        as {{ signal_class }}_account_signals,
    {%- endfor %}
    {%- for layer in person_layers() %}
    count(case when {{ counted }} and {{ s }}decision_layer = '{{ layer }}' then 1 end) as any_{{ layer }}_signals,
    {%- endfor %}
    count(case when {{ counted }} and {{ s }}signal_class = 'intent' and {{ s }}signal_stage in ('mid', 'late') then 1 end)
        as mid_or_late_intent_signals,
    count(case when {{ counted }} and {{ s }}signal_stage = 'late' then 1 end) as late_stage_signals,
    count(
        case
            when {{ counted }} and {{ s }}authority_tier = 'authority'
                and ({{ s }}signal_class = 'intent' or {{ s }}signal_stage = 'late')
                then 1
        end
    ) as authority_decision_signals
{%- endmacro %}
