{#
    The day the data is read "as of" (DOMAIN.md §6), as a SQL date expression: var as_of_date when set, else
    the last day with a signal in `signals_relation` (a scalar subquery). Readiness weeks and the contacts
    mart both use it, so "now" is the same day everywhere.
#}
{% macro as_of_date_from(signals_relation, date_column='signal_date') %}
    {%- set as_of_date = var('as_of_date') -%}
    {%- if as_of_date -%}
        cast('{{ as_of_date }}' as date)
    {%- else -%}
        (select max({{ date_column }}) from {{ signals_relation }})
    {%- endif -%}
{% endmacro %}
