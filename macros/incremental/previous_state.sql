{#
    The stored table of a model as the last run left it, for a change log that runs before the model and
    compares the new rows with the stored ones (int_signal_changes reads signals this way, not through ref(),
    which would make a cycle). none when there is nothing to compare with: on a full refresh, before the first
    build, or where the model is rebuilt whole (Spark on Parquet, replaces_rows()). After a full refresh of
    the model alone, rebuild what reads its changes too (dbt build --full-refresh --select <model>+).
    A stored table without a column the model documents was built by an older version of the project: the
    run stops and says to rebuild with --full-refresh, rather than failing on the missing column.
#}
{% macro previous_state(model_name) %}
    {%- if not execute or flags.FULL_REFRESH or not replaces_rows() -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set node = graph.nodes['model.' ~ project_name ~ '.' ~ model_name] -%}
    {%- set stored = adapter.get_relation(node.database, node.schema, node.alias) -%}
    {%- if stored is not none -%}
        {%- set present = adapter.get_columns_in_relation(stored) | map(attribute='name') | map('lower') | list -%}
        {%- set missing = node.columns.keys() | map('lower') | reject('in', present) | list -%}
        {%- if missing -%}
            {%- do exceptions.raise_compiler_error(
                model_name ~ " was built by an older version of the project (no column " ~ missing | join(', ')
                ~ " in " ~ stored ~ "): rebuild with --full-refresh (lens build --full-refresh)"
            ) -%}
        {%- endif -%}
    {%- endif -%}
    {{ return(stored) }}
{% endmacro %}

