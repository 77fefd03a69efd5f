{#
    What a base model reads for one raw table: the rows as the raw contract describes them (macro
    raw_conformed_columns). On DuckDB files the on-run-start hook has already made the source a conformed
    view; a warehouse table is conformed here, from its columns as the warehouse reports them, and a table
    that does not exist is read as empty. A missing required table or column stops the run (the hook says
    so first, with every problem at once).
#}
{% macro raw_source_rows(source_name, table_name) %}
    {%- set relation = source(source_name, table_name) -%}
    {%- if target.type == 'duckdb' and var('raw_from_files', true) -%}
        {{ return(relation) }}
    {%- endif -%}
    {%- set node = graph.sources['source.' ~ project_name ~ '.' ~ source_name ~ '.' ~ table_name] -%}
    {%- set found = adapter.get_relation(relation.database, relation.schema, relation.identifier) -%}
    {%- if found is none -%}
        {%- if raw_table_is_required(node) -%}
            {%- do exceptions.raise_compiler_error(source_name ~ '.' ~ table_name ~ ': required table ' ~ relation ~ ' not found') -%}
        {%- endif -%}
        {{ return('(select ' ~ raw_conformed_columns(node, []).columns | join(', ') ~ ' where 1 = 0)') }}
    {%- endif -%}
    {%- set present = [] -%}
    {%- for column in adapter.get_columns_in_relation(found) -%}
        {%- do present.append((column.name, column.data_type)) -%}
    {%- endfor -%}
    {%- set conformed = raw_conformed_columns(node, present) -%}
    {%- if conformed.missing_required -%}
        {%- do exceptions.raise_compiler_error(
            source_name ~ '.' ~ table_name ~ ': required column(s) ' ~ conformed.missing_required | join(', ')
            ~ ' missing in ' ~ found
        ) -%}
    {%- endif -%}
    {{ return('(select ' ~ conformed.columns | join(', ') ~ ' from ' ~ found ~ ')') }}
{% endmacro %}
