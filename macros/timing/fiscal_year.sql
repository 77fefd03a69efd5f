{#
    Fiscal-year timing (DOMAIN.md §5). A fiscal year starts on the first day of its start month (1-12, from
    the decision unit; var default_fiscal_year_start_month when unknown). The NEXT fiscal-year start of a day
    is the first start strictly after it: on a start day itself, the next start is a year later.
    Every macro takes SQL expressions and returns a SQL expression; they use dbt's cross-database date macros,
    extract(month ...) and mod() only, so they run on every warehouse.
#}


{#
    Whole calendar months from the first day of the date's month to the next fiscal-year start: 1-12.
    Fiscal month 7 (July): 2026-06-30 -> 1, 2026-07-01 -> 12, 2026-07-15 -> 12, 2026-01-10 -> 6.
#}
{% macro months_to_next_fiscal_year_start(date_expr, fiscal_month_expr) -%}
    (mod(({{ fiscal_month_expr }}) - extract(month from {{ date_expr }}) + 11, 12) + 1)
{%- endmacro %}


{# The next fiscal-year start after the date (a date). Fiscal month 7: 2026-07-01 -> 2027-07-01. #}
{% macro next_fiscal_year_start_date(date_expr, fiscal_month_expr) -%}
    cast(
        {{ dbt.dateadd(
            'month',
            months_to_next_fiscal_year_start(date_expr, fiscal_month_expr),
            dbt.date_trunc('month', date_expr),
        ) }}
        as date
    )
{%- endmacro %}


{#
    Days from the date to the next fiscal-year start: 1 on the day before a start, 365 or 366 on the start
    day itself. Fiscal month 7: 2026-06-30 -> 1, 2026-07-01 -> 365.
#}
{% macro days_to_next_fiscal_year_start(date_expr, fiscal_month_expr) -%}
    {{ dbt.datediff(date_expr, next_fiscal_year_start_date(date_expr, fiscal_month_expr), 'day') }}
{%- endmacro %}


{#
    Whether the date falls in a budget planning window: from start_months_before up to (not including)
    end_months_before months before a fiscal-year start. Both bounds are first days of months, so the window
    is whole calendar months. Defaults: vars budget_window_start_months_before (9) and
    budget_window_end_months_before (3); with fiscal month 7 the window before the 2026-07-01 start runs from
    2025-10-01 (first day in) to 2026-03-31 (last day in); 2025-09-30 and 2026-04-01 are out.
    The window is taken before every future start, not only the next one, so a window longer than a year
    (start_months_before > 12, capital planning 18 months ahead) works too. The bounds are numbers known when
    the SQL is compiled (vars or literals), not columns; 0 <= end_months_before < start_months_before.
#}
{% macro is_in_budget_window(date_expr, fiscal_month_expr, start_months_before=none, end_months_before=none) -%}
    {%- set start_months = (
        var('budget_window_start_months_before') if start_months_before is none else start_months_before
    ) | int -%}
    {%- set end_months = (
        var('budget_window_end_months_before') if end_months_before is none else end_months_before
    ) | int -%}
    {%- if not (0 <= end_months < start_months) -%}
        {%- do exceptions.raise_compiler_error(
            "is_in_budget_window: need 0 <= end_months_before < start_months_before, got "
            ~ start_months ~ " and " ~ end_months ~ " (vars budget_window_start_months_before and "
            ~ "budget_window_end_months_before)."
        ) -%}
    {%- endif -%}
    {%- set months_to_start = months_to_next_fiscal_year_start(date_expr, fiscal_month_expr) -%}
    (
        {%- for years_ahead in range(0, (start_months - 1) // 12 + 1) %}
        {%- set months_to = months_to_start ~ ' + ' ~ (12 * years_ahead) %}
        ({{ months_to }} > {{ end_months }} and {{ months_to }} <= {{ start_months }})
        {%- if not loop.last %} or{% endif %}
        {%- endfor %}
    )
{%- endmacro %}
