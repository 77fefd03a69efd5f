{#
    One row per incumbent-vendor contract (is_ours = false) with an end date: the renewal window it opens for
    its decision unit (DOMAIN.md §5), from window_start_date (var renewal_window_days before the end) through
    contract_end_date, both included. A contract held by a member facility opens the window for the facility's
    decision unit. Past, current and future contracts are all here: whether a day is in a window is decided
    by the day (macro is_in_renewal_window), so weekly and point-in-time models can reuse this table.
    A contract whose account is not in the CRM keeps a null decision unit (it can open no unit's window).
#}

with

contracts as (

    select * from {{ ref('stg_contracts__contracts') }}

),

accounts_rolled_up as (

    select * from {{ ref('int_accounts_rolled_up') }}

),

incumbent_contracts as (

    select * from contracts
    where
        not is_ours
        and end_date is not null

),

final as (

    select
        -- ids
        incumbent_contracts.contract_id,
        accounts_rolled_up.decision_unit_id,
        incumbent_contracts.account_id,

        -- strings
        incumbent_contracts.vendor_name,
        incumbent_contracts.product_category,

        -- numerics
        incumbent_contracts.annual_value,

        -- dates
        incumbent_contracts.start_date as contract_start_date,
        incumbent_contracts.end_date as contract_end_date,
        {{ renewal_window_start_date('incumbent_contracts.end_date') }} as window_start_date

    from incumbent_contracts
    left join accounts_rolled_up
        on incumbent_contracts.account_id = accounts_rolled_up.account_id

)

select * from final
