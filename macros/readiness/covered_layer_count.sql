{#
    How many of `layers` are covered: the sum of the boolean columns is_<layer>_covered (decision_unit_weeks),
    0 for an empty list. Used with var committee_required_layers or committee_required_layers_late_stage.
#}
{% macro covered_layer_count(layers) -%}
    (
        0
        {%- for layer in layers %}
        + case when is_{{ layer }}_covered then 1 else 0 end
        {%- endfor %}
    )
{%- endmacro %}
