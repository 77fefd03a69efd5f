{#
    One row per staged contact, as of the as-of day (var as_of_date, else the last day with a signal): who the
    contact is in the decision (layer, authority tier, decision unit), its signals up to that day, and the
    generic lens (DOMAIN.md §6): its decayed score on that day and whether, and when, it first became an MQL.
    No name, email or phone in clear; the email is kept as a hash to count and join people.

    decayed_score = sum over the contact's signals dated on or before the as-of day and no more than var
    score_horizon_days days before it of weight * 2^(-(days before the as-of day) / half_life_days): a signal
    exactly one half-life before the as-of day counts half its weight. MQL status is sticky, as a CRM lead
    status is: a contact whose score reached var mql_score_threshold on or before the as-of day stays an MQL
    even when its score has decayed since.
#}
{%- set horizon_days = var('score_horizon_days') | int -%}

with

contacts_classified as (

    select * from {{ ref('int_contacts_classified') }}

),

signals as (

    select * from {{ ref('signals') }}

),

person_mql_dates as (

    select * from {{ ref('int_person_mql_dates') }}

),

as_of as (

    select {{ as_of_date_from('signals') }} as as_of_date

),

contact_signals as (

    select
        signals.contact_id,
        signals.signal_at,
        coalesce(signals.weight, 0) as weight,
        signals.half_life_days,
        {{ dbt.datediff('signals.signal_date', 'as_of.as_of_date', 'day') }}
            as days_before_as_of
    from signals
    cross join as_of
    where
        signals.contact_id is not null
        and signals.signal_date <= as_of.as_of_date

),

contact_scores as (

    select
        contact_id,
        min(signal_at) as first_signal_at,
        max(signal_at) as last_signal_at,
        count(*) as signal_count,
        sum(
            case
                when days_before_as_of <= {{ horizon_days }} and half_life_days > 0
                    then weight * power(
                            cast(2 as {{ type_double() }}),
                            -cast(days_before_as_of as {{ type_double() }}) / half_life_days
                        )
                else 0
            end
        ) as decayed_score
    from contact_signals
    group by contact_id

),

contact_mqls as (

    select
        person_mql_dates.contact_id,
        person_mql_dates.first_mql_at
    from person_mql_dates
    cross join as_of
    where
        person_mql_dates.person_type = 'contact'
        and person_mql_dates.first_mql_date <= as_of.as_of_date

),

final as (

    select
        -- ids
        contacts_classified.contact_id,
        contacts_classified.account_id,
        contacts_classified.decision_unit_id,

        -- strings
        contacts_classified.email_hash,
        contacts_classified.title,
        contacts_classified.department,
        contacts_classified.decision_layer,
        contacts_classified.authority_tier,

        -- numerics
        cast(coalesce(contact_scores.signal_count, 0) as {{ dbt.type_int() }}) as signal_count,
        cast(coalesce(contact_scores.decayed_score, 0) as {{ dbt.type_numeric() }}) as decayed_score,

        -- booleans
        contacts_classified.is_title_unmatched,
        contact_mqls.contact_id is not null as is_mql,

        -- timestamps
        contact_scores.first_signal_at,
        contact_scores.last_signal_at,
        contact_mqls.first_mql_at

    from contacts_classified
    left join contact_scores
        on contacts_classified.contact_id = contact_scores.contact_id
    left join contact_mqls
        on contacts_classified.contact_id = contact_mqls.contact_id

)

select * from final
