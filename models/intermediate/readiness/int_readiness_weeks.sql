{#
    The calendar of readiness: one row per week (dbt.date_trunc('week')) from the week of the first day with
    a decision unit's signal through the week of the as-of day (var as_of_date, else the last day with a
    signal). int_decision_unit_week_sums joins each unit's weeks to it.

    dbt.date_spine counts the days with a query when the model runs (get_intervals_between), so the
    calendar is as long as the data; the weeks are the days that start one. A spine of days, not of weeks:
    dbt-spark's dateadd writes `interval * 7` without parentheses, so date_spine's `row_number() - 1` steps
    of a week became `row_number() - 7` days there; a day's multiplier of 1 leaves the expression right. That query is why this model has no unit test (a unit test cannot run
    it); the singular test assert_decision_unit_weeks_run_from_first_signal_to_as_of checks every unit's
    weeks. Without a signal the calendar is one placeholder week (var time_spine_start_date's), in which
    no unit has a day.
#}

{%- set as_of_week = 'cast(' ~ dbt.date_trunc('week', as_of_date_from(ref('signals'))) ~ ' as date)' -%}
{%- set first_week = 'cast(' ~ dbt.date_trunc(
    'week', '(select min(signal_date) from ' ~ ref('int_decision_unit_signal_days') ~ ')'
) ~ ' as date)' -%}
{%- set start_date = 'coalesce(least(' ~ first_week ~ ', ' ~ as_of_week ~ '), ' ~ as_of_week ~ ', '
    ~ "cast('" ~ var('time_spine_start_date') ~ "' as date))" -%}
{%- set end_date = dbt.dateadd('day', 7, 'coalesce(' ~ as_of_week ~ ', ' ~ start_date ~ ')') %}

with

days as (

    {{ dbt.date_spine('day', start_date, end_date) }}

),

final as (

    select
        -- dates
        cast(date_day as date) as week_start_date,
        cast({{ dbt.dateadd('day', 6, 'date_day') }} as date) as week_end_date

    from days
    where
        date_day < {{ end_date }}
        and cast(date_day as date) = cast({{ dbt.date_trunc('week', 'date_day') }} as date)

)

select * from final
