{#
    The project's YAML (mart contracts' data_type, seeds' column_types) names types the way DuckDB and
    Spark spell them: string, double, integer, boolean, date, timestamp, numeric(p, s). Postgres has no
    `string` or `double`: warehouse_type gives its names for those two (the ones dbt.type_string() and
    type_double() give in the models, so a contract compares like with like), and the overrides below apply
    it where dbt writes a YAML type into SQL: the contract check (dbt.cast in get_empty_schema_sql), a
    contracted table's column list, a seed's table. dbt_project.yml's `dispatch` puts this project first in
    the dbt namespace's search order.
#}
{% macro warehouse_type(type_name) %}
    {{ return(adapter.dispatch('warehouse_type', 'decision_lens')(type_name)) }}
{% endmacro %}

{% macro default__warehouse_type(type_name) %}
    {{ return(type_name) }}
{% endmacro %}

{% macro postgres__warehouse_type(type_name) %}
    {%- set names = {'string': dbt.type_string(), 'double': type_double()} -%}
    {{ return(names.get(type_name | trim | lower, type_name)) }}
{% endmacro %}


{% macro postgres__cast(field, type) %}
    cast({{ field }} as {{ warehouse_type(type) }})
{% endmacro %}


{% macro postgres__get_table_columns_and_constraints() %}
    {%- set columns = {} -%}
    {%- for name, column in model['columns'].items() -%}
        {%- do columns.update({name: dict(column, data_type=warehouse_type(column['data_type']))}) -%}
    {%- endfor -%}
    {%- set column_lines = adapter.render_raw_columns_constraints(raw_columns=columns) -%}
    {%- set model_lines = adapter.render_raw_model_constraints(raw_constraints=model['constraints']) -%}
    ({{ (column_lines + model_lines) | join(', ') }})
{% endmacro %}


{% macro postgres__create_csv_table(model, agate_table) %}
    {%- set column_types = model['config'].get('column_types', {}) -%}
    {%- set quote_columns = model['config'].get('quote_columns', None) -%}
    {%- set column_lines = [] -%}
    {%- for column_name in agate_table.column_names -%}
        {%- set inferred = adapter.convert_type(agate_table, loop.index0) -%}
        {%- set quoted = adapter.quote_seed_column(column_name | string, quote_columns) -%}
        {%- do column_lines.append(quoted ~ ' ' ~ warehouse_type(column_types.get(column_name, inferred))) -%}
    {%- endfor -%}
    {%- set sql = 'create table ' ~ this.render() ~ ' (' ~ column_lines | join(', ') ~ ')' -%}
    {%- call statement('_') -%}
        {{ sql }}
    {%- endcall -%}
    {{ return(sql) }}
{% endmacro %}
