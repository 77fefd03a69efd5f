{#
    try_cast on Postgres, which has none before version 16: the text is matched first, and only text that
    parses is cast, so a bad value in a delivery is a quarantine reason there too, not a failed build. The
    same values parse as on DuckDB:
      - numbers: a sign, decimals, an exponent (1e3, .5, -2.); an integer type rounds a decimal, as DuckDB
        does; a number beyond the type's range is null (DuckDB makes a double infinite);
      - booleans: true/false, t/f, 1/0, yes/no, y/n, in any case, with no spaces around;
      - dates and timestamps: YYYY-M-D, then optionally a space or T and H:M[:S[.ffffff]]; the day must
        exist in its month, 24:00 is the next midnight; a date ignores a valid time.
    Spaces around a number, date or timestamp are ignored. Another type is cast as it is.
#}
{% macro postgres__try_cast(expression, data_type) %}
    {%- set text = 'trim(cast(' ~ expression ~ ' as text))' -%}
    {%- set kind = data_type | lower -%}
    {%- set integer_limits = {
        'smallint': '32767', 'integer': '2147483647', 'int': '2147483647', 'bigint': '9223372036854775807'
    } -%}
    {%- if kind in integer_limits -%}
        {{ return(postgres_try_cast_number(text, kind, '0', integer_limits[kind], round=true)) }}
    {%- elif kind in ('float', 'double precision', 'float8') -%}
        {{ return(
            "case when lower(" ~ text ~ ") in ('nan', 'inf', '+inf', '-inf', 'infinity', '+infinity', '-infinity')"
            ~ " then cast(" ~ text ~ " as " ~ kind ~ ") else "
            ~ postgres_try_cast_number(text, kind, '1e-307', '1.7976931348623157e308') ~ " end"
        ) }}
    {%- elif kind == 'boolean' -%}
        {%- set word = 'lower(cast(' ~ expression ~ ' as text))' -%}
        {{ return(
            "case when " ~ word ~ " in ('true', 't', '1', 'yes', 'y') then true"
            ~ " when " ~ word ~ " in ('false', 'f', '0', 'no', 'n') then false end"
        ) }}
    {%- elif kind == 'date' or kind.startswith('timestamp') -%}
        {{ return(postgres_try_cast_moment(text, kind)) }}
    {%- else -%}
        {{ return('cast(' ~ expression ~ ' as ' ~ data_type ~ ')') }}
    {%- endif -%}
{% endmacro %}


{# A number in text as data_type, when its size is 0 or between smallest and largest; null otherwise. #}
{% macro postgres_try_cast_number(text, data_type, smallest, largest, round=false) %}
    {%- set number = "'^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,3})?$'" -%}
    {%- set value = 'cast(' ~ text ~ ' as numeric)' -%}
    {%- set value = 'round(' ~ value ~ ')' if round else value -%}
    {%- set typed = 'cast(' ~ (value if round else text) ~ ' as ' ~ data_type ~ ')' -%}
    {#- nested cases: Postgres evaluates a case's branches in order, not an and's operands -#}
    {{ return(
        "case when " ~ text ~ " ~ " ~ number ~ " then case when abs(" ~ value ~ ") = 0 or abs(" ~ value
        ~ ") between " ~ smallest ~ " and " ~ largest ~ " then " ~ typed ~ " end end"
    ) }}
{% endmacro %}


{# A date or timestamp in text (YYYY-M-D[( |T)H:M[:S[.f]]]) as data_type; null unless it exists. #}
{% macro postgres_try_cast_moment(text, data_type) %}
    {%- set parts = "regexp_match(" ~ text ~ ", '^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
        ~ "(?:[ T]([0-9]{1,2}):([0-9]{1,2})(?::([0-9]{1,2}(?:[.][0-9]{1,6})?))?)?$')" -%}
    {%- set year, month, day = 'cast((' ~ parts ~ ')[1] as integer)', 'cast((' ~ parts ~ ')[2] as integer)',
        'cast((' ~ parts ~ ')[3] as integer)' -%}
    {%- set hour = 'coalesce(cast((' ~ parts ~ ')[4] as integer), 0)' -%}
    {%- set minute = 'coalesce(cast((' ~ parts ~ ')[5] as integer), 0)' -%}
    {%- set second = 'coalesce(cast((' ~ parts ~ ')[6] as numeric), 0)' -%}
    {%- set first_of_month = 'make_date(' ~ year ~ ', ' ~ month ~ ', 1)' -%}
    {%- set month_days = "extract(day from " ~ first_of_month ~ " + interval '1 month' - interval '1 day')" -%}
    {%- set time_exists = '(' ~ hour ~ ' < 24 and ' ~ minute ~ ' < 60 and ' ~ second ~ ' < 60 or '
        ~ hour ~ ' = 24 and ' ~ minute ~ ' = 0 and ' ~ second ~ ' = 0)' -%}
    {%- set moment = first_of_month ~ ' + make_interval(days => ' ~ day ~ ' - 1, hours => ' ~ hour
        ~ ', mins => ' ~ minute ~ ', secs => ' ~ second ~ ')' -%}
    {%- set value = first_of_month ~ ' + (' ~ day ~ ' - 1)' if data_type == 'date'
        else 'cast(' ~ moment ~ ' as ' ~ data_type ~ ')' -%}
    {{ return(
        "case when " ~ parts ~ " is not null and " ~ year ~ " >= 1 and " ~ month ~ " between 1 and 12"
        ~ " then case when " ~ day ~ " between 1 and " ~ month_days ~ " and " ~ time_exists
        ~ " then " ~ value ~ " end end"
    ) }}
{% endmacro %}
