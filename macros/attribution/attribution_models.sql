{#
    The attribution models of DOMAIN.md §9, as configured. Position-based models come from the var
    attribution_position_shares (first_touch, last_touch, u_shaped, w_shaped, full_path by default); the
    others are computed from the touches themselves.
#}
{% macro attribution_position_models() %}
    {%- set models = var('attribution_position_shares') -%}
    {%- set positions = attribution_positions() + ['middle'] -%}
    {%- for model_name, shares in models.items() -%}
        {%- for position in shares -%}
            {%- if position not in positions -%}
                {{ exceptions.raise_compiler_error(
                    "var attribution_position_shares: model '" ~ model_name ~ "' gives a share to '"
                    ~ position ~ "', which is not one of " ~ positions | join(', ')
                ) }}
            {%- endif -%}
        {%- endfor -%}
        {%- set total = shares.values() | sum -%}
        {%- if (total - 1) | abs > 0.000001 -%}
            {{ exceptions.raise_compiler_error(
                "var attribution_position_shares: the shares of model '" ~ model_name ~ "' sum to "
                ~ total ~ ", not 1"
            ) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(models) }}
{% endmacro %}

{% macro attribution_positions() %}
    {{ return(['first_touch', 'lead_creation', 'opportunity_creation', 'closed_won']) }}
{% endmacro %}

{# The touch column that flags a position: is_first_touch, is_<position>_touch for the others. #}
{% macro attribution_position_flag(position) %}
    {{ return('is_first_touch' if position == 'first_touch' else 'is_' ~ position ~ '_touch') }}
{% endmacro %}

{% macro attribution_models() %}
    {{ return(
        attribution_position_models().keys() | list + ['linear', 'time_decay', 'decision_aware', 'data_driven']
    ) }}
{% endmacro %}

{#
    A touch's share of a position-based model before the middle is added: the sum of the shares of the
    positions it holds (flags is_<position>_touch on the touch row).
#}
{% macro attribution_position_weight(shares) %}
    {%- set terms = [] -%}
    {%- for position in attribution_positions() if shares.get(position, 0) > 0 -%}
        {%- do terms.append(
            'case when ' ~ attribution_position_flag(position) ~ ' then ' ~ shares[position] ~ ' else 0 end'
        ) -%}
    {%- endfor -%}
    {{ terms | join(' + ') if terms else '0' }}
{% endmacro %}

{#
    The Markov chain's state column (var attribution_markov_state): channel or signal_type.
#}
{% macro attribution_markov_state() %}
    {%- set state = var('attribution_markov_state') -%}
    {%- if state not in ['channel', 'signal_type'] -%}
        {{ exceptions.raise_compiler_error(
            "var attribution_markov_state must be channel or signal_type, not '" ~ state ~ "'"
        ) }}
    {%- endif -%}
    {{ return(state) }}
{% endmacro %}

{#
    The dimensions attribution credit is summarised by (attribution_by_model, attribution_disagreement):
    name -> SQL expression over attribution_credit columns.
#}
{% macro attribution_dimensions() %}
    {{ return({
        'channel': 'channel',
        'campaign': "coalesce(campaign_name, campaign_id, '(no campaign)')",
        'team': 'team',
        'decision_layer': 'decision_layer',
        'authority_tier': 'authority_tier',
        'signal_stage': 'signal_stage',
    }) }}
{% endmacro %}

{#
    One row per dimension x value of `relation` (a CTE aggregated by every attribution dimension), with
    `measures` summed: dimension, dimension_value, then the measures, plus `group_by` columns kept as they
    are. Turns a wide summary into the long shape BI tools filter on.
#}
{# The attribution_credit columns those dimensions are computed from. #}
{% macro attribution_dimension_columns() %}
    {{ return(['channel', 'campaign_name', 'campaign_id', 'team', 'decision_layer', 'authority_tier', 'signal_stage']) }}
{% endmacro %}

{% macro unpivot_attribution_dimensions(relation, measures, group_by=[]) %}
    {%- for dimension, expression in attribution_dimensions().items() %}
    select
        {%- for column in group_by %}
        {{ column }},
        {%- endfor %}
        '{{ dimension }}' as dimension,
        {{ expression }} as dimension_value,
        {%- for measure in measures %}
        sum({{ measure }}) as {{ measure }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ relation }}
    group by
        {%- for column in group_by %}
        {{ column }},
        {%- endfor %}
        {{ expression }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{% endmacro %}



{#
    The total of a double column over a window partition (all rows when partition_by is empty), added up in a
    fixed order: `order_by` must make the rows' order unique. Without it the rows arrive in the order of a
    parallel scan, and a sum of doubles depends on that order (two builds of one dataset differed in a
    share's last bits, and then a credit by a cent). A decimal sum would be exact but cannot hold
    time-decay weights of 2^-100.
#}
{% macro stable_total(column, order_by, partition_by='') -%}
    sum({{ column }}) over (
        {% if partition_by %}partition by {{ partition_by }} {% endif -%}
        order by {{ order_by }} rows between unbounded preceding and unbounded following
    )
{%- endmacro %}
