{#
    The decision units and days a change log of signals (int_signal_changes, as a relation or CTE name)
    touches: each changed signal's unit and day as it is now, and as it was (previous_*), where it had one.
    A select of (decision_unit_id, signal_date), for the change logs of the models built by unit or journey.
#}
{% macro changed_signal_unit_days(signal_changes) %}
    {%- for prefix in ['', 'previous_'] %}
    select
        {{ prefix }}decision_unit_id as decision_unit_id,
        {{ prefix }}signal_date as signal_date
    from {{ signal_changes }}
    where {{ prefix }}decision_unit_id is not null
    {{ 'union all' if not loop.last }}
    {%- endfor %}
{% endmacro %}
