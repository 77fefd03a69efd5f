{#
    Readiness (DOMAIN.md §6) of a decision unit at an arbitrary moment, point in time: the state a weekly
    roll-up would have shown had it been computed at that second. Used by the handoffs mart (the moment of
    each handoff) and the opportunities mart (the moment each opportunity was created).

    `events` names a relation or CTE with one row per event and the columns `event_id`, `decision_unit_id`
    and `moment_at` (a timestamp). The macro renders one select statement (use it as a CTE body) returning,
    per event:
      event_id, decision_unit_id, moment_at, moment_date,
      the counts of signal_count_aggregates() over the unit's signals with
          moment_at - var readiness_lookback_days < signal_at <= moment_at
        (a signal one second after the moment does not count),
      authority_signals (engagement or intent signals from the authority tier in the lookback; like every
        count, only signals with a positive weight),
      is_in_budget_window, is_in_renewal_window, is_in_window (judged at moment_date),
      readiness_state (readiness_state()), the four not_ready_flags() and not_ready_reasons.
    An event without a decision unit, or whose unit has no signal in the lookback, is 'unaware' with every
    count 0; it is never dropped.

    Only derived tables (no nested WITH), so the statement runs on any warehouse dbt supports.
#}
{% macro readiness_at(events) %}
    {%- set lookback_days = var('readiness_lookback_days') | int -%}
    {%- set in_budget_window = is_in_budget_window(
        'readiness_events.moment_date', 'readiness_units.fiscal_year_start_month'
    ) -%}
    select
        judged.*,
        {{ not_ready_reasons() }} as not_ready_reasons
    from (
        select
            counted.*,
            {{ readiness_state('counted.is_in_window', 'counted.') }} as readiness_state,
            {{ not_ready_flags('counted.is_in_window', 'counted.') }}
        from (
            select
                readiness_events.event_id,
                readiness_events.decision_unit_id,
                readiness_events.moment_at,
                readiness_events.moment_date,
                {%- for name in signal_count_names() %}
                coalesce(lookback_counts.{{ name }}, 0) as {{ name }},
                {%- endfor %}
                coalesce(lookback_counts.authority_signals, 0) as authority_signals,
                coalesce({{ in_budget_window }}, false) as is_in_budget_window,
                coalesce(readiness_renewals.is_in_renewal_window, false) as is_in_renewal_window,
                coalesce({{ in_budget_window }}, false)
                or coalesce(readiness_renewals.is_in_renewal_window, false) as is_in_window
            from (
                select
                    event_id,
                    decision_unit_id,
                    moment_at,
                    cast(moment_at as date) as moment_date
                from {{ events }}
            ) as readiness_events
            left join (
                select
                    lookback_signals.event_id,
                    {{ signal_count_aggregates('lookback_signals') }},
                    count(
                        case
                            when lookback_signals.weight > 0
                                and lookback_signals.authority_tier = 'authority'
                                and lookback_signals.signal_class in ('engagement', 'intent')
                                then 1
                        end
                    ) as authority_signals
                from (
                    select
                        moments.event_id,
                        unit_signals.*
                    from {{ events }} as moments
                    inner join {{ ref('signals') }} as unit_signals
                        on
                            moments.decision_unit_id = unit_signals.decision_unit_id
                            and unit_signals.signal_at <= moments.moment_at
                            and unit_signals.signal_at
                            > {{ dbt.dateadd('day', -lookback_days, 'moments.moment_at') }}
                ) as lookback_signals
                group by lookback_signals.event_id
            ) as lookback_counts
                on readiness_events.event_id = lookback_counts.event_id
            left join {{ ref('int_accounts_rolled_up') }} as readiness_units
                on readiness_events.decision_unit_id = readiness_units.account_id
            left join (
                select
                    moments.event_id,
                    true as is_in_renewal_window
                from {{ events }} as moments
                inner join {{ ref('int_renewal_windows') }} as renewal_windows
                    on
                        moments.decision_unit_id = renewal_windows.decision_unit_id
                        and {{ is_in_renewal_window(
                            'cast(moments.moment_at as date)', 'renewal_windows.contract_end_date'
                        ) }}
                group by moments.event_id
            ) as readiness_renewals
                on readiness_events.event_id = readiness_renewals.event_id
        ) as counted
    ) as judged
{%- endmacro %}
