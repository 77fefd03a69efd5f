{#
    The key a US state or territory is matched on: its letters only, in upper case, so punctuation, spaces and
    case do not matter. 'D.C.', ' dc' -> 'DC'; 'Washington, D.C.' -> 'WASHINGTONDC'; 'New York' -> 'NEWYORK'.
#}
{% macro state_key(expression) -%}
    upper({{ regexp_replace_all(expression, '[^A-Za-z]', '') }})
{%- endmacro %}
