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


{#
    Whether int_attribution_journeys (this) is built whole on this run: always but on a daily run, and on a
    daily run when the fit day is not the one the stored journeys stood on (a new period began, or the
    stored table is empty). Read before the model writes, by its body and its pre-hook alike.
#}
{% macro attribution_journeys_refitted() %}
    {%- if not execute or not is_incremental() -%}
        {{ return(true) }}
    {%- endif -%}
    {%- set fit_date = attribution_fit_date(as_of_date_from(ref('signals'))) -%}
    {%- set found = run_query(
        'select case when max(fit_date) = ' ~ fit_date ~ ' then 1 else 0 end as is_same from ' ~ this
    ) -%}
    {{ return(found.columns[0].values()[0] != 1) }}
{% endmacro %}


{#
    The pre-hook of int_attribution_journeys on a daily run: every stored journey when they are fitted
    again, else the journeys int_attribution_journey_changes lists, which the model builds again.
#}
{% macro delete_journeys_built_again() %}
    {%- if is_incremental() -%}
        {%- if attribution_journeys_refitted() -%}
    delete from {{ this }}
        {%- else -%}
    {{ delete_recomputed_rows(
        this, 'select journey_id from ' ~ ref('int_attribution_journey_changes'), ['journey_id']
    ) }}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
