-- The two lenses on one dataset, for the latest week: the accounts the generic lens counts (engaged
-- accounts, MQAs) and why most of them are not decision-ready under the decision lens (DOMAIN.md §6).
-- Run: dbt compile --select lens_reconciliation, then run the compiled SQL (`lens build` prints it).
-- A decision unit can miss several things at once, so the "lack ..." lines overlap.

with

decision_unit_weeks as (

    select * from {{ ref('decision_unit_weeks') }}

),

latest_week as (

    select * from decision_unit_weeks
    where is_as_of_week

),

lines as (

    {% set lines = [
        ("accounts with any signal in the lookback (engaged)", "readiness_state != 'unaware'"),
        ("  of them decision-ready", "readiness_state = 'decision_ready'"),
        ("  of them lack authority engagement", "readiness_state != 'unaware' and is_missing_authority"),
        ("  of them outside any budget or renewal window", "readiness_state != 'unaware' and is_out_of_window"),
        ("  of them with intent from fewer than two layers", "readiness_state != 'unaware' and is_single_layer"),
        ("MQAs (generic lens)", "is_mqa"),
        ("  of them decision-ready", "is_mqa and readiness_state = 'decision_ready'"),
        ("  of them lack authority engagement", "is_mqa and is_missing_authority"),
        ("  of them outside any budget or renewal window", "is_mqa and is_out_of_window"),
        ("decision-ready accounts that are not MQAs", "not is_mqa and readiness_state = 'decision_ready'"),
    ] %}
    {% for measure, condition in lines %}
    select
        {{ loop.index }} as line_order,
        '{{ measure }}' as measure,
        max(week_start_date) as week_start_date,
        sum(case when {{ condition }} then 1 else 0 end) as decision_units
    from latest_week
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        week_start_date,
        measure,
        decision_units,
        line_order
    from lines

)

select
    week_start_date,
    measure,
    decision_units
from final
order by line_order
