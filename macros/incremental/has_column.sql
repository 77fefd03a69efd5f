{#- Whether the relation has a column of that name (case-insensitive): for an incremental model to tell a
    table built by an older version of itself. -#}
{% macro has_column(relation, column_name) %}
    {{ return(
        column_name | lower
        in (adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower') | list)
    ) }}
{% endmacro %}
