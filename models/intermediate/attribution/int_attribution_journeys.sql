{#
    The journeys the data-driven model learns from (DOMAIN.md §9): one row per step of a journey, a step
    being a run of consecutive touches in the same state (var attribution_markov_state: channel or
    signal_type; repeats in a row say nothing about what leads where, so they collapse into one step).
      - Converting: each opportunity's touches up to its creation (int_attribution_touches); its journey
        ends in a conversion.
      - Not converting: a decision unit that had touches in the last attribution_lookback_days before the
        fit day but no opportunity created in that time; its journey is those touches, ending in nothing.
    The chain is fitted on the journeys as they stood on the fit day, the last day before the as-of day's
    period (var attribution_refit_grain: week, by default, or month; day fits on the as-of day itself):
    opportunities created after it and touches after it do not count yet. So the removal effects, and every
    data-driven share with them, move once a period (and when late or edited rows change an earlier
    journey), not every day: a daily run credits again only the journeys that changed.

    Incremental by journey: while the fit day stays, a daily run deletes the journeys
    int_attribution_journey_changes lists (pre-hook) and builds them again; on a new fit day it builds all.
    Long because: converting and non-converting journeys are cut on
    the same fit day and collapsed into steps by the same rule; the chain learns from the two together, and
    the model is incremental by journey as one table.
#}

-- depends_on: {{ ref('int_attribution_journey_changes') }}
{{ config(
    materialized=incremental_materialization(),
    incremental_strategy=strategy_after_pre_hook_delete(),
    unique_key=['journey_id', 'step_number'],
    on_schema_change='fail',
    pre_hook="{{ delete_journeys_built_again() }}",
) }}

{%- set state = attribution_markov_state() %}
{%- set lookback_days = var('attribution_lookback_days') %}
{%- set changed_only = is_incremental() and not attribution_journeys_refitted() %}
{%- set journey_changes = ref('int_attribution_journey_changes') %}

with

touches as (

    select * from {{ ref('int_attribution_touches') }}

),

touch_signals as (

    select * from {{ ref('int_attribution_touch_signals') }}

),

opportunities as (

    select * from {{ ref('opportunities') }}

),

fit_day as (

    select {{ attribution_fit_date(as_of_date_from(ref('signals'))) }} as fit_date

),

converting_touches as (

    select
        touches.opportunity_id as journey_id,
        coalesce(touches.{{ state }}, 'unknown') as state,
        true as is_converted,
        touches.touch_at,
        touches.touch_id,
        fit_day.fit_date
    from touches
    inner join opportunities
        on touches.opportunity_id = opportunities.opportunity_id
    cross join fit_day
    {%- if changed_only %}
    inner join {{ journey_changes }} as journey_changes
        on touches.opportunity_id = journey_changes.journey_id
    {%- endif %}
    where
        touches.journey_phase != 'after_opportunity'
        and opportunities.created_date <= fit_day.fit_date

),

recent_touches as (

    select
        touch_signals.*,
        fit_day.fit_date
    from touch_signals
    cross join fit_day
    {%- if changed_only %}
    inner join {{ journey_changes }} as journey_changes
        on {{ dbt.concat(["'decision_unit-'", 'touch_signals.decision_unit_id']) }} = journey_changes.journey_id
    {%- endif %}
    where
        touch_signals.touch_date > {{ dbt.dateadd('day', -lookback_days, 'fit_day.fit_date') }}
        and touch_signals.touch_date <= fit_day.fit_date

),

non_converting_touches as (

    select
        {{ dbt.concat(["'decision_unit-'", 'recent_touches.decision_unit_id']) }} as journey_id,
        coalesce(recent_touches.{{ state }}, 'unknown') as state,
        false as is_converted,
        recent_touches.touch_at,
        recent_touches.touch_id,
        recent_touches.fit_date
    from recent_touches
    where not exists (
            select 1 as is_found
            from opportunities
            where
                opportunities.decision_unit_id = recent_touches.decision_unit_id
                and opportunities.created_date
                > {{ dbt.dateadd('day', -lookback_days, 'recent_touches.fit_date') }}
                and opportunities.created_date <= recent_touches.fit_date
        )

),

journey_touches as (

    select * from converting_touches
    union all
    select * from non_converting_touches

),

state_changes as (

    select
        journey_touches.*,
        lag(journey_touches.state)
            over (
                partition by journey_touches.journey_id
                order by journey_touches.touch_at, journey_touches.touch_id
            )
            as previous_state
    from journey_touches

),

final as (

    select
        -- ids
        journey_id,

        -- strings
        state,

        -- numerics
        row_number() over (partition by journey_id order by touch_at, touch_id) as step_number,

        -- booleans
        is_converted,

        -- dates
        fit_date

    from state_changes
    where previous_state is null or previous_state != state

)

select * from final
