{#
    The body of a base model (models/staging/<source>/base/): every row of one raw table, checked, so staging
    reads the usable rows and models/quality/ lists the others. Nothing is dropped here:
      - identical rows (an ELT retry) are collapsed into one, with raw_copies counting them;
      - every column is cast to its contract type (data_type in _<source>__sources.yml) with try_cast;
      - quarantine_reason says why a row cannot be used, first reason wins:
          null_key           a key column is null;
          unparsable_<col>   a value that does not parse as its column's type (wrong types in a CSV);
          future_<col>       an event time after today + var future_timestamp_tolerance_days;
          the table's own row_checks, in order, as (condition, reason);
          orphan_<col>       references=[(column, base model)]: the value names no staged row of the
                             base model (usable, not deleted), so the row cannot be placed;
          duplicate_key      another row has the same key and different values: the latest by
                             `latest_by` (then the smallest values) is kept, the others quarantined;
      - key_rank numbers the rows of one key, 1 for the kept (latest) one;
      - value_check (column, condition, reason) nulls one value the row can do without (a malformed email)
        and names it in value_issue; the row stays.
    Conditions are SQL over the typed columns.
#}
{% macro checked_raw_rows(
    source_name,
    table_name,
    key_columns=['id'],
    latest_by=none,
    event_times=[],
    row_checks=[],
    references=[],
    value_check=none
) %}
{%- if not execute -%}
    {#- parsing: only the dependencies matter; the columns come from the graph at run time -#}
    {%- for column, base_model in references %}{% do ref(base_model) %}{% endfor -%}
    {{ return('select * from ' ~ source(source_name, table_name)) }}
{%- endif -%}
{%- set node = graph.sources['source.' ~ project_name ~ '.' ~ source_name ~ '.' ~ table_name] -%}
{%- set columns = node.columns.values() | list -%}
{%- set tolerance = var('future_timestamp_tolerance_days') -%}

with

source as (

    select * from {{ source(source_name, table_name) }}

),

collapsed as (

    select
        {%- for column in columns %}
        {{ column.name }},
        {%- endfor %}
        count(*) as raw_copies
    from source
    group by
        {%- for column in columns %}
        {{ column.name }}{{ ',' if not loop.last }}
        {%- endfor %}

),

typed as (

    select
        {%- for column in columns %}
        {{ try_cast(column.name, raw_column_type(column.data_type)) }} as {{ column.name }},
        {%- endfor %}
        {%- for column in columns if column.data_type != 'string' %}
        {{ column.name }} is not null
        and {{ try_cast(column.name, raw_column_type(column.data_type)) }} is null
            as is_unparsable_{{ column.name }},
        {%- endfor %}
        raw_copies
    from collapsed

),

duplicated_keys as (

    select {{ key_columns | join(', ') }}
    from typed
    group by {{ key_columns | join(', ') }}
    having count(*) > 1

),

{#- Ranking every row by key costs a sort of the whole table (at 9M activities, 10 s of 12); keys are
    nearly always unique, so only the rows of a repeated or null key are ranked. #}
{%- set key_is_repeated -%}
    exists (
        select 1 as is_found
        from duplicated_keys
        where
            {%- for key in key_columns %}
            duplicated_keys.{{ key }} = typed.{{ key }}{{ ' and' if not loop.last }}
            {%- endfor %}
    )
{%- endset %}
{%- set key_has_null -%}
    {% for key in key_columns %}typed.{{ key }} is null{{ ' or ' if not loop.last }}{% endfor %}
{%- endset %}

keyed as (

    select
        typed.*,
        cast(1 as {{ dbt.type_bigint() }}) as rows_with_key,
        cast(1 as {{ dbt.type_bigint() }}) as key_rank
    from typed
    where not ({{ key_has_null }}) and not {{ key_is_repeated }}

    union all

    select
        typed.*,
        count(*) over (partition by {{ key_columns | join(', ') }}) as rows_with_key,
        row_number() over (
            partition by {{ key_columns | join(', ') }}
            order by
                {% if latest_by %}{{ latest_by }} desc nulls last, {% endif %}
                {%- for column in columns %}
                {{ column.name }}{{ ',' if not loop.last }}
                {%- endfor %}
        ) as key_rank
    from typed
    where {{ key_has_null }} or {{ key_is_repeated }}

),

checked as (

    select
        *,
        case
            when {% for key in key_columns %}{{ key }} is null{{ ' or ' if not loop.last }}{% endfor %}
                then 'null_key'
            {%- for column in columns if column.data_type != 'string' %}
            when is_unparsable_{{ column.name }} then 'unparsable_{{ column.name }}'
            {%- endfor %}
            {%- for column in event_times %}
            when {{ column }} > {{ dbt.dateadd('day', tolerance, dbt.current_timestamp()) }}
                then 'future_{{ column }}'
            {%- endfor %}
            {%- for condition, reason in row_checks %}
            when {{ condition }} then '{{ reason }}'
            {%- endfor %}
            {%- for column, base_model in references %}
            when {{ column }} is not null and {{ column }} not in (
                select referenced.id from {{ ref(base_model) }} as referenced
                where referenced.quarantine_reason is null and not coalesce(referenced.is_deleted, false)
            ) then 'orphan_{{ column }}'
            {%- endfor %}
            when rows_with_key > 1 and key_rank > 1 then 'duplicate_key'
        end as quarantine_reason,
        {%- if value_check %}
        case when {{ value_check[1] }} then '{{ value_check[2] }}' end as value_issue
        {%- else %}
        cast(null as {{ dbt.type_string() }}) as value_issue
        {%- endif %}
    from keyed

),

final as (

    select
        {%- for column in columns %}
        {%- if value_check and column.name == value_check[0] %}
        case when value_issue is null then {{ column.name }} end as {{ column.name }},
        {%- else %}
        {{ column.name }},
        {%- endif %}
        {%- endfor %}
        raw_copies,
        key_rank,
        quarantine_reason,
        value_issue
    from checked

)

select * from final
{%- endmacro %}
