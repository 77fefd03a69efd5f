{#
    The readiness state machine of DOMAIN.md §6, as SQL expressions over the counts of signal_count_aggregates()
    taken over the readiness lookback (var readiness_lookback_days) ending at the moment judged, plus whether
    the decision unit is in a budget or renewal window at that moment. Used by decision_unit_weeks, handoffs and
    opportunities, so a state means the same thing everywhere.

      decision_ready  intent or late-stage signals from the authority tier, and the unit is in a window
      evaluating      intent from at least two person layers, or mid- or late-stage intent
      interested      any intent (in practice: from the usage layer or the account only)
      engaged         engagement signals only
      unaware         no signals in the lookback

    `prefix` is prepended to every count column (e.g. 'lookback.'), `in_window` is a boolean expression.
#}
{% macro intent_layer_count(prefix='') %}
    (
        {%- for layer in person_layers() %}
        case when {{ prefix }}intent_{{ layer }}_signals > 0 then 1 else 0 end
        {%- if not loop.last %} + {% endif %}
        {%- endfor %}
    )
{% endmacro %}


{% macro total_signals(signal_class, prefix='') %}
    (
        {%- for layer in person_layers() + ['unclassified', 'account'] %}
        {{ prefix }}{{ signal_class }}_{{ layer }}_signals
        {%- if not loop.last %} + {% endif %}
        {%- endfor %}
    )
{% endmacro %}


{% macro readiness_state(in_window, prefix='') %}
    case
        when {{ prefix }}authority_decision_signals > 0 and {{ in_window }} then 'decision_ready'
        when {{ intent_layer_count(prefix) }} >= 2 or {{ prefix }}mid_or_late_intent_signals > 0 then 'evaluating'
        when {{ total_signals('intent', prefix) }} > 0 then 'interested'
        when {{ total_signals('engagement', prefix) }} > 0 then 'engaged'
        else 'unaware'
    end
{% endmacro %}


{% macro readiness_rank(state_column) %}
    case {{ state_column }}
        when 'unaware' then 0
        when 'engaged' then 1
        when 'interested' then 2
        when 'evaluating' then 3
        when 'decision_ready' then 4
    end
{% endmacro %}


{#
    Why a unit is not further along, as four flags (all false when decision_ready):
      missing_authority   no intent or late-stage signal from the authority tier
      missing_late_stage  no late-stage signal at all
      out_of_window       not in a budget or renewal window
      single_layer        intent from fewer than two person layers
#}
{% macro not_ready_flags(in_window, prefix='') %}
    {%- set ready = prefix ~ 'authority_decision_signals > 0 and ' ~ in_window -%}
    case when not ({{ ready }}) and {{ prefix }}authority_decision_signals = 0 then true else false end
        as is_missing_authority,
    case when not ({{ ready }}) and {{ prefix }}late_stage_signals = 0 then true else false end
        as is_missing_late_stage,
    case when not ({{ ready }}) and not ({{ in_window }}) then true else false end as is_out_of_window,
    case when not ({{ ready }}) and {{ intent_layer_count(prefix) }} < 2 then true else false end
        as is_single_layer
{% endmacro %}


{# The flags as one readable, comma-separated list, e.g. 'missing_authority,out_of_window' (null when none). #}
{% macro not_ready_reasons() %}
    {%- set listed = dbt.concat([
        "case when is_missing_authority then ',missing_authority' else '' end",
        "case when is_missing_late_stage then ',missing_late_stage' else '' end",
        "case when is_out_of_window then ',out_of_window' else '' end",
        "case when is_single_layer then ',single_layer' else '' end",
    ]) -%}
    nullif(substring({{ listed }}, 2), '')
{% endmacro %}
