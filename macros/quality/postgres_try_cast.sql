{#
    try_cast on Postgres, which has none before version 16: the text is matched first, and only text that
    parses is cast, so a bad value in a delivery is a quarantine reason there too, not a failed build. The
    same values parse as on DuckDB:
      - numbers: a sign, decimals, an exponent (1e3, .5, -2.); an integer type rounds a decimal, as DuckDB
        does; a number beyond the type's range is null (DuckDB makes a double infinite);
      - booleans: true/false, t/f, 1/0, yes/no, y/n, in any case, with no spaces around;
      - dates and timestamps: YYYY-M-D, then optionally a space or T and H:M[:S[.ffffff]]; the day must
        exist in its month, 24:00 is the next midnight; a date ignores a valid time.
    Spaces around a number, date or timestamp are ignored. Another type is cast as it is. A value already of
    the type (a typed warehouse table, a Parquet load) skips the matching: it is cast through its own text,
    which always parses back.
#}
{% macro postgres__try_cast(expression, data_type) %}
    {%- set text = 'trim(cast(' ~ expression ~ ' as text))' -%}
    {%- set kind = data_type | lower -%}
    {%- set integer_limits = {
        'smallint': '32767', 'integer': '2147483647', 'int': '2147483647', 'bigint': '9223372036854775807'
    } -%}
    {%- if kind in integer_limits -%}
        {%- set checked = postgres_try_cast_number(text, kind, '0', integer_limits[kind], round=true) -%}
    {%- elif kind in ('float', 'double precision', 'float8') -%}
        {%- set checked = "case when lower(" ~ text ~ ") in ('nan', 'inf', '+inf', '-inf', 'infinity', '+infinity',"
            ~ " '-infinity') then cast(" ~ text ~ " as " ~ kind ~ ") else "
            ~ postgres_try_cast_number(text, kind, '1e-307', '1.7976931348623157e308') ~ " end" -%}
    {%- elif kind == 'boolean' -%}
        {%- set word = 'lower(cast(' ~ expression ~ ' as text))' -%}
        {%- set checked = "case when " ~ word ~ " in ('true', 't', '1', 'yes', 'y') then true"
            ~ " when " ~ word ~ " in ('false', 'f', '0', 'no', 'n') then false end" -%}
    {%- elif kind == 'date' or kind.startswith('timestamp') -%}
        {%- set checked = postgres_try_cast_moment(text, kind) -%}
    {%- else -%}
        {{ return('cast(' ~ expression ~ ' as ' ~ data_type ~ ')') }}
    {%- endif -%}
    {{ return("case when pg_typeof(" ~ expression ~ ") = '" ~ data_type ~ "'::regtype then cast(cast("
        ~ expression ~ " as text) as " ~ data_type ~ ") else " ~ checked ~ " end") }}
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


{#
    A date or timestamp in text (YYYY-M-D[( |T)H:M[:S[.f]]]) as data_type; null unless it exists. One match
    checks the shape (Postgres's regexp_match, with captures, costs a hundred times more), split_part reads
    the parts.
#}
{% macro postgres_try_cast_moment(text, data_type) %}
    {%- set shape = "'^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2}([.][0-9]{1,6})?)?)?$'" -%}
    {%- set spaced = "replace(" ~ text ~ ", 'T', ' ')" -%}
    {%- set day_text, time_text = "split_part(" ~ spaced ~ ", ' ', 1)", "split_part(" ~ spaced ~ ", ' ', 2)" -%}
    {%- set year = "cast(split_part(" ~ day_text ~ ", '-', 1) as integer)" -%}
    {%- set month = "cast(split_part(" ~ day_text ~ ", '-', 2) as integer)" -%}
    {%- set day = "cast(split_part(" ~ day_text ~ ", '-', 3) as integer)" -%}
    {%- set hour = "cast(coalesce(nullif(split_part(" ~ time_text ~ ", ':', 1), ''), '0') as integer)" -%}
    {%- set minute = "cast(coalesce(nullif(split_part(" ~ time_text ~ ", ':', 2), ''), '0') as integer)" -%}
    {%- set second = "cast(coalesce(nullif(split_part(" ~ time_text ~ ", ':', 3), ''), '0') as numeric)" -%}
    {%- set first_of_month = 'make_date(' ~ year ~ ', ' ~ month ~ ', 1)' -%}
    {%- set month_days = "extract(day from " ~ first_of_month ~ " + interval '1 month' - interval '1 day')" -%}
    {%- set time_exists = '(' ~ hour ~ ' < 24 and ' ~ minute ~ ' < 60 and ' ~ second ~ ' < 60 or '
        ~ hour ~ ' = 24 and ' ~ minute ~ ' = 0 and ' ~ second ~ ' = 0)' -%}
    {%- set moment = first_of_month ~ ' + make_interval(days => ' ~ day ~ ' - 1, hours => ' ~ hour
        ~ ', mins => ' ~ minute ~ ', secs => ' ~ second ~ ')' -%}
    {%- set value = first_of_month ~ ' + (' ~ day ~ ' - 1)' if data_type == 'date'
        else 'cast(' ~ moment ~ ' as ' ~ data_type ~ ')' -%}
    {#- nested cases: Postgres evaluates a case's branches in order, not an and's operands -#}
    {{ return(
        "case when " ~ text ~ " ~ " ~ shape ~ " then case when " ~ year ~ " >= 1 and " ~ month
        ~ " between 1 and 12 then case when " ~ day ~ " between 1 and " ~ month_days ~ " and " ~ time_exists
        ~ " then " ~ value ~ " end end end"
    ) }}
{% endmacro %}
