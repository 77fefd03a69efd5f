{#
    One row per staged lead with its decision layer (from its title; leads carry no department), the account
    it belongs to and that account's decision unit. The account is the converted account when the lead was
    converted, else the account whose website domain equals the lead's email domain (int_account_domains:
    a domain shared by a health system and its facilities goes to the system), when the domain belongs to
    one decision unit only; personal mailbox domains (var personal_email_domains) never match.
    Names and email are not carried: the email is kept only as a hash.
#}

with

leads as (

    select * from {{ ref('stg_crm__leads') }}

),

titles_classified as (

    select * from {{ ref('int_titles_classified') }}

),

accounts_rolled_up as (

    select * from {{ ref('int_accounts_rolled_up') }}

),

account_domains as (

    select * from {{ ref('int_account_domains') }}

),

lead_domains as (

    select
        *,
        {{ dbt.split_part('email', "'@'", 2) }} as email_domain
    from leads

),

unambiguous_domains as (

    -- website domains of one decision unit: a person's employer can be told from them
    select * from account_domains
    where decision_unit_count = 1

),

account_matches as (

    select
        lead_domains.*,
        coalesce(
            lead_domains.converted_account_id,
            unambiguous_domains.account_id
        ) as account_id,
        case
            when lead_domains.converted_account_id is not null then 'converted'
            when unambiguous_domains.account_id is not null then 'email_domain'
        end as account_match_method
    from lead_domains
    left join unambiguous_domains
        on
            lead_domains.email_domain = unambiguous_domains.website_domain
            and not {{ is_personal_email_domain('lead_domains.email_domain') }}

),

final as (

    select
        -- ids
        account_matches.lead_id,
        account_matches.account_id,
        accounts_rolled_up.decision_unit_id,
        account_matches.converted_account_id,
        account_matches.converted_contact_id,
        account_matches.converted_opportunity_id,
        account_matches.owner_user_id,

        -- strings
        account_matches.account_match_method,
        account_matches.title,
        coalesce(titles_classified.decision_layer, 'unclassified') as decision_layer,
        coalesce(titles_classified.authority_tier, 'unknown') as authority_tier,
        account_matches.lead_status,
        account_matches.lead_source,
        account_matches.company_name,
        {{ dbt.hash('account_matches.email') }} as email_hash,
        account_matches.email_domain,

        -- numerics
        titles_classified.layer_order,

        -- booleans
        coalesce(titles_classified.is_unclassified, true) as is_unclassified,
        coalesce(account_matches.is_converted, false) as is_converted,

        -- dates
        account_matches.converted_date,

        -- timestamps
        account_matches.created_at,
        account_matches.last_modified_at

    from account_matches
    -- null-safe join on the title; a lead's pair always has a null department
    left join titles_classified
        on
            coalesce(account_matches.title, '') = coalesce(titles_classified.title, '')
            and titles_classified.department is null
    left join accounts_rolled_up
        on account_matches.account_id = accounts_rolled_up.account_id

)

select * from final
