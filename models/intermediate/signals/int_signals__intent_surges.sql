{#
    One signal per weekly third-party intent score at or above var intent_surge_threshold (a surge), at the
    start of its week. Account-level: the intent domain is matched to the CRM account with the same website
    domain (int_account_domains: a domain several accounts share, a health system and its facilities on one
    domain, goes to the account at the top of a hierarchy, then to the lowest account id). A domain no
    account has is kept with a null account: the surge is counted and reported, never dropped.
    weight_multiplier comes from the intent_topic_relevance seed (1 product topics, 0.5 process topics, 0
    irrelevant topics); a topic missing from the seed gets 0, like any signal the taxonomies do not know: it is
    kept, weighs nothing, and is reported by the unmapped_intent_topics test until someone maps it.
#}

with

topic_scores as (

    select * from {{ ref('stg_intent__topic_scores') }}

),

domain_accounts as (

    select * from {{ ref('int_account_domains') }}

),

topic_relevance as (

    select * from {{ ref('intent_topic_relevance') }}

),

surges as (

    select * from topic_scores
    where composite_score >= {{ var('intent_surge_threshold') }}

),

final as (

    select
        -- ids
        {{ dbt.concat(["'intent_provider:'", "surges.topic_score_id"]) }} as signal_id,
        surges.topic_score_id as source_record_id,
        cast(null as {{ dbt.type_string() }}) as contact_id,
        cast(null as {{ dbt.type_string() }}) as lead_id,
        domain_accounts.account_id,
        cast(null as {{ dbt.type_string() }}) as opportunity_id,
        cast(null as {{ dbt.type_string() }}) as campaign_id,

        -- strings
        'intent_provider' as source_system,
        'intent_surge' as signal_type,
        'Third-Party Intent' as channel,
        cast(null as {{ dbt.type_string() }}) as url,
        cast(null as {{ dbt.type_string() }}) as asset_name,
        cast(null as {{ dbt.type_string() }}) as subject,
        surges.topic,

        -- numerics
        cast(coalesce(topic_relevance.weight_multiplier, 0) as {{ dbt.type_numeric() }}) as weight_multiplier,

        -- timestamps
        cast(surges.week_start_date as {{ dbt.type_timestamp() }}) as signal_at

    from surges
    left join domain_accounts
        on surges.web_domain = domain_accounts.website_domain
    left join topic_relevance
        on surges.topic = topic_relevance.topic

)

select * from final
