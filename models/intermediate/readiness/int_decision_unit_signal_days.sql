{#
    One row per decision unit and day with at least one signal: the counts of signal_count_aggregates() (the
    one definition of what readiness counts), the day's signal total, and new_mqls, the persons whose first
    MQL (int_person_mql_dates) fell on that day in that unit. Signals without a decision unit are left out
    (the signals mart reports them); an MQL is always dated at one of its unit's signals, so its day has a
    row here. decision_unit_weeks takes window sums over these rows.
#}

with

signals as (

    select * from {{ ref('signals') }}

),

person_mql_dates as (

    select * from {{ ref('int_person_mql_dates') }}

),

daily_counts as (

    select
        signals.decision_unit_id,
        signals.signal_date,
        count(*) as signal_count,
        {{ signal_count_aggregates('signals') }}
    from signals
    where signals.decision_unit_id is not null
    group by signals.decision_unit_id, signals.signal_date

),

daily_mqls as (

    select
        decision_unit_id,
        first_mql_date,
        count(*) as new_mqls
    from person_mql_dates
    where decision_unit_id is not null
    group by decision_unit_id, first_mql_date

),

final as (

    select
        -- ids
        daily_counts.decision_unit_id,

        -- numerics
        cast(daily_counts.signal_count as {{ dbt.type_int() }}) as signal_count,
        {%- for name in signal_count_names() %}
        cast(daily_counts.{{ name }} as {{ dbt.type_int() }}) as {{ name }},
        {%- endfor %}
        cast(coalesce(daily_mqls.new_mqls, 0) as {{ dbt.type_int() }}) as new_mqls,

        -- dates
        daily_counts.signal_date

    from daily_counts
    left join daily_mqls
        on
            daily_counts.decision_unit_id = daily_mqls.decision_unit_id
            and daily_counts.signal_date = daily_mqls.first_mql_date

)

select * from final
