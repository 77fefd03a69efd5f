{#
    On DuckDB the database keeps the semantic manifest its models were built with, so whatever serves it
    (lens serve's snapshots, lens query) reads definitions and data that belong together, even after a later
    `dbt parse` (lens glossary does one) rewrites target/semantic_manifest.json. dbt writes that file when the
    invocation parses, before any model runs; this on-run-end hook copies it into the database.
#}
{% macro keep_semantic_manifest() %}
    {%- if target.type != 'duckdb' or invocation_args_dict.get('which') not in ('build', 'run') -%}
        {{ return('') }}
    {%- endif -%}
    {%- set path = env_var('DBT_TARGET_PATH', 'target') ~ '/semantic_manifest.json' -%}
    create schema if not exists {{ semantic_manifest_relation().schema }};
    create or replace table {{ semantic_manifest_relation() }} as
    select content as manifest_json, {{ dbt.current_timestamp() }} as kept_at
    from read_text('{{ path | replace("'", "''") }}')
{% endmacro %}


{% macro semantic_manifest_relation() %}
    {{ return(api.Relation.create(schema='lens_build', identifier='semantic_manifest')) }}
{% endmacro %}
