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

{{ signals_timed(ref('int_signals_classified')) }}
