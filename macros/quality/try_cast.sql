{#
    Cast a raw value, or null when it does not parse ('12x' as a number, '2026-13-45' as a date), so a bad
    value in a CSV delivery becomes a quarantine reason instead of a failed build. dbt.safe_cast is a plain
    cast on DuckDB, which would stop the build.
#}
{% macro try_cast(expression, data_type) %}
    {{ return(adapter.dispatch('try_cast', 'decision_lens')(expression, data_type)) }}
{% endmacro %}

{% macro default__try_cast(expression, data_type) %}
    {{ return(dbt.safe_cast(expression, data_type)) }}
{% endmacro %}

{% macro duckdb__try_cast(expression, data_type) %}
    {{ return('try_cast(' ~ expression ~ ' as ' ~ data_type ~ ')') }}
{% endmacro %}


{# The warehouse type of a raw column's contract type (data_type in _<source>__sources.yml: Arrow's names). #}
{% macro raw_column_type(contract_type) %}
    {%- set types = {
        'string': dbt.type_string(),
        'int64': dbt.type_bigint(),
        'double': type_double(),
        'bool': dbt.type_boolean(),
        'timestamp[us]': dbt.type_timestamp(),
        'date32[day]': 'date',
    } -%}
    {%- if contract_type not in types -%}
        {%- do exceptions.raise_compiler_error("No warehouse type for raw contract type " ~ contract_type) -%}
    {%- endif -%}
    {{ return(types[contract_type]) }}
{% endmacro %}
