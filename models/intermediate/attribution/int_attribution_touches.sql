{#
    One row per touch of an opportunity (DOMAIN.md §9): every touch of its decision unit from
    attribution_lookback_days before the opportunity was created to its close (the as-of day while it is
    open, which no touch is after: nothing here moves with it). Account based: sibling opportunities of one
    decision unit share the touches before them, but a touch logged on one opportunity (a sales call on a
    sibling deal) belongs to that opportunity only.

    Positions, by touch order (touch_at, then touch_id):
      - first_touch: the first touch of the journey;
      - lead_creation: the last touch at or before the moment the decision unit first became known (the
        earliest creation of one of its leads, or of a contact on the opportunity's contact roles, never
        after the opportunity);
      - opportunity_creation: the last touch at or before the opportunity was created;
      - closed_won: the last touch of a won opportunity.
    When no touch falls at or before a moment (the lead was created before the journey starts, every touch
    came after the opportunity), that position goes to the first touch. A touch may hold several positions.

    Incremental by opportunity: a daily run deletes the touches of the opportunities int_attribution_changes
    lists (pre-hook) and builds their journeys again; every other journey is unchanged.
    Long because: it is incremental by opportunity (a daily run
    deletes and rebuilds an opportunity's touches), so the touches and their positions, window functions
    over the journey's touches, are built in the one model the pre-hook deletes from.
#}

-- depends_on: {{ ref('int_attribution_changes') }}
{{ config(**recomputed_from_log(
    'int_attribution_changes', 'opportunity_id', ['opportunity_id', 'touch_id']
)) }}

with

journey_moments as (

    select * from {{ ref('int_attribution_opportunities') }}
    {%- if is_incremental() %}
    where opportunity_id in (select changes.opportunity_id from {{ ref('int_attribution_changes') }} as changes)
    {%- endif %}

),

touch_signals as (

    select * from {{ ref('int_attribution_touch_signals') }}

),

opportunity_contact_roles as (

    select * from {{ ref('stg_crm__opportunity_contact_roles') }}

),

role_contacts as (

    select distinct
        opportunity_id,
        contact_id
    from opportunity_contact_roles

),

touches_joined as (

    select
        journey_moments.opportunity_id,
        touch_signals.touch_id,
        touch_signals.contact_id,
        touch_signals.lead_id,
        journey_moments.decision_unit_id,
        touch_signals.campaign_id,
        touch_signals.team,
        touch_signals.source_system,
        touch_signals.signal_type,
        touch_signals.signal_class,
        touch_signals.signal_stage,
        touch_signals.decision_layer,
        touch_signals.authority_tier,
        touch_signals.channel,
        journey_moments.is_won,
        journey_moments.journey_closed_date,
        touch_signals.touch_date,
        touch_signals.touch_at,
        journey_moments.lead_created_at,
        journey_moments.opportunity_created_at,
        role_contacts.contact_id is not null as is_contact_role_touch,
        {#- one sort for all four: the counts take the whole journey as their frame #}
        {%- set journey_order -%}
            partition by journey_moments.opportunity_id
            order by touch_signals.touch_at, touch_signals.touch_id
        {%- endset %}
        {#- touches are numbered by time, so the last touch at or before a moment is the count of those #}
        {%- for moment in ['lead_created_at', 'opportunity_created_at'] %}
        coalesce(
            nullif(
                sum(case when touch_signals.touch_at <= journey_moments.{{ moment }} then 1 else 0 end) over (
                    {{ journey_order }}
                    rows between unbounded preceding and unbounded following
                ),
                0
            ),
            1
        ) as {{ moment | replace('_created_at', '') }}_creation_touch_number,
        {%- endfor %}
        row_number() over ({{ journey_order }}) as touch_number,
        max(touch_signals.touch_date) over (
            {{ journey_order }}
            rows between unbounded preceding and unbounded following
        ) as last_touch_date,
        count(*) over (
            {{ journey_order }}
            rows between unbounded preceding and unbounded following
        ) as touch_count
    from journey_moments
    inner join touch_signals
        on
            journey_moments.decision_unit_id = touch_signals.decision_unit_id
            and journey_moments.journey_start_date <= touch_signals.touch_date
            and journey_moments.journey_end_date >= touch_signals.touch_date
            and (
                touch_signals.opportunity_id is null
                or journey_moments.opportunity_id = touch_signals.opportunity_id
            )
    left join role_contacts
        on
            journey_moments.opportunity_id = role_contacts.opportunity_id
            and touch_signals.contact_id = role_contacts.contact_id

),

positioned as (

    select
        touches_joined.*,
        touches_joined.touch_number = 1 as is_first_touch,
        touches_joined.touch_number = touches_joined.lead_creation_touch_number as is_lead_creation_touch,
        touches_joined.touch_number
        = touches_joined.opportunity_creation_touch_number as is_opportunity_creation_touch,
        coalesce(touches_joined.is_won, false)
        and touches_joined.touch_number = touches_joined.touch_count as is_closed_won_touch
    from touches_joined

),

final as (

    select
        -- ids
        opportunity_id,
        touch_id,
        contact_id,
        lead_id,
        decision_unit_id,
        campaign_id,

        -- strings
        team,
        source_system,
        signal_type,
        signal_class,
        signal_stage,
        decision_layer,
        authority_tier,
        channel,
        substring(coalesce(
            nullif(
                {{ dbt.concat([
                    "case when is_first_touch then ',first_touch' else '' end",
                    "case when is_lead_creation_touch then ',lead_creation' else '' end",
                    "case when is_opportunity_creation_touch then ',opportunity_creation' else '' end",
                    "case when is_closed_won_touch then ',closed_won' else '' end",
                ]) }},
                ''
            ),
            ',middle'
        ), 2) as touch_positions,
        case
            when lead_created_at is not null and touch_at <= lead_created_at then 'before_lead'
            when touch_at <= opportunity_created_at then 'before_opportunity'
            else 'after_opportunity'
        end as journey_phase,

        -- numerics
        touch_number,
        touch_count,
        {{ dbt.datediff(
            'touch_date',
            'last_touch_date',
            'day',
        ) }} as days_before_last_touch,

        -- booleans
        is_contact_role_touch,
        is_first_touch,
        is_lead_creation_touch,
        is_opportunity_creation_touch,
        is_closed_won_touch,

        -- dates
        touch_date,
        journey_closed_date,

        -- timestamps
        touch_at

    from positioned

)

select * from final
