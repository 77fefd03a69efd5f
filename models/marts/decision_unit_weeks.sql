{#
    The common decision lens (DOMAIN.md §6-§7), point in time: one row per decision unit and week, from the
    week of the unit's first signal through the week of the as-of day (var as_of_date, else the last day with
    a signal). Each week is judged at the end of its last day (week_end_date = week start + 6 days) over the
    signals dated in (week_end_date - var readiness_lookback_days, week_end_date], and never later ones:
    signals after the as-of day are left out, so the as-of week counts only up to that day, and its budget and
    renewal windows are judged on the as-of day (judged_date), the day decision_units reads as "now".

    How: each unit's daily rows (int_decision_unit_signal_days) up to the as-of day are summed by week, with
    the partial sums of each week's last days that trailing_days_sum needs; joined to the weekly spine (no
    week missing), ROWS windows plus lag() give each week's lookback sums (macros/readiness/
    trailing_days_sum.sql). Committee coverage uses one such sum per layer (var committee_recency_days).
    The state machine, its flags and counts are the macros of macros/readiness, shared with handoffs and
    opportunities. (Windows over the daily rows, in an earlier version, took 160 s on the large preset.)

    Incremental by unit and week (macros/readiness/recomputed_weeks.sql): a daily run judges again every
    unit's weeks from the last run's as-of week on, and a unit of int_decision_unit_changes from the week
    of its earliest changed day; the pre-hook deletes those weeks first. The window sums of a judged week
    read the weeks before it, so each unit's spine starts that many weeks earlier (context weeks).
#}

-- depends_on: {{ ref('int_decision_unit_changes') }}
{{
    config(
        materialized=incremental_materialization(),
        incremental_strategy=incremental_strategy(),
        unique_key=['decision_unit_id', 'week_start_date'],
        on_schema_change='fail',
        pre_hook="{{ delete_recomputed_weeks(this) }}",
    )
}}
{%- set lookback_days = var('readiness_lookback_days') | int -%}
{%- set recency_days = var('committee_recency_days') -%}
{%- set required_layers = var('committee_required_layers') -%}
{%- set late_stage_layers = var('committee_required_layers_late_stage') -%}
{%- set count_names = signal_count_names() -%}
{#- the weeks before a judged week its window sums read -#}
{%- set context_days = 7 * (([lookback_days] + recency_days.values() | list) | max // 7 + 1) -%}
{#- weeks the spine can hold: 100 years (a singular test checks that no unit's weeks are cut short) -#}
{%- set max_weeks = 5218 -%}
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

decision_units as (

    select * from {{ ref('int_decision_units') }}

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

spine_bounds as (

    select
        min(spine_start_date) as first_week_start_date,
        max(as_of_week_start_date) as last_week_start_date
    from unit_ranges

),

week_numbers as (

    {{ dbt.generate_series(max_weeks) }}

),

weeks as (

    select
        cast(
            {{ dbt.dateadd(
                'day',
                '7 * (week_numbers.generated_number - 1)',
                'spine_bounds.first_week_start_date',
            ) }} as date
        ) as week_start_date
    from week_numbers
    cross join spine_bounds
    where
        7 * (week_numbers.generated_number - 1) <= {{ dbt.datediff(
            'spine_bounds.first_week_start_date', 'spine_bounds.last_week_start_date', 'day'
        ) }}

),

unit_weeks as (

    -- a windowed unit's spine, context weeks included; another unit's judged weeks
    select
        unit_ranges.decision_unit_id,
        unit_ranges.is_windowed,
        weeks.week_start_date,
        cast({{ dbt.dateadd('day', 6, 'weeks.week_start_date') }} as date) as week_end_date
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

renewal_weeks as (

    -- the weeks in a renewal window on their judged day (the week's last day, or the as-of day in the as-of
    -- week); keys only: the wide window sums are read once, by timed
    select
        unit_weeks.decision_unit_id,
        unit_weeks.week_start_date
    from unit_weeks
    cross join as_of
    inner join renewal_windows
        on
            unit_weeks.decision_unit_id = renewal_windows.decision_unit_id
            and least(unit_weeks.week_end_date, as_of.as_of_date) >= renewal_windows.window_start_date
            and least(unit_weeks.week_end_date, as_of.as_of_date) <= renewal_windows.contract_end_date
    group by unit_weeks.decision_unit_id, unit_weeks.week_start_date

),

timed as (

    select
        spine_sums.*,
        coalesce(
            {{ is_in_budget_window(
                'least(spine_sums.week_end_date, as_of.as_of_date)',
                'coalesce(decision_units.fiscal_year_start_month, '
                ~ var('default_fiscal_year_start_month') ~ ')'
            ) }},
            false
        ) as is_in_budget_window,
        renewal_weeks.decision_unit_id is not null as is_in_renewal_window
    from spine_sums
    cross join as_of
    left join decision_units
        on spine_sums.decision_unit_id = decision_units.decision_unit_id
    left join renewal_weeks
        on
            spine_sums.decision_unit_id = renewal_weeks.decision_unit_id
            and spine_sums.week_start_date = renewal_weeks.week_start_date

),

windows_combined as (

    select
        *,
        is_in_budget_window or is_in_renewal_window as is_in_window
    from timed

),

judged as (

    select
        *,
        {{ readiness_state('is_in_window') }} as readiness_state,
        {{ not_ready_flags('is_in_window') }},
        {{ intent_layer_count() }} as intent_layer_count,
        {{ total_signals('engagement') }} as engagement_signals,
        {{ total_signals('intent') }} as intent_signals,
        authority_decision_signals > 0 as has_authority_intent,
        late_stage_signals > 0 as has_late_stage_signal,
        {%- for layer in person_layers() %}
        recent_{{ layer }}_signals > 0 as is_{{ layer }}_covered,
        {%- endfor %}
        mql_count >= {{ var('mqa_min_mqls') }} as is_mqa
    from windows_combined

),

committee as (

    select
        *,
        case
            when has_late_stage_signal then {{ late_stage_layers | length }}
            else {{ required_layers | length }}
        end as committee_required_layer_count,
        case
            when has_late_stage_signal then {{ covered_layer_count(late_stage_layers) }}
            else {{ covered_layer_count(required_layers) }}
        end as committee_covered_layer_count
    from judged

),

judged_weeks as (

    -- the context weeks only fed the window sums
    select committee.*
    from committee
    inner join unit_ranges
        on committee.decision_unit_id = unit_ranges.decision_unit_id
    where committee.week_start_date >= unit_ranges.judged_from_week_start_date

),

final as (

    select
        -- ids
        decision_unit_id,

        -- strings
        readiness_state,
        {{ not_ready_reasons() }} as not_ready_reasons,

        -- numerics
        {{ readiness_rank('readiness_state') }} as readiness_rank,
        cast(engagement_signals as {{ dbt.type_int() }}) as engagement_signals,
        cast(intent_signals as {{ dbt.type_int() }}) as intent_signals,
        {%- for name in count_names %}
        cast({{ name }} as {{ dbt.type_int() }}) as {{ name }},
        {%- endfor %}
        cast(intent_layer_count as {{ dbt.type_int() }}) as intent_layer_count,
        {%- for layer in person_layers() %}
        cast(recent_{{ layer }}_signals as {{ dbt.type_int() }}) as recent_{{ layer }}_signals,
        {%- endfor %}
        cast(committee_required_layer_count as {{ dbt.type_int() }}) as committee_required_layer_count,
        cast(committee_covered_layer_count as {{ dbt.type_int() }}) as committee_covered_layer_count,
        cast(
            cast(committee_covered_layer_count as {{ type_double() }})
            / nullif(committee_required_layer_count, 0)
            as {{ dbt.type_numeric() }}
        ) as committee_completeness,
        cast(mql_count as {{ dbt.type_int() }}) as mql_count,

        -- booleans
        has_authority_intent,
        has_late_stage_signal,
        is_in_budget_window,
        is_in_renewal_window,
        is_in_window,
        is_missing_authority,
        is_missing_late_stage,
        is_out_of_window,
        is_single_layer,
        {%- for layer in person_layers() %}
        is_{{ layer }}_covered,
        {%- endfor %}
        is_mqa,
        -- the week of the as-of day: where every unit stands now
        week_start_date = (
            select cast({{ dbt.date_trunc('week', 'as_of.as_of_date') }} as date) as as_of_week_start_date
            from as_of
        ) as is_as_of_week,

        -- dates
        week_start_date,
        week_end_date,
        -- the day the week's state holds on: its last day, or the as-of day in the as-of week
        least(week_end_date, (select as_of.as_of_date from as_of)) as judged_date

    from judged_weeks

)

select * from final
