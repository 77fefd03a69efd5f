{#
    int_decision_unit_week_sums and decision_unit_weeks on a daily run. Every unit's week of the as-of day is judged again (its judgement
    moves with the as-of day), and so is the week of the last run's as-of day, which is now judged at its
    end: every_unit_weeks_from() is the earliest of those two week starts, as a SQL date (the stored table's
    last week is read once, when the model compiles). A unit of int_decision_unit_changes is judged again
    from the week of its earliest changed day, if earlier.
#}
{% macro every_unit_weeks_from(relation) %}
    {%- set new_as_of_week = 'cast(' ~ dbt.date_trunc('week', as_of_date_from(ref('signals'))) ~ ' as date)' -%}
    {%- if not execute -%}
        {{ return(new_as_of_week) }}
    {%- endif -%}
    {%- set previous_as_of_week = run_query('select max(week_start_date) from ' ~ relation).columns[0].values()[0] -%}
    {%- if previous_as_of_week is none -%}
        {{ return("cast('1900-01-01' as date)") }}
    {%- endif -%}
    {{ return('least(cast(\'' ~ previous_as_of_week ~ '\' as date), ' ~ new_as_of_week ~ ')') }}
{% endmacro %}


{#
    Whether a stored week of `relation` (as `alias`, with decision_unit_id and week_start_date) is judged
    again on a daily run, as a SQL condition: from every_unit_weeks_from(relation) on, or, for a unit of
    int_decision_unit_changes, from the week of its earliest changed day.
#}
{% macro is_recomputed_week(alias, relation) %}
    (
        {{ alias }}.week_start_date >= {{ every_unit_weeks_from(relation) }}
        or exists (
            select 1 as is_recomputed
            from {{ ref('int_decision_unit_changes') }} as unit_changes
            where
                unit_changes.decision_unit_id = {{ alias }}.decision_unit_id
                and {{ alias }}.week_start_date
                >= cast({{ dbt.date_trunc('week', 'unit_changes.changed_from_date') }} as date)
        )
    )
{%- endmacro %}


{#
    Pre-hook of int_decision_unit_week_sums and decision_unit_weeks on a daily run: delete the weeks they
    compute again.
#}
{% macro delete_recomputed_weeks(relation) %}
    {%- if is_incremental() -%}
    delete from {{ relation }} as kept
    where {{ is_recomputed_week('kept', relation) }}
    {%- endif -%}
{% endmacro %}
