{#
    int_decision_unit_signal_days keeps every signal that has a decision unit, once: its signal_count adds up
    to the signals with a unit. Returns one row when it does not, with signals_without_decision_unit (the
    signals the daily roll-up leaves out, reported by the signals mart) for context.
#}

with

signals as (

    select * from {{ ref('signals') }}

),

signal_days as (

    select * from {{ ref('int_decision_unit_signal_days') }}

),

signal_totals as (

    select
        sum(case when decision_unit_id is not null then 1 else 0 end) as signals_with_decision_unit,
        sum(case when decision_unit_id is null then 1 else 0 end) as signals_without_decision_unit
    from signals

),

day_totals as (

    select coalesce(sum(signal_count), 0) as signals_in_days
    from signal_days

)

select
    signal_totals.signals_with_decision_unit,
    signal_totals.signals_without_decision_unit,
    day_totals.signals_in_days
from signal_totals
cross join day_totals
where signal_totals.signals_with_decision_unit != day_totals.signals_in_days
