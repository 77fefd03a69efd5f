{#
    Buying-committee coverage of each opportunity (DOMAIN.md §7), point in time: one row per opportunity,
    moment and person layer. Moments:
      creation  the opportunity's created_at;
      close     the start of its close date (closed opportunities only; never before created_at): signals of
                the close day itself, such as the closing stage change, do not count;
      as_of     the end of the as-of day (var as_of_date, null = the last day with a signal; open ones only).
    A contact's layer on the opportunity is the layer of its contact role (int_opportunity_contacts_layered)
    once the role exists at the moment, else the layer of its title. A layer is
      engaged  when a contact in it, of the opportunity's decision unit or named on the opportunity, sent a
               buying signal (positive weight, as readiness counts them; a converted lead's signals count for
               its contact) within the layer's recency window before the moment (var committee_recency_days):
               moment_at - recency_days < signal_at <= moment_at;
      named    when a contact role created at or before the moment puts a contact in it;
      covered  when engaged or named (a named contact counts even when silent).
    The required layers are var committee_required_layers, or committee_required_layers_late_stage when the
    opportunity is in a late stage at the moment: the last open stage it had reached (opportunity history),
    mapped by opportunity_stage_map.signal_stage. A closing stage (Closed Won/Lost) is never the stage judged,
    so a deal lost in discovery does not need the gatekeeper.
#}

{%- set max_recency_days = var('committee_recency_days').values() | map('int') | max -%}

with

opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

accounts_rolled_up as (

    select * from {{ ref('int_accounts_rolled_up') }}

),

opportunity_stage_map as (

    select * from {{ ref('opportunity_stage_map') }}

),

opportunity_history_entries as (

    select * from {{ ref('stg_crm__opportunity_history_entries') }}

),

contacts_classified as (

    select * from {{ ref('int_contacts_classified') }}

),

opportunity_contacts_layered as (

    select * from {{ ref('int_opportunity_contacts_layered') }}

),

signals as (

    select * from {{ ref('signals') }}

),

leads_classified as (

    select * from {{ ref('int_leads_classified') }}

),

layer_rules as (

    {{ committee_layer_rules() }}

),

opportunities_dated as (

    select
        opportunities.opportunity_id,
        accounts_rolled_up.decision_unit_id,
        opportunities.stage_name,
        coalesce(opportunities.is_closed, opportunity_stage_map.is_closed, false) as is_closed,
        opportunities.close_date,
        opportunities.created_at
    from opportunities
    left join accounts_rolled_up
        on opportunities.account_id = accounts_rolled_up.account_id
    left join opportunity_stage_map
        on opportunities.stage_name = opportunity_stage_map.stage_name

),

as_of as (

    select
        {%- set as_of_day_end = dbt.dateadd('day', 1, as_of_date_from(ref('signals'))) %}
        {{ dbt.dateadd('second', -1, 'cast(' ~ as_of_day_end ~ ' as ' ~ dbt.type_timestamp() ~ ')') }}
            as as_of_end_at

),

moments_unbounded as (

    select
        opportunity_id,
        decision_unit_id,
        'creation' as moment,
        created_at,
        created_at as moment_at
    from opportunities_dated
    where created_at is not null

    union all

    select
        opportunity_id,
        decision_unit_id,
        'close' as moment,
        created_at,
        cast(close_date as {{ dbt.type_timestamp() }}) as moment_at
    from opportunities_dated
    where is_closed and close_date is not null and created_at is not null

    union all

    select
        opportunities_dated.opportunity_id,
        opportunities_dated.decision_unit_id,
        'as_of' as moment,
        opportunities_dated.created_at,
        as_of.as_of_end_at as moment_at
    from opportunities_dated
    cross join as_of
    where not opportunities_dated.is_closed and opportunities_dated.created_at is not null

),

moments as (

    select
        opportunity_id,
        decision_unit_id,
        moment,
        case when moment_at < created_at then created_at else moment_at end as moment_at
    from moments_unbounded

),

open_stage_entries as (

    select
        opportunity_history_entries.opportunity_id,
        opportunity_history_entries.stage_name,
        opportunity_stage_map.signal_stage,
        opportunity_history_entries.created_at,
        opportunity_history_entries.opportunity_history_entry_id
    from opportunity_history_entries
    inner join opportunity_stage_map
        on opportunity_history_entries.stage_name = opportunity_stage_map.stage_name
    where not opportunity_stage_map.is_closed

),

moment_stages_ranked as (

    -- the last open stage entered at or before the moment; failing that, the first open stage recorded
    select
        moments.opportunity_id,
        moments.moment,
        open_stage_entries.stage_name,
        open_stage_entries.signal_stage,
        row_number() over (
            partition by moments.opportunity_id, moments.moment
            order by
                -- entered by the moment first, the latest of them first; then the earliest of the rest
                case when moments.moment_at >= open_stage_entries.created_at then 0 else 1 end,
                case
                    when moments.moment_at >= open_stage_entries.created_at then open_stage_entries.created_at
                end desc,
                open_stage_entries.created_at,
                open_stage_entries.opportunity_history_entry_id desc
        ) as stage_rank
    from moments
    inner join open_stage_entries
        on moments.opportunity_id = open_stage_entries.opportunity_id

),

moment_stages as (

    select
        moments.opportunity_id,
        moments.decision_unit_id,
        moments.moment,
        moments.moment_at,
        -- no open stage in the history: an open opportunity's current stage
        coalesce(
            moment_stages_ranked.stage_name,
            case when not opportunities_dated.is_closed then opportunities_dated.stage_name end
        ) as stage_name,
        coalesce(
            moment_stages_ranked.signal_stage,
            case when not opportunities_dated.is_closed then current_stages.signal_stage end
        ) = 'late' as is_late_stage
    from moments
    inner join opportunities_dated
        on moments.opportunity_id = opportunities_dated.opportunity_id
    left join opportunity_stage_map as current_stages
        on opportunities_dated.stage_name = current_stages.stage_name
    left join moment_stages_ranked
        on
            moments.opportunity_id = moment_stages_ranked.opportunity_id
            and moments.moment = moment_stages_ranked.moment
            and moment_stages_ranked.stage_rank = 1

),

contact_signals as (

    -- buying signals (positive weight) of contacts; a converted lead's signals count for its contact
    select
        coalesce(signals.contact_id, leads_classified.converted_contact_id) as contact_id,
        signals.decision_unit_id,
        signals.signal_at
    from signals
    left join leads_classified
        on signals.lead_id = leads_classified.lead_id
    where
        signals.weight > 0
        and coalesce(signals.contact_id, leads_classified.converted_contact_id) is not null

),

unit_contact_signals as (

    -- contacts of the opportunity's decision unit with a signal within the longest recency window
    select
        moments.opportunity_id,
        moments.moment,
        contact_signals.contact_id,
        max(contact_signals.signal_at) as last_signal_at
    from moments
    inner join contact_signals
        on
            moments.decision_unit_id = contact_signals.decision_unit_id
            and moments.moment_at >= contact_signals.signal_at
            and contact_signals.signal_at > {{ dbt.dateadd('day', -max_recency_days, 'moments.moment_at') }}
    group by
        moments.opportunity_id,
        moments.moment,
        contact_signals.contact_id

),

named_contacts as (

    -- contacts named on the opportunity by the moment
    select
        moments.opportunity_id,
        moments.moment,
        opportunity_contacts_layered.contact_id,
        opportunity_contacts_layered.decision_layer
    from moments
    inner join opportunity_contacts_layered
        on
            moments.opportunity_id = opportunity_contacts_layered.opportunity_id
            and (
                opportunity_contacts_layered.created_at is null
                or moments.moment_at >= opportunity_contacts_layered.created_at
            )

),

named_contact_signals as (

    -- named contacts' signals, wherever their account sits
    select
        named_contacts.opportunity_id,
        named_contacts.moment,
        named_contacts.contact_id,
        max(contact_signals.signal_at) as last_signal_at
    from named_contacts
    inner join moments
        on
            named_contacts.opportunity_id = moments.opportunity_id
            and named_contacts.moment = moments.moment
    inner join contact_signals
        on
            named_contacts.contact_id = contact_signals.contact_id
            and moments.moment_at >= contact_signals.signal_at
            and contact_signals.signal_at > {{ dbt.dateadd('day', -max_recency_days, 'moments.moment_at') }}
    group by
        named_contacts.opportunity_id,
        named_contacts.moment,
        named_contacts.contact_id

),

moment_people as (

    select
        opportunity_id,
        moment,
        contact_id,
        last_signal_at,
        cast(null as {{ dbt.type_string() }}) as named_layer
    from unit_contact_signals

    union all

    select
        opportunity_id,
        moment,
        contact_id,
        last_signal_at,
        cast(null as {{ dbt.type_string() }}) as named_layer
    from named_contact_signals

    union all

    select
        opportunity_id,
        moment,
        contact_id,
        cast(null as {{ dbt.type_timestamp() }}) as last_signal_at,
        decision_layer as named_layer
    from named_contacts

),

people_at_moment as (

    select
        moment_people.opportunity_id,
        moment_people.moment,
        moment_people.contact_id,
        max(moment_people.last_signal_at) as last_signal_at,
        max(moment_people.named_layer) as named_layer
    from moment_people
    group by
        moment_people.opportunity_id,
        moment_people.moment,
        moment_people.contact_id

),

people_layered as (

    select
        people_at_moment.opportunity_id,
        people_at_moment.moment,
        people_at_moment.contact_id,
        coalesce(people_at_moment.named_layer, contacts_classified.decision_layer) as decision_layer,
        people_at_moment.named_layer is not null as is_named,
        people_at_moment.last_signal_at
    from people_at_moment
    left join contacts_classified
        on people_at_moment.contact_id = contacts_classified.contact_id

),

people_judged as (

    select
        people_layered.opportunity_id,
        people_layered.moment,
        people_layered.contact_id,
        people_layered.decision_layer,
        people_layered.is_named,
        coalesce(
            people_layered.last_signal_at
            > {{ dbt.dateadd('day', '-layer_rules.recency_days', 'moment_stages.moment_at') }},
            false
        ) as is_engaged
    from people_layered
    inner join layer_rules
        on people_layered.decision_layer = layer_rules.decision_layer
    inner join moment_stages
        on
            people_layered.opportunity_id = moment_stages.opportunity_id
            and people_layered.moment = moment_stages.moment

),

layer_counts as (

    select
        opportunity_id,
        moment,
        decision_layer,
        sum(case when is_engaged then 1 else 0 end) as engaged_contact_count,
        sum(case when is_named then 1 else 0 end) as named_contact_count,
        sum(case when is_named and not is_engaged then 1 else 0 end) as named_but_silent_count
    from people_judged
    group by
        opportunity_id,
        moment,
        decision_layer

),

final as (

    select
        -- ids
        moment_stages.opportunity_id,
        moment_stages.decision_unit_id,

        -- strings
        moment_stages.moment,
        layer_rules.decision_layer,
        moment_stages.stage_name,

        -- numerics
        layer_rules.layer_order,
        layer_rules.recency_days,
        cast(
            coalesce(layer_counts.engaged_contact_count, 0) as {{ dbt.type_int() }}
        ) as engaged_contact_count,
        cast(
            coalesce(layer_counts.named_contact_count, 0) as {{ dbt.type_int() }}
        ) as named_contact_count,
        cast(
            coalesce(layer_counts.named_but_silent_count, 0) as {{ dbt.type_int() }}
        ) as named_but_silent_count,

        -- booleans
        coalesce(moment_stages.is_late_stage, false) as is_late_stage,
        case
            when coalesce(moment_stages.is_late_stage, false) then layer_rules.is_required_late_stage
            else layer_rules.is_required
        end as is_required_layer,
        coalesce(layer_counts.engaged_contact_count, 0) > 0 as is_engaged,
        coalesce(layer_counts.engaged_contact_count, 0) + coalesce(layer_counts.named_contact_count, 0) > 0
            as is_covered,

        -- timestamps
        moment_stages.moment_at

    from moment_stages
    cross join layer_rules
    left join layer_counts
        on
            moment_stages.opportunity_id = layer_counts.opportunity_id
            and moment_stages.moment = layer_counts.moment
            and layer_rules.decision_layer = layer_counts.decision_layer

)

select * from final
