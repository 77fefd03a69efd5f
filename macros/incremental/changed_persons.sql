{#
    A select of the persons (contacts and leads) a daily run must judge again: those of the signals
    int_signal_changes lists, as they are now and as they were (a changed signal may have moved to another
    person), each with the earliest day of its changed signals, from which its scores can differ.
#}
{% macro changed_persons() %}
    select
        person_type,
        person_id,
        min(changed_date) as changed_from_date
    from (
        {%- for prefix in ['', 'previous_'] %}
        select
            case when {{ prefix }}contact_id is not null then 'contact' else 'lead' end as person_type,
            coalesce({{ prefix }}contact_id, {{ prefix }}lead_id) as person_id,
            {{ prefix }}signal_date as changed_date
        from {{ ref('int_signal_changes') }}
        where {{ prefix }}contact_id is not null or {{ prefix }}lead_id is not null
        {{ 'union all' if not loop.last }}
        {%- endfor %}
    ) as changed_signal_persons
    group by person_type, person_id
{% endmacro %}


{#
    Pre-hook of a model recomputed by key on a daily run: delete its rows whose key columns match a row of
    the select `keys_sql`, and whose `date_column`, when given, is on or after that row's `from_column`;
    the model then inserts those keys' rows again (a key left with no rows keeps none).
#}
{% macro delete_recomputed_rows(relation, keys_sql, key_columns, date_column=none, from_column=none) %}
    {%- if is_incremental() -%}
    delete from {{ relation }} as kept
    {#- a semi-join on the last (most selective) key first: DuckDB then checks the rest on those rows only #}
    {%- set narrowing_key = key_columns | last %}
    where kept.{{ narrowing_key }} in (select narrowing.{{ narrowing_key }} from ({{ keys_sql }}) as narrowing)
    and exists (
        select 1 as is_recomputed
        from ({{ keys_sql }}) as recomputed
        where
            {%- for column in key_columns %}
            recomputed.{{ column }} = kept.{{ column }}{{ ' and' if not loop.last }}
            {%- endfor %}
            {%- if date_column %}
            and kept.{{ date_column }} >= recomputed.{{ from_column }}
            {%- endif %}
    )
    {%- endif -%}
{% endmacro %}
