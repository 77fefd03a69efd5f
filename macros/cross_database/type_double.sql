{#
    A 64-bit floating-point type. dbt.type_float() renders `float`, which is 64-bit on Postgres, Snowflake
    and BigQuery but a 4-byte REAL on DuckDB and Spark: shares and probabilities cast to it lose their
    sixth digit.
#}
{% macro type_double() %}
    {{ return(adapter.dispatch('type_double', 'decision_lens')()) }}
{% endmacro %}

{% macro default__type_double() %}
    {{ return(dbt.type_float()) }}
{% endmacro %}

{% macro duckdb__type_double() %}
    {{ return('double') }}
{% endmacro %}

{% macro spark__type_double() %}
    {{ return('double') }}
{% endmacro %}
