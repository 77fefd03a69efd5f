{#
    The decision units whose readiness a daily run must judge again, each with the earliest day from which
    its daily rows (int_decision_unit_signal_days) and weeks (decision_unit_weeks) can differ:
      - the units and days of the signals int_signal_changes lists, as they are now and as they were;
      - for each person with a changed signal (changed_persons()), every unit it has a signal in, from the
        person's earliest changed day: its first MQL (int_person_mql_dates) can move to any later day, in
        the unit of the signal that makes it, and scores before that day do not change;
      - each unit whose timing changed without a signal of it changing (int_signal_context_changes): an
        incumbent contract end added or gone, from the day its renewal window opens (var
        renewal_window_days before the end), and a unit whose fiscal-year start or own unit changed, from
        var time_spine_start_date (every week's budget window moves).
    Empty on a full refresh and on the first build (int_signal_changes is empty then).
#}

with

signal_changes as (

    select * from {{ ref('int_signal_changes') }}

),

person_scores as (

    select * from {{ ref('int_person_scores') }}

),

context_changes as (

    select * from {{ ref('int_signal_context_changes') }}

),

accounts_rolled_up as (

    select * from {{ ref('int_accounts_rolled_up') }}

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

    union all

    select
        context_id as decision_unit_id,
        {{ dbt.dateadd(
            'day', -(var('renewal_window_days') | int), 'cast(context_value as date)'
        ) }} as changed_date
    from context_changes
    where context_type = 'renewal_end'

    union all

    select
        context_changes.context_id as decision_unit_id,
        cast('{{ var("time_spine_start_date") }}' as date) as changed_date
    from context_changes
    inner join accounts_rolled_up
        on context_changes.context_id = accounts_rolled_up.decision_unit_id
    where context_changes.context_type = 'account'

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
