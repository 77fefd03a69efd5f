{#
    The window sums readiness is judged on (DOMAIN.md §6-§7), point in time: one row per decision unit and
    week, from the week of the unit's first signal through the week of the as-of day (var as_of_date, else
    the last day with a signal), each week summed at the end of its last day (week_end_date) over the days
    in (week_end_date - var readiness_lookback_days, week_end_date], and never later ones: days after the
    as-of day are left out. Per week: the counts of signal_count_names(), recent_<layer>_signals over each
    layer's var committee_recency_days, and mql_count (new MQLs in the lookback). decision_unit_weeks
    judges them.

    How: each unit's daily rows (int_decision_unit_signal_days) up to the as-of day are summed by week, with
    the partial sums of each week's last days that trailing_days_sum needs; joined to the calendar
    (int_readiness_weeks, no week missing), ROWS windows plus lag() give each week's lookback sums
    (macros/readiness/trailing_days_sum.sql).

    Incremental by unit and week (macros/readiness/recomputed_weeks.sql): a daily run sums again every
    unit's weeks from the last run's as-of week on, and a unit of int_decision_unit_changes from the week
    of its earliest changed day; the pre-hook deletes those weeks first. The window sums of a week read the
    weeks before it, so a changed unit's spine starts that many weeks earlier (context weeks); the other
    units' weeks are summed straight from their days (direct_sums).

    Long because: the daily run's scope (which weeks of which unit, with how many context weeks) decides
    both which days are read and how they are summed (windows over a spine, or straight sums); split, each
    part would compute the scope again.
#}

-- depends_on: {{ ref('int_decision_unit_changes') }}
{{
    config(
        materialized=incremental_materialization(),
        incremental_strategy=strategy_after_pre_hook_delete(),
        unique_key=['decision_unit_id', 'week_start_date'],
        on_schema_change='fail',
        pre_hook="{{ delete_recomputed_weeks(this) }}",
    )
}}
{%- set lookback_days = var('readiness_lookback_days') | int -%}
{%- set recency_days = var('committee_recency_days') -%}
{%- set count_names = signal_count_names() -%}
{#- the weeks before a judged week its window sums read -#}
{%- set context_days = 7 * (([lookback_days] + recency_days.values() | list) | max // 7 + 1) -%}
{#- the partial sums the lookback windows need: (column, days) by name, once each -#}
{%- set partial_sums = {} -%}
{%- for name in count_names + ['new_mqls'] if lookback_days % 7 -%}
{%- do partial_sums.update({partial_sum_name(name, lookback_days): (name, lookback_days)}) -%}
{%- endfor -%}
{%- for layer in person_layers() if recency_days[layer] % 7 -%}
{%- set column = 'any_' ~ layer ~ '_signals' -%}
{%- do partial_sums.update({partial_sum_name(column, recency_days[layer]): (column, recency_days[layer])}) -%}
{%- endfor %}

with

signal_days as (

    select * from {{ ref('int_decision_unit_signal_days') }}

),

weeks as (

    select * from {{ ref('int_readiness_weeks') }}

),

signals as (

    select * from {{ ref('signals') }}

),

as_of as (

    select {{ as_of_date_from('signals') }} as as_of_date

),

unit_first_days as (

    -- read from the table, not the signal_days CTE: DuckDB materializes a CTE read twice (7.3M wide rows)
    select
        decision_unit_id,
        min(signal_date) as first_signal_date
    from {{ ref('int_decision_unit_signal_days') }}
    group by decision_unit_id

),

unit_spans as (

    -- units whose first signal is after the as-of day have no week yet
    select
        unit_first_days.decision_unit_id,
        cast(
            {{ dbt.date_trunc('week', 'unit_first_days.first_signal_date') }} as date
        ) as first_week_start_date,
        cast({{ dbt.date_trunc('week', 'as_of.as_of_date') }} as date) as as_of_week_start_date,
        {%- if is_incremental() %}
        least(
            {{ every_unit_weeks_from(this) }},
            coalesce(
                cast({{ dbt.date_trunc('week', 'unit_changes.changed_from_date') }} as date),
                {{ every_unit_weeks_from(this) }}
            )
        ) as judged_from_week_start_date,
        unit_changes.decision_unit_id is not null as is_windowed
        {%- else %}
        cast(null as date) as judged_from_week_start_date,
        true as is_windowed
        {%- endif %}
    from unit_first_days
    cross join as_of
    {%- if is_incremental() %}
    left join {{ ref('int_decision_unit_changes') }} as unit_changes
        on unit_first_days.decision_unit_id = unit_changes.decision_unit_id
    {%- endif %}
    where unit_first_days.first_signal_date <= as_of.as_of_date

),

unit_ranges as (

    -- the weeks each unit is judged from (all on a full build), and the day its days are read from: the
    -- context weeks before, for the lookback sums. A unit is windowed (the weekly spine and window sums)
    -- on a full build and when it changed; a daily run sums its other units' judged weeks (the as-of
    -- weeks) straight from their days (direct_sums)
    select
        decision_unit_id,
        first_week_start_date,
        as_of_week_start_date,
        is_windowed,
        coalesce(judged_from_week_start_date, first_week_start_date) as judged_from_week_start_date,
        greatest(
            first_week_start_date,
            cast({{ dbt.dateadd(
                'day', -context_days, 'coalesce(judged_from_week_start_date, first_week_start_date)'
            ) }} as date)
        ) as spine_start_date
    from unit_spans

),

unit_weeks as (

    -- a windowed unit's spine, context weeks included; another unit's judged weeks
    select
        unit_ranges.decision_unit_id,
        unit_ranges.is_windowed,
        weeks.week_start_date,
        weeks.week_end_date
    from unit_ranges
    inner join weeks
        on
            case
                when unit_ranges.is_windowed then unit_ranges.spine_start_date
                else unit_ranges.judged_from_week_start_date
            end <= weeks.week_start_date
            and unit_ranges.as_of_week_start_date >= weeks.week_start_date

),

dated_days as (

    select
        signal_days.*,
        unit_ranges.is_windowed,
        cast({{ dbt.date_trunc('week', 'signal_days.signal_date') }} as date) as week_start_date
    from signal_days
    cross join as_of
    inner join unit_ranges
        on signal_days.decision_unit_id = unit_ranges.decision_unit_id
    where
        signal_days.signal_date <= as_of.as_of_date
        and signal_days.signal_date >= unit_ranges.spine_start_date

),

signal_weeks as (

    -- each unit's signals up to the as-of day by week, and the sums of each week's last days
    select
        decision_unit_id,
        week_start_date,
        {%- for column, days in partial_sums.values() %}
        {{ trailing_days_partial_sum(
            column,
            days,
            dbt.datediff('signal_date', dbt.dateadd('day', 6, 'week_start_date'), 'day'),
        ) }}
        {%- endfor %}
        {%- for name in count_names %}
        cast(sum({{ name }}) as {{ dbt.type_int() }}) as {{ name }},
        {%- endfor %}
        cast(sum(new_mqls) as {{ dbt.type_int() }}) as new_mqls
    from dated_days
    where is_windowed
    group by decision_unit_id, week_start_date

),

weekly as (

    -- the spine with the unit's weekly sums, zero in weeks without a signal
    select
        unit_weeks.decision_unit_id,
        unit_weeks.week_start_date,
        unit_weeks.week_end_date,
        {%- for partial_name in partial_sums %}
        coalesce(signal_weeks.{{ partial_name }}, 0) as {{ partial_name }},
        {%- endfor %}
        {%- for name in count_names %}
        coalesce(signal_weeks.{{ name }}, 0) as {{ name }},
        {%- endfor %}
        coalesce(signal_weeks.new_mqls, 0) as new_mqls
    from unit_weeks
    left join signal_weeks
        on
            unit_weeks.decision_unit_id = signal_weeks.decision_unit_id
            and unit_weeks.week_start_date = signal_weeks.week_start_date
    where unit_weeks.is_windowed

),

{%- if is_incremental() %}

direct_sums as (

    -- the same sums as the windows of spine_sums, each over the days in (week end - its days, week end]
    {%- set in_last = "coalesce(sum(case when dated_days.signal_date > cast({} as date) then dated_days.{} end), 0)" %}
    select
        unit_weeks.decision_unit_id,
        unit_weeks.week_start_date,
        unit_weeks.week_end_date,
        {%- for name in count_names %}
        {{ in_last.format(dbt.dateadd('day', -lookback_days, 'unit_weeks.week_end_date'), name) }} as {{ name }},
        {%- endfor %}
        {%- for layer in person_layers() %}
        {{ in_last.format(
            dbt.dateadd('day', -recency_days[layer], 'unit_weeks.week_end_date'), 'any_' ~ layer ~ '_signals'
        ) }} as recent_{{ layer }}_signals,
        {%- endfor %}
        {{ in_last.format(dbt.dateadd('day', -lookback_days, 'unit_weeks.week_end_date'), 'new_mqls') }}
            as mql_count
    from unit_weeks
    left join dated_days
        on
            unit_weeks.decision_unit_id = dated_days.decision_unit_id
            and dated_days.signal_date <= unit_weeks.week_end_date
    where not unit_weeks.is_windowed
    group by unit_weeks.decision_unit_id, unit_weeks.week_start_date, unit_weeks.week_end_date

),

{%- endif %}

spine_sums as (

    select
        decision_unit_id,
        week_start_date,
        week_end_date,
        {%- for name in count_names %}
        {{ trailing_days_sum(name, lookback_days, 'decision_unit_id') }} as {{ name }},
        {%- endfor %}
        {%- for layer in person_layers() %}
        {{ trailing_days_sum('any_' ~ layer ~ '_signals', recency_days[layer], 'decision_unit_id') }}
            as recent_{{ layer }}_signals,
        {%- endfor %}
        {{ trailing_days_sum('new_mqls', lookback_days, 'decision_unit_id') }} as mql_count
    from weekly
    {%- if is_incremental() %}

    union all

    select * from direct_sums
    {%- endif %}

),

final as (

    -- the context weeks only fed the window sums
    select
        -- ids
        spine_sums.decision_unit_id,

        -- numerics
        {%- for name in count_names %}
        cast(spine_sums.{{ name }} as {{ dbt.type_int() }}) as {{ name }},
        {%- endfor %}
        {%- for layer in person_layers() %}
        cast(spine_sums.recent_{{ layer }}_signals as {{ dbt.type_int() }}) as recent_{{ layer }}_signals,
        {%- endfor %}
        cast(spine_sums.mql_count as {{ dbt.type_int() }}) as mql_count,

        -- dates
        spine_sums.week_start_date,
        spine_sums.week_end_date

    from spine_sums
    inner join unit_ranges
        on spine_sums.decision_unit_id = unit_ranges.decision_unit_id
    where spine_sums.week_start_date >= unit_ranges.judged_from_week_start_date

)

select * from final
