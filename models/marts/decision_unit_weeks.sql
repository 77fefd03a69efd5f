{#
    The common decision lens (DOMAIN.md §6-§7), point in time: one row per decision unit and week, from the
    week of the unit's first signal through the week of the as-of day (var as_of_date, else the last day with
    a signal). Each week is judged at the end of its last day (week_end_date) on the window sums of
    int_decision_unit_week_sums (the signals in its lookback, never later ones, none after the as-of day);
    the as-of week's budget and renewal windows are judged on the as-of day (judged_date), the day
    decision_units reads as "now". The state machine, its flags and counts are the macros of
    macros/readiness, shared with handoffs and opportunities.

    Incremental by unit and week (macros/readiness/recomputed_weeks.sql): a daily run judges again the weeks
    int_decision_unit_week_sums summed again (every unit's from the last run's as-of week on, a unit of
    int_decision_unit_changes from the week of its earliest changed day); the pre-hook deletes them first.

    Long because: one judgement, each step reading the one before (windows, state and flags, committee
    coverage), and the final select names the contract's 50 columns.
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
{%- set required_layers = var('committee_required_layers') -%}
{%- set late_stage_layers = var('committee_required_layers_late_stage') %}

with

week_sums as (

    select week_sums.*
    from {{ ref('int_decision_unit_week_sums') }} as week_sums
    {%- if is_incremental() %}
    where {{ is_recomputed_week('week_sums', this) }}
    {%- endif %}

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

renewal_weeks as (

    -- the weeks in a renewal window on their judged day (the week's last day, or the as-of day in the as-of
    -- week); keys only: the wide window sums are read once, by timed
    select
        week_sums.decision_unit_id,
        week_sums.week_start_date
    from week_sums
    cross join as_of
    inner join renewal_windows
        on
            week_sums.decision_unit_id = renewal_windows.decision_unit_id
            and least(week_sums.week_end_date, as_of.as_of_date) >= renewal_windows.window_start_date
            and least(week_sums.week_end_date, as_of.as_of_date) <= renewal_windows.contract_end_date
    group by week_sums.decision_unit_id, week_sums.week_start_date

),

timed as (

    select
        week_sums.*,
        coalesce(
            {{ is_in_budget_window(
                'least(week_sums.week_end_date, as_of.as_of_date)',
                'coalesce(decision_units.fiscal_year_start_month, '
                ~ var('default_fiscal_year_start_month') ~ ')'
            ) }},
            false
        ) as is_in_budget_window,
        renewal_weeks.decision_unit_id is not null as is_in_renewal_window
    from week_sums
    cross join as_of
    left join decision_units
        on week_sums.decision_unit_id = decision_units.decision_unit_id
    left join renewal_weeks
        on
            week_sums.decision_unit_id = renewal_weeks.decision_unit_id
            and week_sums.week_start_date = renewal_weeks.week_start_date

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
        {%- for name in signal_count_names() %}
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

    from committee

)

select * from final
