{#
    Post-hook of int_person_scores on a daily run: delete the scored signals int_signal_changes says are
    gone, or now belong to another person or to none. delete+insert by person replaces the rows of every
    person that still has a signal; a person left with none has nothing to insert, and only these rows
    are left of it.
#}
{% macro delete_unscored_signals(relation) %}
    {%- if is_incremental() -%}
    delete from {{ relation }} as scored
    {#- the semi-join on signal_id first: DuckDB then checks the persons on the changed signals only #}
    where scored.signal_id in (select listed.signal_id from {{ ref('int_signal_changes') }} as listed)
    and exists (
        select 1 as is_unscored
        from {{ ref('int_signal_changes') }} as changed
        where
            changed.signal_id = scored.signal_id
            and (
                coalesce(changed.contact_id, changed.lead_id) is null
                or coalesce(changed.contact_id, changed.lead_id) <> scored.person_id
                or case when changed.contact_id is not null then 'contact' else 'lead' end <> scored.person_type
            )
    )
    {%- endif -%}
{% endmacro %}
