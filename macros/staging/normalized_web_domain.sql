{#
    The bare web domain of a website URL or host name, so CRM account websites and intent-vendor domains
    can be matched: lowercase, trimmed, without scheme (http://, https://), a leading `www.`, a path, a
    query string or a port. 'HTTPS://www.Mercy.org:443/about?x=1' -> 'mercy.org'. Empty results are null.
    Built from dbt cross-database macros only (dbt.split_part, dbt.replace), so it runs on every warehouse.
#}
{% macro normalized_web_domain(expression) -%}
    {%- set lowered = "lower(trim(" ~ expression ~ "))" -%}
    {%- set without_https = dbt.replace(lowered, "'https://'", "''") -%}
    {%- set without_scheme = dbt.replace(without_https, "'http://'", "''") -%}
    {%- set without_path = dbt.split_part(without_scheme, "'/'", 1) -%}
    {%- set without_query = dbt.split_part(without_path, "'?'", 1) -%}
    {%- set host = dbt.split_part(without_query, "':'", 1) -%}
    nullif(
        case
            when {{ host }} like 'www.%' then substring({{ host }}, 5)
            else {{ host }}
        end,
        ''
    )
{%- endmacro %}
