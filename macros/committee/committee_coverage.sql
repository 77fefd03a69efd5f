{#
    Buying-committee coverage (DOMAIN.md §7): the per-layer recency windows and the required layers, read
    from the vars committee_recency_days, committee_required_layers and committee_required_layers_late_stage,
    and the one formula for completeness. Used by int_opportunity_committee_coverage,
    int_decision_unit_committee_coverage and the opportunities mart.
#}

{# One row per person layer: decision_layer, layer_order (display order, 1 = user), recency_days,
   is_required, is_required_late_stage. Render as the body of a CTE. #}
{% macro committee_layer_rules() %}
    {%- set recency = var('committee_recency_days') -%}
    {%- set required = var('committee_required_layers') -%}
    {%- set required_late = var('committee_required_layers_late_stage') -%}
    {%- for layer in person_layers() %}
    select
        '{{ layer }}' as decision_layer,
        {{ loop.index }} as layer_order,
        {{ recency[layer] | int }} as recency_days,
        {{ 'true' if layer in required else 'false' }} as is_required,
        {{ 'true' if layer in required_late else 'false' }} as is_required_late_stage
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{% endmacro %}


{# Completeness as an aggregate over per-layer rows: covered required layers / required layers (null when
   no layer is required). Both arguments are boolean column expressions. #}
{% macro committee_completeness(is_required, is_covered) %}
    (
        cast(sum(case when {{ is_required }} and {{ is_covered }} then 1 else 0 end) as {{ type_double() }})
        / nullif(sum(case when {{ is_required }} then 1 else 0 end), 0)
    )
{% endmacro %}
