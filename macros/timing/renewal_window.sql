{#
    Renewal windows (DOMAIN.md §5): an incumbent vendor's contract ending within window_days days (default
    var renewal_window_days, 270) opens a window, from window_days days before the end date through the end
    date itself, both included. With 270 days and an end on 2026-12-31: 2026-04-05 (270 days before) is in,
    2026-04-04 (271 days) is out, 2026-12-31 is in, 2027-01-01 (the contract ended yesterday) is out.
#}


{# The first day of the renewal window of a contract ending on contract_end_date_expr (a date). #}
{% macro renewal_window_start_date(contract_end_date_expr, window_days=none) -%}
    {%- set days = (var('renewal_window_days') if window_days is none else window_days) | int -%}
    cast({{ dbt.dateadd('day', -days, contract_end_date_expr) }} as date)
{%- endmacro %}


{# Whether the date falls in the renewal window of a contract ending on contract_end_date_expr. #}
{% macro is_in_renewal_window(date_expr, contract_end_date_expr, window_days=none) -%}
    {%- set days = (var('renewal_window_days') if window_days is none else window_days) | int -%}
    ({{ dbt.datediff(date_expr, contract_end_date_expr, 'day') }} between 0 and {{ days }})
{%- endmacro %}
