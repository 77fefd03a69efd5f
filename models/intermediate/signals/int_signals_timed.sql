{#
    Every classified signal with when it happened relative to its decision unit's budget and renewal windows
    (DOMAIN.md §5), using the macros of macros/timing:
      - days_to_fiscal_year_start / is_in_budget_window: from the signal day to the decision unit's next
        fiscal-year start (fiscal month from int_accounts_rolled_up, which defaults a unit without one to
        var default_fiscal_year_start_month).
      - days_to_incumbent_contract_end / is_in_renewal_window: to the nearest end, on or after the signal
        day, of an incumbent contract of the decision unit (int_renewal_windows); null and false when there
        is none. The nearest end decides, since a later end is further from the signal.
      - is_in_window: in a budget or a renewal window.
    A signal without a decision unit (an unmatched intent domain, a lead of an unknown organization) is in no
    unit's window: no fiscal year (null month and days), every window flag false, and timing_unknown_reason
    'no_decision_unit' says why.
    The nearest contract end comes from spans of days per decision unit (after the previous contract end, up
    to this one), joined to each signal once: no pass over the signals to find their distinct days.
#}

with

signals as (

    select * from {{ ref('int_signals_classified') }}

),

accounts_rolled_up as (

    select * from {{ ref('int_accounts_rolled_up') }}

),

renewal_windows as (

    select * from {{ ref('int_renewal_windows') }}

),

signals_dated as (

    select
        signals.*,
        cast(signals.signal_at as date) as signal_date,
        decision_units.fiscal_year_start_month
    from signals
    left join accounts_rolled_up as decision_units
        on signals.decision_unit_id = decision_units.account_id

),

contract_ends as (

    select distinct
        decision_unit_id,
        contract_end_date
    from renewal_windows
    where decision_unit_id is not null

),

nearest_contract_end_spans as (

    {#- for the days after the unit's previous contract end, up to and including this one, it is nearest #}
    select
        decision_unit_id,
        lag(contract_end_date) over (
            partition by decision_unit_id
            order by contract_end_date
        ) as previous_contract_end_date,
        contract_end_date
    from contract_ends

),

timed as (

    select
        signals_dated.*,
        nearest_contract_end_spans.contract_end_date as incumbent_contract_end_date,
        {{ days_to_next_fiscal_year_start(
            'signals_dated.signal_date', 'signals_dated.fiscal_year_start_month'
        ) }} as days_to_fiscal_year_start,
        {{ dbt.datediff(
            'signals_dated.signal_date', 'nearest_contract_end_spans.contract_end_date', 'day'
        ) }} as days_to_incumbent_contract_end,
        coalesce(
            {{ is_in_budget_window(
                'signals_dated.signal_date', 'signals_dated.fiscal_year_start_month'
            ) }},
            false
        ) as is_in_budget_window,
        coalesce(
            {{ is_in_renewal_window(
                'signals_dated.signal_date', 'nearest_contract_end_spans.contract_end_date'
            ) }},
            false
        ) as is_in_renewal_window
    from signals_dated
    left join nearest_contract_end_spans
        on
            signals_dated.decision_unit_id = nearest_contract_end_spans.decision_unit_id
            and signals_dated.signal_date <= nearest_contract_end_spans.contract_end_date
            and (
                nearest_contract_end_spans.previous_contract_end_date is null
                or signals_dated.signal_date > nearest_contract_end_spans.previous_contract_end_date
            )

),

final as (

    select
        -- ids
        signal_id,
        source_record_id,
        contact_id,
        lead_id,
        account_id,
        decision_unit_id,
        opportunity_id,
        campaign_id,

        -- strings
        source_system,
        signal_type,
        signal_class,
        signal_stage,
        decision_layer,
        authority_tier,
        channel,
        url,
        asset_name,
        subject,
        topic,
        case when decision_unit_id is null then 'no_decision_unit' end as timing_unknown_reason,

        -- numerics
        weight,
        taxonomy_weight,
        weight_multiplier,
        half_life_days,
        fiscal_year_start_month,
        days_to_fiscal_year_start,
        days_to_incumbent_contract_end,

        -- booleans
        is_unclassified,
        is_in_budget_window,
        is_in_renewal_window,
        is_in_budget_window or is_in_renewal_window as is_in_window,

        -- dates
        signal_date,
        incumbent_contract_end_date,

        -- timestamps
        signal_at

    from timed

)

select * from final
