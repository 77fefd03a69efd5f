{#
    The body of a base model (models/staging/<source>/base/): every row of one raw table, checked, so staging
    reads the usable rows and models/quality/ lists the others. The raw table is read as the raw contract
    describes it (raw_source_rows: absent columns null, timestamps UTC). Nothing is dropped here:
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
      - value_checks [(column, condition, reason)] null a value the row can do without (a malformed email, a
        negative bed count) and name it in value_issue (the first that applies); the row stays;
      - optional_values: columns whose unparsable value is nulled the same way (value_issue
        unparsable_<col>) instead of quarantining the row: an account keeps its contacts when an org's
        custom field holds text ('n/a' beds);
      - parsers {column: SQL} type a column another way than try_cast (month names for a fiscal month);
      - is_deleted is true when the record is deleted in the source: its own is_deleted flag (the contract's
        Salesforce tables) or Fivetran's _fivetran_deleted, for every table.
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
    value_checks=[],
    optional_values=[],
    parsers={}
) %}
{%- set own_keys = {} -%}
{%- for key in key_columns %}{% do own_keys.update({key: key}) %}{% endfor -%}
{{ config(
    meta={'tested_on_daily_run': {'keys': own_keys, 'invocation_column': 'dbt_invocation_id'}},
    materialized=raw_rows_materialization(),
    incremental_strategy=incremental_strategy(),
    unique_key=key_columns,
    on_schema_change='fail',
    pre_hook="{{ delete_raw_rows_read_again('" ~ source_name ~ "', '" ~ table_name ~ "', "
        ~ key_columns | string ~ ") }}",
) }}
{%- if not execute -%}
    {#- parsing: only the dependencies matter; the columns come from the graph at run time -#}
    {%- for column, base_model in references %}{% do ref(base_model) %}{% endfor -%}
    {{ return('select * from ' ~ source(source_name, table_name)) }}
{%- endif -%}
{%- set node = graph.sources['source.' ~ project_name ~ '.' ~ source_name ~ '.' ~ table_name] -%}
{%- set raw_source = raw_source_rows(source_name, table_name) -%}
{%- if is_incremental() -%}
    {#- a stored table from an older version (a column missing) stops the run with a clear message -#}
    {%- do previous_state(model.name) -%}
{%- endif -%}
{%- set files = raw_files_to_read(source_name, table_name) if is_incremental() else {'all': true} -%}
{%- set columns = [] -%}
{%- for column in node.columns.values() -%}
    {%- do columns.append({'name': column.name, 'data_type': column.data_type}) -%}
{%- endfor -%}
{%- do columns.append({'name': fivetran_deleted_column(), 'data_type': 'bool'}) -%}
{%- set contract_names = node.columns.keys() | list -%}
{%- set tolerance = var('future_timestamp_tolerance_days') -%}

{%- set key_type = {} -%}
{%- for column in columns if column.name in key_columns -%}
    {%- do key_type.update({column.name: raw_column_type(column.data_type)}) -%}
{%- endfor -%}
{%- set key_has_null = raw_key_is_null(key_columns, key_type) %}
{%- set key_is_repeated = raw_key_in('repeated_keys', key_columns, key_type, 'raw_rows') %}
{%- if not files.all -%}
    {%- set raw_source -%}
    (
        select * from {{ raw_source }} as all_raw_rows
        where
            {{ raw_key_is_null(key_columns, key_type, 'all_raw_rows') }}
            or {{ raw_key_in('recomputed_keys', key_columns, key_type, 'all_raw_rows') }}
    )
    {%- endset -%}
{%- endif -%}
{%- set typed = {} -%}
{%- for column in columns -%}
    {%- do typed.update({
        column.name: parsers.get(column.name) or try_cast(column.name, raw_column_type(column.data_type))
    }) -%}
{%- endfor -%}
{%- set typed_columns -%}
        {%- for column in columns %}
        {{ typed[column.name] }} as {{ column.name }},
        {%- endfor %}
        {%- for column in columns if column.data_type != 'string' %}
        {{ column.name }} is not null
        and {{ typed[column.name] }} is null
            as is_unparsable_{{ column.name }},
        {%- endfor %}
{%- endset -%}

with

{% if not files.all -%}
{#- A daily run reads again the raw rows of these keys (and every row without a key), so the rows it writes
    are what a full build gives for them: the keys in the new files, the keys held back as future (time has
    moved on), and, where the table references others, the keys whose reference changed usability. #}
recomputed_keys as (

    select
        {%- for key in key_columns %}
        {{ try_cast(key, key_type[key]) }} as {{ key }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ raw_source_rows(source_name, table_name) }} as new_rows
    where {{ raw_file_column() }} in ({{ "'" ~ files.new | join("', '") ~ "'" if files.new else 'null' }})

    union

    select {{ key_columns | join(', ') }}
    from {{ this }}
    where quarantine_reason like 'future_%'
    {%- if references %}

    union

    select {{ key_columns | join(', ') }}
    from {{ this }} as stored
    where
        (quarantine_reason is null or quarantine_reason = 'duplicate_key' or quarantine_reason like 'orphan_%')
        and coalesce(quarantine_reason, '') <> case
            {{- raw_orphan_cases(references) }}
            when key_rank > 1 then 'duplicate_key'
            else ''
        end
    {%- endif %}

),

{% endif -%}
{#- The keys (as typed) of more than one raw row, identical copies included. Only their rows can be copies
    or duplicates, so only they are collapsed and ranked: grouping by every column and ranking every row by
    key cost most of the model on 9M activities, and keys are nearly always unique. #}
repeated_keys as (

    select
        {%- for key in key_columns %}
        {{ try_cast(key, key_type[key]) }} as {{ key }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ raw_source }} as raw_rows
    group by
        {%- for key in key_columns %}
        {{ try_cast(key, key_type[key]) }}{{ ',' if not loop.last }}
        {%- endfor %}
    having count(*) > 1

),

single_rows as (

    select{{ typed_columns }}
        cast(1 as {{ dbt.type_bigint() }}) as raw_copies,
        cast(1 as {{ dbt.type_bigint() }}) as rows_with_key,
        cast(1 as {{ dbt.type_bigint() }}) as key_rank
    from {{ raw_source }} as raw_rows
    where not ({{ key_has_null }}) and not {{ key_is_repeated }}

),

{#- identical rows (an ELT retry) become one, raw_copies counting them #}
collapsed_rows as (

    select
        {%- for column in columns %}
        {{ column.name }},
        {%- endfor %}
        count(*) as raw_copies
    from {{ raw_source }} as raw_rows
    where {{ key_has_null }} or {{ key_is_repeated }}
    group by
        {%- for column in columns %}
        {{ column.name }}{{ ',' if not loop.last }}
        {%- endfor %}

),

repeated_rows as (

    select{{ typed_columns }}
        raw_copies
    from collapsed_rows

),

keyed as (

    select * from single_rows

    union all

    select
        *,
        count(*) over (partition by {{ key_columns | join(', ') }}) as rows_with_key,
        row_number() over (
            partition by {{ key_columns | join(', ') }}
            order by
                {% if latest_by %}{{ latest_by }} desc nulls last, {% endif %}
                {%- for column in columns %}
                {{ column.name }}{{ ',' if not loop.last }}
                {%- endfor %}
        ) as key_rank
    from repeated_rows

),

checked as (

    select
        *,
        case
            when {% for key in key_columns %}{{ key }} is null{{ ' or ' if not loop.last }}{% endfor %}
                then 'null_key'
            {%- for column in columns if column.data_type != 'string' and column.name not in optional_values %}
            when is_unparsable_{{ column.name }} then 'unparsable_{{ column.name }}'
            {%- endfor %}
            {%- for column in event_times %}
            when {{ column }} > {{ dbt.dateadd('day', tolerance, dbt.current_timestamp()) }}
                then 'future_{{ column }}'
            {%- endfor %}
            {%- for condition, reason in row_checks %}
            when {{ condition }} then '{{ reason }}'
            {%- endfor %}
            {{- raw_orphan_cases(references) }}
            when rows_with_key > 1 and key_rank > 1 then 'duplicate_key'
        end as quarantine_reason,
        {%- if optional_values or value_checks %}
        case
            {%- for column in optional_values %}
            when is_unparsable_{{ column }} then 'unparsable_{{ column }}'
            {%- endfor %}
            {%- for column, condition, reason in value_checks %}
            when {{ condition }} then '{{ reason }}'
            {%- endfor %}
        end as value_issue
        {%- else %}
        cast(null as {{ dbt.type_string() }}) as value_issue
        {%- endif %}
    from keyed

),

final as (

    select
        {%- for column in columns if column.name in contract_names %}
        {%- set conditions = value_checks | selectattr(0, 'equalto', column.name) | map(attribute=1) | list %}
        {%- if conditions %}
        case when {{ conditions | join(' or ') }} then null else {{ column.name }} end as {{ column.name }},
        {%- elif column.name == 'is_deleted' %}
        is_deleted or {{ fivetran_deleted_column() }} as is_deleted,
        {%- else %}
        {{ column.name }},
        {%- endif %}
        {%- endfor %}
        {%- if 'is_deleted' not in contract_names %}
        {{ fivetran_deleted_column() }} as is_deleted,
        {%- endif %}
        raw_copies,
        key_rank,
        quarantine_reason,
        value_issue,
        -- the dbt command that wrote the row: a daily run's data tests read only its rows
        cast('{{ invocation_id }}' as {{ dbt.type_string() }}) as dbt_invocation_id
    from checked

)

select * from final
{%- endmacro %}
