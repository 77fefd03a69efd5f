{#
    The people who count for an opportunity's buying committee at each of its moments (DOMAIN.md §7, moments
    from int_opportunity_moments), point in time: one row per opportunity, moment and contact, for a contact
    that sent a buying signal (positive weight, as readiness counts them; a converted lead's signals count
    for its contact) within the longest layer recency window before the moment (var committee_recency_days),
    moment_at - recency_days < signal_at <= moment_at, being of the opportunity's decision unit or named on
    the opportunity, or that a contact role created at or before the moment names on the opportunity.
    A contact's layer is the layer of its contact role (int_opportunity_contacts_layered) once the role
    exists at the moment, else the layer of its title. int_opportunity_committee_coverage judges each
    contact against its layer's own window.
    Long because: the three ways a person counts at a moment (a signal in the decision unit, a signal of a
    named contact elsewhere, being named) are one union resolved per contact; apart, each would be a table
    written only to be unioned back here.
#}

{%- set max_recency_days = var('committee_recency_days').values() | map('int') | max -%}

with

opportunity_moments as (

    select * from {{ ref('int_opportunity_moments') }}

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
        opportunity_moments.opportunity_id,
        opportunity_moments.moment,
        contact_signals.contact_id,
        max(contact_signals.signal_at) as last_signal_at
    from opportunity_moments
    inner join contact_signals
        on
            opportunity_moments.decision_unit_id = contact_signals.decision_unit_id
            and opportunity_moments.moment_at >= contact_signals.signal_at
            and contact_signals.signal_at
            > {{ dbt.dateadd('day', -max_recency_days, 'opportunity_moments.moment_at') }}
    group by
        opportunity_moments.opportunity_id,
        opportunity_moments.moment,
        contact_signals.contact_id

),

named_contacts as (

    -- contacts named on the opportunity by the moment
    select
        opportunity_moments.opportunity_id,
        opportunity_moments.moment,
        opportunity_contacts_layered.contact_id,
        opportunity_contacts_layered.decision_layer
    from opportunity_moments
    inner join opportunity_contacts_layered
        on
            opportunity_moments.opportunity_id = opportunity_contacts_layered.opportunity_id
            and (
                opportunity_contacts_layered.created_at is null
                or opportunity_moments.moment_at >= opportunity_contacts_layered.created_at
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
    inner join opportunity_moments
        on
            named_contacts.opportunity_id = opportunity_moments.opportunity_id
            and named_contacts.moment = opportunity_moments.moment
    inner join contact_signals
        on
            named_contacts.contact_id = contact_signals.contact_id
            and opportunity_moments.moment_at >= contact_signals.signal_at
            and contact_signals.signal_at
            > {{ dbt.dateadd('day', -max_recency_days, 'opportunity_moments.moment_at') }}
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

final as (

    select
        -- ids
        people_at_moment.opportunity_id,
        people_at_moment.contact_id,

        -- strings
        people_at_moment.moment,
        coalesce(people_at_moment.named_layer, contacts_classified.decision_layer) as decision_layer,

        -- booleans
        people_at_moment.named_layer is not null as is_named,

        -- timestamps
        people_at_moment.last_signal_at

    from people_at_moment
    left join contacts_classified
        on people_at_moment.contact_id = contacts_classified.contact_id

)

select * from final
