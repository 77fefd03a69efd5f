{#
    One row per website domain of the staged accounts: the account a match on the domain alone goes to, and
    how many accounts and decision units share it. A health system and its facilities often share the
    system's domain: the domain goes to the account at the top of a hierarchy (no parent), then to the lowest
    account id. Intent surges (an organisation's interest) always take that account; a person's email domain
    (int_leads_classified) only when the domain belongs to one decision unit, since across units the person's
    employer cannot be told.
#}

with

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

accounts_rolled_up as (

    select * from {{ ref('int_accounts_rolled_up') }}

),

domain_accounts as (

    select
        accounts.website_domain,
        accounts.account_id,
        accounts_rolled_up.decision_unit_id,
        row_number() over (
            partition by accounts.website_domain
            order by
                case when accounts.parent_account_id is null then 0 else 1 end,
                accounts.account_id
        ) as domain_rank,
        count(*) over (partition by accounts.website_domain) as account_count
    from accounts
    left join accounts_rolled_up
        on accounts.account_id = accounts_rolled_up.account_id
    where accounts.website_domain is not null

),

unit_counts as (

    select
        website_domain,
        count(distinct decision_unit_id) as decision_unit_count
    from domain_accounts
    group by website_domain

),

final as (

    select
        -- ids
        domain_accounts.account_id,
        domain_accounts.decision_unit_id,

        -- strings
        domain_accounts.website_domain,

        -- numerics
        cast(domain_accounts.account_count as {{ dbt.type_int() }}) as account_count,
        cast(unit_counts.decision_unit_count as {{ dbt.type_int() }}) as decision_unit_count

    from domain_accounts
    inner join unit_counts
        on domain_accounts.website_domain = unit_counts.website_domain
    where domain_accounts.domain_rank = 1

)

select * from final
