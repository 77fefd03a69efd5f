{#
    An aggregate: the group's values of a text expression in ascending order, joined by commas; a fingerprint
    of a set of ids that does not depend on the order rows arrive in. dbt.listagg with an order by, but on
    Spark, where dbt's listagg ignores the order: there the collected list is sorted first.
#}
{% macro sorted_list(expression) %}
    {{ return(adapter.dispatch('sorted_list', 'decision_lens')(expression)) }}
{% endmacro %}

{% macro default__sorted_list(expression) -%}
    {{ dbt.listagg(expression, "','", 'order by ' ~ expression) }}
{%- endmacro %}

{% macro spark__sorted_list(expression) -%}
    array_join(array_sort(collect_list({{ expression }})), ',')
{%- endmacro %}
