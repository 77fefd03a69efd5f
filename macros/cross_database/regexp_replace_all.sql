{#
    Every match of a regular expression replaced: regexp_replace with the 'g' flag on DuckDB and Postgres
    (without it they replace the first match only); Spark's regexp_replace replaces every match and takes no
    flag. The pattern is a SQL string literal body; keep it to classes every engine shares ([ ], \s, +).
#}
{% macro regexp_replace_all(text_expr, pattern, replacement) %}
    {{ return(adapter.dispatch('regexp_replace_all', 'decision_lens')(text_expr, pattern, replacement)) }}
{% endmacro %}

{% macro default__regexp_replace_all(text_expr, pattern, replacement) -%}
    regexp_replace({{ text_expr }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}

{% macro spark__regexp_replace_all(text_expr, pattern, replacement) -%}
    regexp_replace({{ text_expr }}, '{{ pattern | replace("\\", "\\\\") }}', '{{ replacement }}')
{%- endmacro %}
