{#
    One row per staged contact with its decision layer (from its title and department, DOMAIN.md §3) and its
    decision unit (DOMAIN.md §2). Names, email and phone are not carried: the email is kept only as a hash,
    so later models can count and join people without exposing who they are.
#}

with

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

titles_classified as (

    select * from {{ ref('int_titles_classified') }}

),

accounts_rolled_up as (

    select * from {{ ref('int_accounts_rolled_up') }}

),

final as (

    select
        -- ids
        contacts.contact_id,
        contacts.account_id,
        accounts_rolled_up.decision_unit_id,
        contacts.owner_user_id,

        -- strings
        contacts.title,
        contacts.department,
        coalesce(titles_classified.decision_layer, 'unclassified') as decision_layer,
        coalesce(titles_classified.authority_tier, 'unknown') as authority_tier,
        {{ dbt.hash('contacts.email') }} as email_hash,
        {{ dbt.split_part('contacts.email', "'@'", 2) }} as email_domain,
        contacts.lead_source,

        -- numerics
        titles_classified.layer_order,

        -- booleans
        coalesce(titles_classified.is_unclassified, true) as is_unclassified,
        coalesce(titles_classified.is_unmatched, true) as is_title_unmatched,

        -- timestamps
        contacts.created_at,
        contacts.last_modified_at

    from contacts
    -- null-safe join on the pair: staging turns blank titles and departments into null, so '' never
    -- stands for a real value
    left join titles_classified
        on
            coalesce(contacts.title, '') = coalesce(titles_classified.title, '')
            and coalesce(contacts.department, '') = coalesce(titles_classified.department, '')
    left join accounts_rolled_up
        on contacts.account_id = accounts_rolled_up.account_id

)

select * from final
