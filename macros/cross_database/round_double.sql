{#
    A double rounded to a number of decimals. Postgres has round(numeric, int) but no round(double precision,
    int): there the value goes through numeric first. DuckDB and Spark round the double itself (half away
    from zero on both).
#}
{% macro round_double(expression, decimals) %}
    {{ return(adapter.dispatch('round_double', 'decision_lens')(expression, decimals)) }}
{% endmacro %}

{% macro default__round_double(expression, decimals) -%}
    round({{ expression }}, {{ decimals }})
{%- endmacro %}

{% macro postgres__round_double(expression, decimals) -%}
    round(cast({{ expression }} as numeric), {{ decimals }})
{%- endmacro %}
