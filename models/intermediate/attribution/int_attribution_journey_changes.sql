{#
    The journeys a daily run builds again in int_attribution_journeys while the fit day stays where the
    stored journeys have it (a new fit day rebuilds them all): one row per journey_id.
      - Converting: every opportunity int_attribution_changes lists (its touches were built again).
      - Not converting: a decision unit with a changed signal (int_signal_changes, as it is now or as it
        was) inside the lookback window before the fit day, or with a listed opportunity created (now or
        as stored in int_attribution_opportunities) inside that window, which decides whether the unit
        has a journey that did not convert.
    Empty on a full refresh and on the first build, when the journeys are built from nothing.
#}

-- depends_on: {{ ref('int_signal_changes') }}, {{ ref('int_attribution_journey_moments') }}
-- depends_on: {{ ref('signals') }}

{%- set stored_opportunities = previous_state('int_attribution_opportunities') %}
{%- set lookback_days = var('attribution_lookback_days') %}

with

attribution_changes as (

    select * from {{ ref('int_attribution_changes') }}

),

{% if stored_opportunities is none %}

final as (

    select cast(opportunity_id as {{ dbt.type_string() }}) as journey_id
    from attribution_changes
    where 1 = 0

)

{% else %}

signal_changes as (

    select * from {{ ref('int_signal_changes') }}

),

moments as (

    select * from {{ ref('int_attribution_journey_moments') }}

),

fit_day as (

    select {{ attribution_fit_date(as_of_date_from(ref('signals'))) }} as fit_date

),

changed_signal_days as (

    {{ changed_signal_unit_days('signal_changes') }}

),

changed_unit_days as (

    select
        decision_unit_id,
        signal_date as changed_date
    from changed_signal_days
    union all
    select
        moments.decision_unit_id,
        moments.opportunity_created_date as changed_date
    from attribution_changes
    inner join moments
        on attribution_changes.opportunity_id = moments.opportunity_id
    union all
    select
        stored_opportunities.decision_unit_id,
        stored_opportunities.opportunity_created_date as changed_date
    from attribution_changes
    inner join {{ stored_opportunities }} as stored_opportunities
        on attribution_changes.opportunity_id = stored_opportunities.opportunity_id

),

non_converting as (

    select {{ dbt.concat(["'decision_unit-'", 'changed_unit_days.decision_unit_id']) }} as journey_id
    from changed_unit_days
    cross join fit_day
    where
        changed_unit_days.changed_date > {{ dbt.dateadd('day', -lookback_days, 'fit_day.fit_date') }}
        and changed_unit_days.changed_date <= fit_day.fit_date

),

final as (

    select opportunity_id as journey_id from attribution_changes
    union
    select journey_id from non_converting

)

{% endif %}

select * from final
