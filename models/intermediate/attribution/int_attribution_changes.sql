{#
    The journeys a daily run must credit again: one row per opportunity whose touches, positions or credits
    can have changed since the last run, the change log int_attribution_touches, _touch_shares and
    _touches_credited read. An opportunity is listed when
      - its journey's moments moved (int_attribution_journey_moments against the stored
        int_attribution_opportunities, by moment_hash): it is new or gone, was closed, won, re-dated or
        re-valued, its decision unit or contact roles changed, or, while open, the as-of day moved its end;
      - a signal int_signal_changes lists (as it is now or as it was) falls in its decision unit within its
        journey: a touch was added, edited, moved or deleted;
      - a campaign of one of its credited touches was renamed.
    A closed opportunity's journey ends at its close, so its credit stays fixed unless late or edited rows
    fall inside its journey (point in time, as readiness is). Empty on a full refresh and on the first
    build, when everything downstream is built from nothing.
#}

-- depends_on: {{ ref('int_signal_changes') }}, {{ ref('stg_crm__campaigns') }}

{%- set stored_moments = previous_state('int_attribution_opportunities') %}
{%- set stored_credits = previous_state('int_attribution_touches_credited') %}

with

moments as (

    select * from {{ ref('int_attribution_journey_moments') }}

),

{% if stored_moments is none or stored_credits is none %}

final as (

    select opportunity_id
    from moments
    where 1 = 0

)

{% else %}

signal_changes as (

    select * from {{ ref('int_signal_changes') }}

),

campaigns as (

    select * from {{ ref('stg_crm__campaigns') }}

),

stored_moments as (

    select
        opportunity_id,
        moment_hash
    from {{ stored_moments }}

),

moved_journeys as (

    select coalesce(moments.opportunity_id, stored_moments.opportunity_id) as opportunity_id
    from moments
    full outer join stored_moments
        on moments.opportunity_id = stored_moments.opportunity_id
    where
        moments.opportunity_id is null
        or stored_moments.opportunity_id is null
        or moments.moment_hash <> stored_moments.moment_hash

),

changed_signal_days as (

    {{ changed_signal_unit_days('signal_changes') }}

),

touched_journeys as (

    select moments.opportunity_id
    from moments
    inner join changed_signal_days
        on
            moments.decision_unit_id = changed_signal_days.decision_unit_id
            and changed_signal_days.signal_date >= moments.journey_start_date
            and changed_signal_days.signal_date <= moments.journey_end_date

),

renamed_campaign_journeys as (

    select credits.opportunity_id
    from {{ stored_credits }} as credits
    left join campaigns
        on credits.campaign_id = campaigns.campaign_id
    where
        credits.campaign_id is not null
        and coalesce(campaigns.campaign_name, '~') <> coalesce(credits.campaign_name, '~')

),

final as (

    select opportunity_id from moved_journeys
    union
    select opportunity_id from touched_journeys
    union
    select opportunity_id from renamed_campaign_journeys

)

{% endif %}

select * from final
