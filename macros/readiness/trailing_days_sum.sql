{#
    Sums over the last `days` days of weekly rows, for models with one row per partition and week with no
    week missing (a weekly spine), each judged at its week's last day: the days in (week end - days, week
    end]. With days = 7q + r that is the current week and the q - 1 before it, whole, plus the last r days
    of the week q back, which each weekly row carries as <column>__last_<r>_days
    (trailing_days_partial_sum). Window sums over weekly rows instead of daily ones: half the rows, and ROWS
    frames and lag() run on every warehouse.
#}
{% macro trailing_days_sum(column, days, partition_by, order_by='week_start_date') -%}
    {%- set whole_weeks = (days | int) // 7 -%}
    {%- set remainder = (days | int) % 7 -%}
    {%- set over = 'over (partition by ' ~ partition_by ~ ' order by ' ~ order_by -%}
    {%- if whole_weeks > 0 -%}
        sum({{ column }}) {{ over }} rows between {{ whole_weeks - 1 }} preceding and current row)
    {%- endif -%}
    {%- if whole_weeks > 0 and remainder > 0 %} + {% endif -%}
    {%- if remainder > 0 -%}
        coalesce(lag({{ partial_sum_name(column, days) }}, {{ whole_weeks }}) {{ over }}), 0)
    {%- endif -%}
{%- endmacro %}


{#
    The weekly aggregate trailing_days_sum needs beside sum(column): the column's sum over the last r days
    of the week (r = days mod 7), named <column>__last_<r>_days; nothing when days is a whole number of
    weeks. `days_before_week_end` is 0 on a week's last day, 6 on its first.
#}
{% macro trailing_days_partial_sum(column, days, days_before_week_end='days_before_week_end') -%}
    {%- set remainder = (days | int) % 7 -%}
    {%- if remainder > 0 -%}
        cast(sum(case when {{ days_before_week_end }} < {{ remainder }} then {{ column }} else 0 end)
            as {{ dbt.type_int() }}) as {{ partial_sum_name(column, days) }},
    {%- endif -%}
{%- endmacro %}


{# The name of a column's partial sum for a window of `days` days: <column>__last_<days mod 7>_days. #}
{% macro partial_sum_name(column, days) -%}
    {{ column }}__last_{{ (days | int) % 7 }}_days
{%- endmacro %}
