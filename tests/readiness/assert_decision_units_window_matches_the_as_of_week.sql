{#
    decision_units judges is_currently_in_window for every unit on the as-of day; decision_unit_weeks judges
    its as-of week on the same day with the same macros. Returns each unit whose two answers differ: one rule,
    two places, so they must agree.
#}

with

decision_units as (

    select * from {{ ref('decision_units') }}

),

as_of_weeks as (

    select * from {{ ref('decision_unit_weeks') }}
    where is_as_of_week

),

final as (

    select
        decision_units.decision_unit_id,
        decision_units.is_currently_in_window,
        as_of_weeks.is_in_window as as_of_week_is_in_window
    from decision_units
    inner join as_of_weeks
        on decision_units.decision_unit_id = as_of_weeks.decision_unit_id
    where decision_units.is_currently_in_window != as_of_weeks.is_in_window

)

select * from final
