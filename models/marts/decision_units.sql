{#
    One row per decision unit: its attributes (int_decision_units) and where it stands now, read from the
    week of the as-of day in decision_unit_weeks (is_as_of_week). A unit that has never sent a signal is
    'unaware', with no committee coverage.
    Whether the unit is in a window now is judged for every unit, with or without signals, on the as-of day
    (var as_of_date, else the last day with a signal) from its fiscal year and its incumbent contracts, with
    the macros the weeks use (is_in_budget_window, is_in_renewal_window): the as-of week is judged on the same
    day, so a unit with signals has the same answer in both marts.
#}

with

int_decision_units as (

    select * from {{ ref('int_decision_units') }}

),

decision_unit_weeks as (

    select * from {{ ref('decision_unit_weeks') }}

),

renewal_windows as (

    select * from {{ ref('int_renewal_windows') }}

),

signals as (

    select * from {{ ref('signals') }}

),

as_of as (

    select {{ as_of_date_from('signals') }} as as_of_date

),

latest_weeks as (

    select * from decision_unit_weeks
    where is_as_of_week

),

units_in_renewal_window as (

    select renewal_windows.decision_unit_id
    from renewal_windows
    cross join as_of
    where {{ is_in_renewal_window('as_of.as_of_date', 'renewal_windows.contract_end_date') }}
    group by renewal_windows.decision_unit_id

),

current_windows as (

    select
        int_decision_units.decision_unit_id,
        coalesce(
            {{ is_in_budget_window('as_of.as_of_date', 'int_decision_units.fiscal_year_start_month') }},
            false
        ) as is_in_budget_window,
        units_in_renewal_window.decision_unit_id is not null as is_in_renewal_window
    from int_decision_units
    cross join as_of
    left join units_in_renewal_window
        on int_decision_units.decision_unit_id = units_in_renewal_window.decision_unit_id

),

final as (

    select
        int_decision_units.*,
        coalesce(latest_weeks.readiness_state, 'unaware') as current_readiness_state,
        latest_weeks.not_ready_reasons as current_not_ready_reasons,
        cast(coalesce(latest_weeks.committee_completeness, 0) as {{ dbt.type_numeric() }})
            as current_committee_completeness,
        current_windows.is_in_budget_window or current_windows.is_in_renewal_window as is_currently_in_window,
        latest_weeks.week_start_date as readiness_week_start_date
    from int_decision_units
    inner join current_windows
        on int_decision_units.decision_unit_id = current_windows.decision_unit_id
    left join latest_weeks
        on int_decision_units.decision_unit_id = latest_weeks.decision_unit_id

)

select * from final
