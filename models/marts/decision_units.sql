{#
    One row per decision unit: its attributes (int_decision_units) and where it stands now, read from the
    week of the as-of day in decision_unit_weeks (is_as_of_week). A unit that has never sent a signal is
    'unaware', outside any window, with no committee coverage.
#}

with

int_decision_units as (

    select * from {{ ref('int_decision_units') }}

),

decision_unit_weeks as (

    select * from {{ ref('decision_unit_weeks') }}

),

latest_weeks as (

    select * from decision_unit_weeks
    where is_as_of_week

),

final as (

    select
        int_decision_units.*,
        coalesce(latest_weeks.readiness_state, 'unaware') as current_readiness_state,
        latest_weeks.not_ready_reasons as current_not_ready_reasons,
        cast(coalesce(latest_weeks.committee_completeness, 0) as {{ dbt.type_numeric() }})
            as current_committee_completeness,
        coalesce(latest_weeks.is_in_window, false) as is_currently_in_window,
        latest_weeks.week_start_date as readiness_week_start_date
    from int_decision_units
    left join latest_weeks
        on int_decision_units.decision_unit_id = latest_weeks.decision_unit_id

)

select * from final
