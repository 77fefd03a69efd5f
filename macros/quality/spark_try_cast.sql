{#
    try_cast on Spark: its own try_cast (Spark 4 casts in ANSI mode, where a plain cast of '12x' fails the
    build), made to read text as DuckDB does:
      - an integer type takes a decimal or an exponent and rounds it ('1e3', '1.5'), as DuckDB does;
      - a boolean with spaces around it does not parse;
      - a date or timestamp must start with a date (Spark reads '10:00' as today at ten); 24:00 is the next
        midnight.
#}
{% macro spark__try_cast(expression, data_type) %}
    {%- set kind = data_type | lower -%}
    {%- set text = 'cast(' ~ expression ~ ' as string)' -%}
    {%- if kind in ('bigint', 'int', 'integer', 'smallint') -%}
        {{ return('coalesce(try_cast(' ~ expression ~ ' as ' ~ kind ~ '), try_cast(round(try_cast('
            ~ expression ~ ' as decimal(38, 6))) as ' ~ kind ~ '))') }}
    {%- elif kind == 'boolean' -%}
        {{ return('case when ' ~ text ~ ' = trim(' ~ text ~ ') then try_cast(' ~ expression ~ ' as boolean) end') }}
    {%- elif kind in ('date', 'timestamp') -%}
        {%- set day = "try_cast(regexp_extract(trim(" ~ text ~ "), '^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})', 1) as date)" -%}
        {%- set next_midnight = "cast(date_add(" ~ day ~ ", 1) as " ~ kind ~ ")" -%}
        {{ return("case when trim(" ~ text ~ ") rlike '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T]|$)' then"
            ~ " case when trim(" ~ text ~ ") rlike '[ T]24:00(:00([.]0*)?)?$' then "
            ~ (day if kind == 'date' else next_midnight)
            ~ " else try_cast(" ~ expression ~ " as " ~ kind ~ ") end end") }}
    {%- else -%}
        {{ return('try_cast(' ~ expression ~ ' as ' ~ data_type ~ ')') }}
    {%- endif -%}
{% endmacro %}
