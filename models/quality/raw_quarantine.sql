{#
    Every raw row that cannot be used, and every value nulled because it was malformed: the source table,
    the row's key (null when the key itself is missing), what was done and why. Reasons are documented in
    macros/quality/checked_raw_rows.sql and the README (Data quality). Identical copies of a row are one
    entry, with raw_copies counting them.
#}

with

{% for table in checked_raw_tables() %}
{{ table.base }} as (

    select * from {{ ref(table.base) }}

),

{% endfor %}
quarantined as (

    {%- for table in checked_raw_tables() %}
    select
        '{{ table.source_table }}' as source_table,
        cast({{ table.key }} as {{ dbt.type_string() }}) as record_key,
        case when quarantine_reason is not null then 'row_quarantined' else 'value_nulled' end as handling,
        coalesce(quarantine_reason, value_issue) as reason,
        key_rank,
        raw_copies
    from {{ table.base }}
    where quarantine_reason is not null or value_issue is not null
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

final as (

    select
        -- strings
        source_table,
        record_key,
        handling,
        reason,

        -- numerics
        cast(key_rank as {{ dbt.type_int() }}) as key_rank,
        cast(raw_copies as {{ dbt.type_int() }}) as raw_copies

    from quarantined

)

select * from final
