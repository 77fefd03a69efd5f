{#
    Where every raw row went, per raw table: rows_in = staged_rows + quarantined_rows + deleted_rows +
    exact_duplicate_rows (a test checks it), so nothing disappears silently. values_nulled counts the
    staged rows that lost one malformed value (they are staged, and listed in raw_quarantine).
#}

with

{% for table in checked_raw_tables() %}
{{ table.base }} as (

    select * from {{ ref(table.base) }}

),

{{ table.staging }} as (

    select * from {{ ref(table.staging) }}

),

{% endfor %}
counted as (

    {%- for table in checked_raw_tables() %}
    select
        '{{ table.source_table }}' as source_table,
        sum(raw_copies) as rows_in,
        sum(raw_copies - 1) as exact_duplicate_rows,
        sum(case when quarantine_reason is not null then 1 else 0 end) as quarantined_rows,
        sum(
            case when quarantine_reason is null and coalesce(is_deleted, false) then 1 else 0 end
        ) as deleted_rows,
        sum(case when quarantine_reason is null and value_issue is not null then 1 else 0 end)
            as values_nulled,
        (select count(*) as staged from {{ table.staging }}) as staged_rows
    from {{ table.base }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

final as (

    select
        -- strings
        source_table,

        -- numerics
        cast(coalesce(rows_in, 0) as {{ dbt.type_int() }}) as rows_in,
        cast(staged_rows as {{ dbt.type_int() }}) as staged_rows,
        cast(coalesce(quarantined_rows, 0) as {{ dbt.type_int() }}) as quarantined_rows,
        cast(coalesce(deleted_rows, 0) as {{ dbt.type_int() }}) as deleted_rows,
        cast(coalesce(exact_duplicate_rows, 0) as {{ dbt.type_int() }}) as exact_duplicate_rows,
        cast(coalesce(values_nulled, 0) as {{ dbt.type_int() }}) as values_nulled

    from counted

)

select * from final
