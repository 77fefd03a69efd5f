{#
    A raw timestamp column (SQL `expression`, delivered as `data_type`) as a UTC instant without a zone,
    whatever the machine's or the session's time zone:
      - a timestamp with a time zone (Parquet timestamptz, a warehouse's timestamp with time zone): its UTC
        time;
      - text (a CSV cell): when it ends with an offset or Z (2025-03-03T23:30:00.000-0800, as Salesforce
        exports it), the UTC time of that instant; without one, the time read in `time_zone`; the result
        stays text, so a value that does not parse is still quarantined by the base model (unparsable_<col>);
      - a timestamp without a zone: read in `time_zone` (the source's var raw_time_zones entry; UTC: as is).
#}
{% macro raw_timestamp_as_utc(expression, data_type, time_zone) %}
    {{ return(adapter.dispatch('raw_timestamp_as_utc', 'decision_lens')(expression, data_type, time_zone)) }}
{% endmacro %}


{% macro default__raw_timestamp_as_utc(expression, data_type, time_zone) %}
    {{ return(expression) }}
{% endmacro %}


{% macro duckdb__raw_timestamp_as_utc(expression, data_type, time_zone) %}
    {%- set kind = data_type | upper -%}
    {%- set zone = "'" ~ time_zone ~ "'" -%}
    {%- if 'TIME ZONE' in kind or kind == 'TIMESTAMPTZ' -%}
        {{ return("timezone('UTC', " ~ expression ~ ")") }}
    {%- elif kind in ('VARCHAR', 'TEXT', 'STRING') -%}
        {%- set text = 'trim(' ~ expression ~ ')' -%}
        {#- a time of day followed by Z, +hh, +hhmm or +hh:mm -#}
        {%- set has_offset = "regexp_matches(" ~ text ~ ", '\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?\\s*([zZ]|[+-]\\d\\d(:?\\d\\d)?)$')" -%}
        {%- set converted = "cast(timezone('UTC', try_cast(" ~ text ~ " as timestamptz)) as varchar)" -%}
        {%- set sql = "case when " ~ has_offset ~ " and try_cast(" ~ text ~ " as timestamptz) is not null then "
            ~ converted -%}
        {%- if time_zone != 'UTC' -%}
            {%- set local = "timezone('UTC', timezone(" ~ zone ~ ", try_cast(" ~ text ~ " as timestamp)))" -%}
            {%- set sql = sql ~ " when " ~ local ~ " is not null then cast(" ~ local ~ " as varchar)" -%}
        {%- endif -%}
        {{ return(sql ~ " else " ~ expression ~ " end") }}
    {%- elif time_zone != 'UTC' and kind.startswith('TIMESTAMP') -%}
        {{ return("timezone('UTC', timezone(" ~ zone ~ ", " ~ expression ~ "))") }}
    {%- else -%}
        {{ return(expression) }}
    {%- endif -%}
{% endmacro %}


{# Postgres: the same rules; text that does not parse is null (macro postgres__try_cast), for the base model to quarantine. #}
{% macro postgres__raw_timestamp_as_utc(expression, data_type, time_zone) %}
    {%- set kind = data_type | upper -%}
    {%- set zone = "'" ~ time_zone ~ "'" -%}
    {%- if kind in ('TIMESTAMPTZ', 'TIMESTAMP WITH TIME ZONE') -%}
        {{ return("(" ~ expression ~ " at time zone 'UTC')") }}
    {%- elif kind in ('TEXT', 'CHARACTER VARYING', 'VARCHAR') -%}
        {%- set text = 'trim(' ~ expression ~ ')' -%}
        {%- set offset = "'\\s*([zZ]|[+-]\\d\\d(:?\\d\\d)?)$'" -%}
        {%- set has_offset = text ~ " ~ '\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?\\s*([zZ]|[+-]\\d\\d(:?\\d\\d)?)$'" -%}
        {%- set time_exists = try_cast("regexp_replace(" ~ text ~ ", " ~ offset ~ ", '')", 'timestamp') ~ " is not null" -%}
        {%- set local = expression if time_zone == 'UTC'
            else "cast((" ~ try_cast(text, 'timestamp') ~ " at time zone " ~ zone ~ ") at time zone 'UTC' as text)" -%}
        {{ return("case when " ~ has_offset ~ " and " ~ time_exists
            ~ " then cast(cast(" ~ text ~ " as timestamptz) at time zone 'UTC' as text)"
            ~ " when " ~ expression ~ " is null or " ~ text ~ " = '' then " ~ expression ~ " else " ~ local ~ " end") }}
    {%- elif time_zone != 'UTC' and kind.startswith('TIMESTAMP') -%}
        {{ return("((" ~ expression ~ " at time zone " ~ zone ~ ") at time zone 'UTC')") }}
    {%- else -%}
        {{ return(expression) }}
    {%- endif -%}
{% endmacro %}


{# Spark: its timestamps are instants shown in the session's zone (UTC, profiles.example.yml). #}
{% macro spark__raw_timestamp_as_utc(expression, data_type, time_zone) %}
    {%- set kind = data_type | upper -%}
    {%- set zone = "'" ~ time_zone ~ "'" -%}
    {%- if kind == 'STRING' -%}
        {%- set text = 'trim(' ~ expression ~ ')' -%}
        {%- set has_offset = text ~ " rlike '\\\\d:\\\\d\\\\d(:\\\\d\\\\d(\\\\.\\\\d+)?)?\\\\s*([zZ]|[+-]\\\\d\\\\d(:?\\\\d\\\\d)?)$'" -%}
        {%- set local = expression if time_zone == 'UTC'
            else "cast(to_utc_timestamp(try_cast(" ~ text ~ " as timestamp), " ~ zone ~ ") as string)" -%}
        {{ return("case when " ~ has_offset ~ " and try_cast(" ~ text ~ " as timestamp) is not null then cast(try_cast("
            ~ text ~ " as timestamp) as string) when try_cast(" ~ text ~ " as timestamp) is not null then " ~ local
            ~ " else " ~ expression ~ " end") }}
    {%- elif time_zone != 'UTC' and kind.startswith('TIMESTAMP') -%}
        {{ return("to_utc_timestamp(" ~ expression ~ ", " ~ zone ~ ")") }}
    {%- else -%}
        {{ return(expression) }}
    {%- endif -%}
{% endmacro %}
