{#
    On DuckDB, the raw sources are files. Before every run this exposes each source table as a view in its
    source schema (raw_crm, raw_marketing, ...), so models read sources the same way on every warehouse.

    For each table declared in the _<source>__sources.yml files it looks, under the raw directory, for
      <raw_dir>/<source>/<table>.parquet and a folder <raw_dir>/<source>/<table>/ of Parquet parts (either
      or both: later days arrive as parts), else <raw_dir>/<source>/<table>.csv (read as text: staging
      models cast every column),
    keeps exactly the declared columns (extra columns are ignored), and stops with an error naming the
    table and column when a declared column is missing, or naming the table when no file is there.
#}
{% macro register_raw_files() %}
    {{ return(adapter.dispatch('register_raw_files', 'decision_lens')()) }}
{% endmacro %}


{% macro default__register_raw_files() %}
    {{ return('') }}
{% endmacro %}


{% macro duckdb__register_raw_files() %}
    {% if not execute or not var('raw_from_files', true) %}
        {{ return('') }}
    {% endif %}
    {% set raw_dir = raw_directory() %}
    {% for node in graph.sources.values() if node.package_name == project_name %}
        {% set reader = raw_file_reader(raw_dir, node.source_name, node.name) %}
        {% set present = raw_file_columns(reader) %}
        {% set missing = [] %}
        {% for column in node.columns if column not in present %}
            {% do missing.append(column) %}
        {% endfor %}
        {% if missing %}
            {% do exceptions.raise_compiler_error(
                "Raw table " ~ node.source_name ~ "." ~ node.name ~ " is missing required column(s) "
                ~ missing | join(", ") ~ " (read from " ~ reader ~ ")."
            ) %}
        {% endif %}
        {% set selected = [] %}
        {% for column in node.columns %}
            {% do selected.append(adapter.quote(column)) %}
        {% endfor %}
        {% do run_query("create schema if not exists " ~ adapter.quote(node.schema)) %}
        {% do run_query(
            "create or replace view " ~ adapter.quote(node.schema) ~ "." ~ adapter.quote(node.identifier)
            ~ " as select " ~ selected | join(", ")
            ~ " from " ~ reader
        ) %}
    {% endfor %}
    {{ return('') }}
{% endmacro %}


{% macro raw_directory() %}
    {% set configured = var('raw_dir', none) or env_var('DECISION_LENS_RAW_DIR', 'data/demo/raw') %}
    {{ return(configured.rstrip('/')) }}
{% endmacro %}


{#
    The DuckDB table function that reads one raw table, or an error naming the table when no file is there:
    <table>.parquet and the Parquet parts in <table>/ (days appended later: lens append-day) together, else
    <table>.csv.
#}
{% macro raw_file_reader(raw_dir, source_name, table_name) %}
    {% set base = raw_dir ~ '/' ~ source_name ~ '/' ~ table_name %}
    {% set parquet = [] %}
    {% for pattern in [base ~ '.parquet', base ~ '/*.parquet'] %}
        {% if raw_files_exist(pattern) %}
            {% do parquet.append("'" ~ pattern ~ "'") %}
        {% endif %}
    {% endfor %}
    {% if parquet %}
        {{ return("read_parquet([" ~ parquet | join(", ") ~ "], union_by_name = true)") }}
    {% endif %}
    {% if raw_files_exist(base ~ '.csv') %}
        {{ return("read_csv('" ~ base ~ ".csv', header = true, all_varchar = true)") }}
    {% endif %}
    {% do exceptions.raise_compiler_error(
        "Raw table " ~ source_name ~ "." ~ table_name ~ " not found: expected " ~ base ~ ".parquet, "
        ~ base ~ "/*.parquet or " ~ base ~ ".csv (raw directory: " ~ raw_dir ~ ")."
    ) %}
{% endmacro %}


{% macro raw_files_exist(pattern) %}
    {% set found = run_query("select count(*) from glob('" ~ pattern ~ "')") %}
    {{ return(found.columns[0].values()[0] > 0) }}
{% endmacro %}


{% macro raw_file_columns(reader) %}
    {% set described = run_query("describe select * from " ~ reader) %}
    {{ return(described.columns[0].values() | list) }}
{% endmacro %}
