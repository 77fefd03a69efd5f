{#
    Whether a raw value is present but cannot be what its column says. Null and blank values are not
    malformed (they are missing, which each model handles).
#}

{# An email address: one @, something before it, a dotted domain after it, no spaces. #}
{% macro is_malformed_email(expression) -%}
    (
        nullif(trim({{ expression }}), '') is not null
        and not (
            trim({{ expression }}) like '%_@_%._%'
            and trim({{ expression }}) not like '%@%@%'
            and trim({{ expression }}) not like '% %'
        )
    )
{%- endmacro %}


{# A website or domain: once normalized (normalized_web_domain), a dotted host name without spaces. #}
{% macro is_malformed_domain(expression) -%}
    {%- set domain = normalized_web_domain(expression) -%}
    (
        nullif(trim({{ expression }}), '') is not null
        and (
            {{ domain }} is null
            or {{ domain }} not like '%_._%'
            or {{ domain }} like '% %'
        )
    )
{%- endmacro %}
