{#
    True when the email domain is a personal mailbox provider (var personal_email_domains: gmail.com,
    yahoo.com, ...), which says nothing about the organization a person works for, so it must never be
    used to match a lead to an account. False for any other domain (always false when the list is empty);
    null for a null domain.
#}
{% macro is_personal_email_domain(expression) -%}
    {%- set domains = var('personal_email_domains', []) -%}
    {%- if domains | length == 0 -%}
        (1 = 0)
    {%- else -%}
        ({{ expression }} in (
            {%- for domain in domains -%}
                '{{ domain | lower }}'{% if not loop.last %}, {% endif %}
            {%- endfor -%}
        ))
    {%- endif -%}
{%- endmacro %}
