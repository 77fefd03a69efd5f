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


{#
    A month as its number: 1-12 as a number or text ('7', '07'), or an English month name or its
    abbreviation, any case ('July', 'jul', 'Sept'); null for anything else (an org's fiscal-year picklist
    may hold names). A number outside 1-12 is returned as it is, for the caller's range check.
#}
{% macro try_cast_month(expression) %}
    {%- set text = 'lower(trim(cast(' ~ expression ~ ' as ' ~ dbt.type_string() ~ ')))' -%}
    {%- set months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august',
        'september', 'october', 'november', 'december'] -%}
    {%- set sql -%}
    coalesce(
        {{ try_cast(text, dbt.type_int()) }},
        case {{ text }}
            {%- for month in months %}
            when '{{ month }}' then {{ loop.index }}
            when '{{ month[:3] }}' then {{ loop.index }}
            {%- endfor %}
            when 'sept' then 9
        end
    )
    {%- endset -%}
    {{ return(sql) }}
{% endmacro %}
