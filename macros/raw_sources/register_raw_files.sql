{#
    Before every run (on-run-start): make the raw sources readable as the raw contract describes them, or stop
    with one error that lists every problem at once.

    On DuckDB, where the raw sources are files, each source table becomes a view in its source schema
    (raw_crm, raw_marketing, ...) over
      <raw_dir>/<source>/<table>.parquet and a folder <raw_dir>/<source>/<table>/ of Parquet parts (either
      or both: later days arrive as parts), else <raw_dir>/<source>/<table>.csv (read as text: the base
      models cast every column),
    conformed by raw_conformed_columns: the contract's columns under their contract names (absent ones as
    typed nulls), timestamps in UTC, and _raw_file, the file each row comes from (raw_file_column). A table without a file is an empty view, unless it is required
    (config.meta.required in the sources YAML: crm.account and crm.contact).
    On a warehouse (or with var raw_from_files false) the base models conform the tables themselves
    (raw_source_rows); this hook only checks that the required tables and columns are there.
    Tables and columns read as empty or null are logged; `lens doctor` reports the same before a build.
#}
{% macro register_raw_files() %}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {{ return(adapter.dispatch('register_raw_files', 'decision_lens')()) }}
{% endmacro %}


{% macro default__register_raw_files() %}
    {%- set problems = [] -%}
    {%- for node in raw_source_nodes() -%}
        {%- set table = node.source_name ~ '.' ~ node.name -%}
        {%- set relation = adapter.get_relation(node.database, node.schema, node.identifier) -%}
        {%- if relation is none -%}
            {%- if raw_table_is_required(node) -%}
                {%- do problems.append(table ~ ': required table not found (' ~ node.schema ~ '.' ~ node.identifier ~ ')') -%}
            {%- else -%}
                {%- do log(table ~ ': no table; read as empty', info=true) -%}
            {%- endif -%}
        {%- else -%}
            {%- set present = [] -%}
            {%- for column in adapter.get_columns_in_relation(relation) -%}
                {%- do present.append((column.name, column.data_type)) -%}
            {%- endfor -%}
            {%- do raw_delivery_problems(node, raw_conformed_columns(node, present), relation, problems) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do raise_raw_problems(problems) -%}
    {{ return('') }}
{% endmacro %}


{% macro duckdb__register_raw_files() %}
    {%- if not var('raw_from_files', true) -%}
        {{ return(default__register_raw_files()) }}
    {%- endif -%}
    {%- set raw_dir = raw_directory() -%}
    {%- set problems, views = [], [] -%}
    {%- for node in raw_source_nodes() -%}
        {%- set table = node.source_name ~ '.' ~ node.name -%}
        {%- set reader = raw_file_reader(raw_dir, node.source_name, node.name) -%}
        {%- if reader is none -%}
            {%- if raw_table_is_required(node) -%}
                {%- do problems.append(table ~ ': required file not found: expected ' ~ raw_file_expected(raw_dir, node)) -%}
            {%- else -%}
                {%- do log(table ~ ': no file; read as empty (' ~ raw_file_expected(raw_dir, node) ~ ')', info=true) -%}
                {%- set conformed = raw_conformed_columns(node, []) -%}
                {%- do views.append((node, 'select ' ~ conformed.columns | join(', ')
                    ~ ', cast(null as ' ~ dbt.type_string() ~ ') as ' ~ raw_file_column() ~ ' where 1 = 0')) -%}
            {%- endif -%}
        {%- else -%}
            {%- set conformed = raw_conformed_columns(node, raw_file_columns(reader)) -%}
            {%- do raw_delivery_problems(node, conformed, reader, problems) -%}
            {%- set named_reader = raw_file_reader(raw_dir, node.source_name, node.name, raw_file_column()) -%}
            {%- do views.append((node, 'select ' ~ conformed.columns | join(', ') ~ ', ' ~ raw_file_column()
                ~ ' from ' ~ named_reader)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do raise_raw_problems(problems) -%}
    {%- for node, sql in views -%}
        {%- do run_query("create schema if not exists " ~ adapter.quote(node.schema)) -%}
        {%- do run_query(
            "create or replace view " ~ adapter.quote(node.schema) ~ "." ~ adapter.quote(node.identifier)
            ~ " as " ~ sql
        ) -%}
    {%- endfor -%}
    {{ return('') }}
{% endmacro %}


{# The column of a raw view on DuckDB files that names each row's file. #}
{% macro raw_file_column() %}
    {{ return('_raw_file') }}
{% endmacro %}


{# The source tables of this project (not of any installed package). #}
{% macro raw_source_nodes() %}
    {%- set nodes = [] -%}
    {%- for node in graph.sources.values() if node.package_name == project_name -%}
        {%- do nodes.append(node) -%}
    {%- endfor -%}
    {{ return(nodes | sort(attribute='unique_id')) }}
{% endmacro %}


{# Adds the delivery's missing required columns to problems, and logs the columns read as null. #}
{% macro raw_delivery_problems(node, conformed, read_from, problems) %}
    {%- set table = node.source_name ~ '.' ~ node.name -%}
    {%- for column in conformed.missing_required -%}
        {%- do problems.append(table ~ ': required column ' ~ column ~ ' is missing (read from ' ~ read_from ~ ')') -%}
    {%- endfor -%}
    {%- if conformed.absent -%}
        {%- do log(table ~ ': column(s) absent, read as null: ' ~ conformed.absent | join(', '), info=true) -%}
    {%- endif -%}
{% endmacro %}


{% macro raise_raw_problems(problems) %}
    {%- if problems -%}
        {%- do exceptions.raise_compiler_error(
            "The raw data cannot be built (" ~ problems | length ~ " problem(s); `lens doctor` lists them too):\n  - "
            ~ problems | join("\n  - ")
        ) -%}
    {%- endif -%}
{% endmacro %}


{% macro raw_directory() %}
    {% set configured = var('raw_dir', none) or env_var('DECISION_LENS_RAW_DIR', 'data/demo/raw') %}
    {{ return(configured.rstrip('/')) }}
{% endmacro %}


{# Where a table's file is looked for, for messages. #}
{% macro raw_file_expected(raw_dir, node) %}
    {%- set base = raw_dir ~ '/' ~ node.source_name ~ '/' ~ node.name -%}
    {{ return(base ~ '.parquet, ' ~ base ~ '/*.parquet or ' ~ base ~ '.csv') }}
{% endmacro %}


{#
    The files of one raw table: {'format': 'parquet', 'patterns': [...]} for <table>.parquet and the Parquet
    parts in <table>/ (days appended later: lens append-day), whichever exist, else {'format': 'csv',
    'patterns': [<table>.csv]}, or none when no file is there.
#}
{% macro raw_file_patterns(raw_dir, source_name, table_name) %}
    {% set base = raw_dir ~ '/' ~ source_name ~ '/' ~ table_name %}
    {% set parquet = [] %}
    {% for pattern in [base ~ '.parquet', base ~ '/*.parquet'] %}
        {% if raw_files_exist(pattern) %}
            {% do parquet.append(pattern) %}
        {% endif %}
    {% endfor %}
    {% if parquet %}
        {{ return({'format': 'parquet', 'patterns': parquet}) }}
    {% endif %}
    {% if raw_files_exist(base ~ '.csv') %}
        {{ return({'format': 'csv', 'patterns': [base ~ '.csv']}) }}
    {% endif %}
    {{ return(none) }}
{% endmacro %}


{#
    The DuckDB table function that reads one raw table (raw_file_patterns), or none when no file is there;
    with file_column, each row also names its file in that column (the base models read only the new files
    on a daily run).
#}
{% macro raw_file_reader(raw_dir, source_name, table_name, file_column=none) %}
    {% set files = raw_file_patterns(raw_dir, source_name, table_name) %}
    {% if files is none %}
        {{ return(none) }}
    {% endif %}
    {% set listed = "['" ~ files.patterns | join("', '") ~ "']" %}
    {% set named = ", filename = '" ~ file_column ~ "'" if file_column else '' %}
    {% if files.format == 'parquet' %}
        {{ return("read_parquet(" ~ listed ~ ", union_by_name = true" ~ named ~ ")") }}
    {% endif %}
    {{ return("read_csv(" ~ listed ~ ", header = true, all_varchar = true" ~ named ~ ")") }}
{% endmacro %}


{% macro raw_files_exist(pattern) %}
    {% set found = run_query("select count(*) from glob('" ~ pattern ~ "')") %}
    {{ return(found.columns[0].values()[0] > 0) }}
{% endmacro %}


{# The (name, type) of each column a reader returns. #}
{% macro raw_file_columns(reader) %}
    {% set described = run_query("describe select * from " ~ reader) %}
    {% set columns = [] %}
    {% for row in described.rows %}
        {% do columns.append((row[0], row[1])) %}
    {% endfor %}
    {{ return(columns) }}
{% endmacro %}
