{#
    The day the data-driven model is fitted on (int_attribution_journeys), as a SQL date expression, from the
    as-of day's: the last day before the as-of day's period (var attribution_refit_grain: week or month), or
    the as-of day itself (day).
#}
{% macro attribution_fit_date(as_of_date) %}
    {%- set grain = var('attribution_refit_grain') -%}
    {%- if grain == 'day' -%}
        {{ return(as_of_date) }}
    {%- elif grain in ('week', 'month') -%}
        {%- set period_start = 'cast(' ~ dbt.date_trunc(grain, as_of_date) ~ ' as date)' -%}
        {{ return('cast(' ~ dbt.dateadd('day', -1, period_start) ~ ' as date)') }}
    {%- else -%}
        {%- do exceptions.raise_compiler_error(
            "var attribution_refit_grain must be day, week or month, not " ~ grain
        ) -%}
    {%- endif -%}
{% endmacro %}
