{#
    The decision units whose readiness a daily run must judge again, each with the earliest day from which
    its daily rows (int_decision_unit_signal_days) and weeks (decision_unit_weeks) can differ:
      - the units and days of the signals int_signal_changes lists, as they are now and as they were;
      - for each person with a changed signal (changed_persons()), every unit it has a signal in, from the
        person's earliest changed day: its first MQL (int_person_mql_dates) can move to any later day, in
        the unit of the signal that makes it, and scores before that day do not change.
    Empty on a full refresh and on the first build (int_signal_changes is empty then).
#}

with

signal_changes as (

    select * from {{ ref('int_signal_changes') }}

),

person_scores as (

    select * from {{ ref('int_person_scores') }}

),

changed_persons as (

    {{ changed_persons() }}

),

changed_days as (

    select
        decision_unit_id,
        signal_date as changed_date
    from signal_changes
    where decision_unit_id is not null

    union all

    select
        previous_decision_unit_id as decision_unit_id,
        previous_signal_date as changed_date
    from signal_changes
    where previous_decision_unit_id is not null

    union all

    select
        person_scores.decision_unit_id,
        changed_persons.changed_from_date as changed_date
    from person_scores
    inner join changed_persons
        on
            person_scores.person_type = changed_persons.person_type
            and person_scores.person_id = changed_persons.person_id
    where person_scores.decision_unit_id is not null

),

final as (

    select
        -- ids
        decision_unit_id,

        -- dates
        min(changed_date) as changed_from_date

    from changed_days
    group by decision_unit_id

)

select * from final
