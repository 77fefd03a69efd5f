{#
    One row per decision unit and day with at least one signal: the counts of signal_count_aggregates() (the
    one definition of what readiness counts), the day's signal total, and new_mqls, the persons whose first
    MQL (int_person_mql_dates) fell on that day in that unit. Signals without a decision unit are left out
    (the signals mart reports them); an MQL is always dated at one of its unit's signals, so its day has a
    row here. decision_unit_weeks takes window sums over these rows.

    Incremental by unit and day: a daily run recomputes the days of int_decision_unit_changes (each unit
    from its earliest changed day on); the pre-hook deletes those days first, so a day left without a
    signal loses its row.
#}

-- depends_on: {{ ref('int_decision_unit_changes') }}
{{
    config(
        materialized=incremental_materialization(),
        incremental_strategy=strategy_after_pre_hook_delete(),
        unique_key=['decision_unit_id', 'signal_date'],
        on_schema_change='fail',
        pre_hook="{{ delete_recomputed_rows(
            this, 'select * from ' ~ ref('int_decision_unit_changes'), ['decision_unit_id'],
            'signal_date', 'changed_from_date'
        ) }}",
    )
}}

with

signals as (

    select signals.*
    from {{ ref('signals') }} as signals
    {%- if is_incremental() %}
    inner join {{ ref('int_decision_unit_changes') }} as unit_changes
        on
            signals.decision_unit_id = unit_changes.decision_unit_id
            and signals.signal_date >= unit_changes.changed_from_date
    {%- endif %}

),

person_mql_dates as (

    select person_mql_dates.*
    from {{ ref('int_person_mql_dates') }} as person_mql_dates
    {%- if is_incremental() %}
    inner join {{ ref('int_decision_unit_changes') }} as unit_changes
        on
            person_mql_dates.decision_unit_id = unit_changes.decision_unit_id
            and person_mql_dates.first_mql_date >= unit_changes.changed_from_date
    {%- endif %}

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
