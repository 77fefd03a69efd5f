{#
    One row per decision unit and engagement onset: a week with an engagement signal after at least
    var engagement_onset_quiet_days without one (a unit's first engagement week is an onset too), with the
    first week at or after it in which the unit sent an intent signal. The engagement-to-intent conversion
    metric reads these rows: MetricFlow's conversion metrics join every base event of a unit to every
    conversion event within the window, which over every unit-week (millions of rows at scale) costs
    seconds per query; onsets and their first intent week are a few rows per unit.
#}

{%- set quiet_days = var('engagement_onset_quiet_days') %}

with

signal_days as (

    select * from {{ ref('int_decision_unit_signal_days') }}

),

unit_weeks as (

    select
        decision_unit_id,
        cast({{ dbt.date_trunc('week', 'signal_date') }} as date) as week_start_date,
        sum({{ total_signals('engagement') }}) as engagement_signals,
        sum({{ total_signals('intent') }}) as intent_signals
    from signal_days
    group by
        decision_unit_id,
        cast({{ dbt.date_trunc('week', 'signal_date') }} as date)

),

engagement_weeks as (

    select
        decision_unit_id,
        week_start_date,
        lag(week_start_date) over (
            partition by decision_unit_id
            order by week_start_date
        ) as previous_engagement_week_start_date
    from unit_weeks
    where engagement_signals > 0

),

onsets as (

    select
        decision_unit_id,
        week_start_date as onset_week_start_date
    from engagement_weeks
    where
        previous_engagement_week_start_date is null
        or previous_engagement_week_start_date
        < {{ dbt.dateadd('day', -quiet_days, 'week_start_date') }}

),

intent_weeks as (

    select
        decision_unit_id,
        week_start_date
    from unit_weeks
    where intent_signals > 0

),

final as (

    select
        -- ids
        onsets.decision_unit_id,

        -- dates
        onsets.onset_week_start_date,
        min(intent_weeks.week_start_date) as first_intent_week_start_date

    from onsets
    left join intent_weeks
        on
            onsets.decision_unit_id = intent_weeks.decision_unit_id
            and onsets.onset_week_start_date <= intent_weeks.week_start_date
    group by
        onsets.decision_unit_id,
        onsets.onset_week_start_date

)

select * from final
