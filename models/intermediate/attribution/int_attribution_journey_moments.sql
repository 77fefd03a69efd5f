{#
    One row per opportunity attribution credits (one in a decision unit), with the moments of its journey
    (DOMAIN.md §9), as the data stands now:
      - journey_start_date: attribution_lookback_days before the opportunity was created;
      - journey_end_date: its close (journey_closed_date), or the as-of day while it is open;
      - lead_created_at: the moment the decision unit first became known (the earliest creation of one of
        its leads, or of a contact on the opportunity's contact roles), never after the opportunity.
    It also carries what the credits read of the opportunity (won, closed, amount, dates) and its
    contact-role contacts, and moment_hash over all of it but the as-of day: int_attribution_changes compares
    that hash with the stored int_attribution_opportunities to find the journeys a daily run must credit
    again. An open journey's credit does not depend on the as-of day (its touches are all on or before it;
    the time-decay weights count from the journey's last touch), so the day moving credits nothing again.
    Long because: the moments and the hash over them are one
    unit: int_attribution_changes compares the hash with the stored copy, so everything the moments read
    is hashed in the model that reads it.
#}

with

opportunities as (

    select * from {{ ref('opportunities') }}

),

opportunity_contact_roles as (

    select * from {{ ref('stg_crm__opportunity_contact_roles') }}

),

leads_classified as (

    select * from {{ ref('int_leads_classified') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

role_contacts as (

    select distinct
        opportunity_contact_roles.opportunity_id,
        opportunity_contact_roles.contact_id,
        contacts.created_at as contact_created_at
    from opportunity_contact_roles
    left join contacts
        on opportunity_contact_roles.contact_id = contacts.contact_id

),

first_lead_created as (

    select
        decision_unit_id,
        min(created_at) as first_lead_created_at
    from leads_classified
    where decision_unit_id is not null
    group by decision_unit_id

),

role_contact_summaries as (

    select
        opportunity_id,
        min(contact_created_at) as first_contact_created_at,
        {{ sorted_list('contact_id') }} as role_contact_ids
    from role_contacts
    group by opportunity_id

),

journeys as (

    select
        opportunities.opportunity_id,
        opportunities.decision_unit_id,
        opportunities.is_won,
        opportunities.is_closed,
        opportunities.amount,
        opportunities.created_at as opportunity_created_at,
        opportunities.created_date as opportunity_created_date,
        opportunities.closed_date as opportunity_closed_date,
        role_contact_summaries.role_contact_ids,
        case
            when
                first_lead_created.first_lead_created_at is not null
                and (
                    role_contact_summaries.first_contact_created_at is null
                    or first_lead_created.first_lead_created_at
                    <= role_contact_summaries.first_contact_created_at
                )
                then first_lead_created.first_lead_created_at
            else role_contact_summaries.first_contact_created_at
        end as known_since_at,
        {{ dbt.dateadd('day', -var('attribution_lookback_days'), 'cast(opportunities.created_at as date)') }}
            as journey_start_date,
        case
            when opportunities.is_closed then opportunities.close_date
        end as journey_closed_date
    from opportunities
    left join first_lead_created
        on opportunities.decision_unit_id = first_lead_created.decision_unit_id
    left join role_contact_summaries
        on opportunities.opportunity_id = role_contact_summaries.opportunity_id
    where opportunities.decision_unit_id is not null

),

journey_moments as (

    select
        journeys.*,
        case
            when journeys.known_since_at > journeys.opportunity_created_at
                then journeys.opportunity_created_at
            else journeys.known_since_at
        end as lead_created_at
    from journeys

),

hashed as (

    select
        journey_moments.*,
        {{ row_hash([
            'decision_unit_id', 'is_won', 'is_closed', 'amount', 'opportunity_created_at',
            'opportunity_created_date', 'opportunity_closed_date', 'role_contact_ids', 'lead_created_at',
            'journey_start_date', 'journey_closed_date',
        ], 'journey_moments') }} as moment_hash
    from journey_moments

),

final as (

    select
        -- ids
        opportunity_id,
        decision_unit_id,

        -- strings
        role_contact_ids,
        moment_hash,

        -- numerics
        amount,

        -- booleans
        is_won,
        is_closed,

        -- dates
        opportunity_created_date,
        opportunity_closed_date,
        journey_start_date,
        journey_closed_date,
        coalesce(journey_closed_date, {{ as_of_date_from(ref('signals')) }}) as journey_end_date,

        -- timestamps
        opportunity_created_at,
        lead_created_at

    from hashed

)

select * from final
