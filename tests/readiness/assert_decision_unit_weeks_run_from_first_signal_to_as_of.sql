{#
    Each decision unit has one row per week, without gaps, from the week of its first signal through the
    week of the as-of day: the calendar (int_readiness_weeks, counted when it is built), each unit's weeks
    in int_decision_unit_week_sums and the weeks the mart judges again on a daily run must all agree.
    Returns the units whose weeks do not.
#}

with

weeks as (

    select * from {{ ref('decision_unit_weeks') }}

),

signal_days as (

    select * from {{ ref('int_decision_unit_signal_days') }}

),

signals as (

    select * from {{ ref('signals') }}

),

as_of as (

    select {{ as_of_date_from('signals') }} as as_of_date

),

expected as (

    select
        signal_days.decision_unit_id,
        cast({{ dbt.date_trunc('week', 'min(signal_days.signal_date)') }} as date) as first_week_start_date,
        cast({{ dbt.date_trunc('week', 'max(as_of.as_of_date)') }} as date) as last_week_start_date
    from signal_days
    cross join as_of
    group by signal_days.decision_unit_id
    having min(signal_days.signal_date) <= max(as_of.as_of_date)

),

actual as (

    select
        decision_unit_id,
        min(week_start_date) as first_week_start_date,
        max(week_start_date) as last_week_start_date,
        count(*) as week_count
    from weeks
    group by decision_unit_id

)

select
    coalesce(expected.decision_unit_id, actual.decision_unit_id) as decision_unit_id,
    expected.first_week_start_date as expected_first_week_start_date,
    actual.first_week_start_date,
    expected.last_week_start_date as expected_last_week_start_date,
    actual.last_week_start_date,
    actual.week_count
from expected
full outer join actual
    on expected.decision_unit_id = actual.decision_unit_id
where
    expected.decision_unit_id is null
    or actual.decision_unit_id is null
    or expected.first_week_start_date != actual.first_week_start_date
    or expected.last_week_start_date != actual.last_week_start_date
    or actual.week_count * 7 != {{ dbt.datediff(
        'actual.first_week_start_date', 'actual.last_week_start_date', 'day'
    ) }} + 7
