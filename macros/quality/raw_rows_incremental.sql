{#
    How a base model (checked_raw_rows) is kept on a daily run.
      - On DuckDB files it is incremental: it reads again only the raw rows of the keys in the files that
        are new since the last build (raw_files_to_read), of the keys held back as future, of the keys whose
        reference changed usability, and every row without a key; delete+insert on the key replaces those
        keys' rows. A stored file gone or rewritten makes it read the whole table again. The rows it writes
        are what a full build gives: every check is of one row, or of the rows of one key, but the reference
        and future checks, whose keys it reads again.
      - On a warehouse (or with var raw_from_files false) the raw tables have no files to tell new rows by:
        the base models are tables, rebuilt whole.
    A change of the checks' vars (future_timestamp_tolerance_days, implausible_amount) needs --full-refresh,
    as every change of code, seeds or vars does.
#}
{% macro raw_rows_materialization() %}
    {{ return('incremental' if target.type == 'duckdb' and var('raw_from_files', true) else 'table') }}
{% endmacro %}


{#
    The pre-hook of a base model on a daily run: when the table is read whole, delete every stored row;
    else delete the stored rows without a key, which the model computes again (delete+insert on the key
    cannot match a null key).
#}
{% macro delete_raw_rows_read_again(source_name, table_name, key_columns) %}
    {%- if execute and is_incremental() -%}
        {%- if raw_files_to_read(source_name, table_name).all -%}
    delete from {{ this }}
        {%- else -%}
    delete from {{ this }}
    where {% for key in key_columns %}{{ key }} is null{{ ' or ' if not loop.last }}{% endfor %}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}


{# Whether a raw row (alias, if given) has a key column that is null or does not parse as its type. #}
{% macro raw_key_is_null(key_columns, key_type, alias=none) %}
    {%- for key in key_columns -%}
    {{ try_cast((alias ~ '.' if alias else '') ~ key, key_type[key]) }} is null{{ ' or ' if not loop.last }}
    {%- endfor -%}
{% endmacro %}


{# Whether a raw row's typed key (alias) is one of the keys of a relation or CTE (keys). #}
{% macro raw_key_in(keys, key_columns, key_type, alias) -%}
    exists (
        select 1 as is_found
        from {{ keys }}
        where
            {%- for key in key_columns %}
            {{ keys }}.{{ key }} = {{ try_cast(alias ~ '.' ~ key, key_type[key]) }}{{ ' and' if not loop.last }}
            {%- endfor %}
    )
{%- endmacro %}


{# The `when` branches that name a row orphan_<column>: its reference names no usable row of the base model. #}
{% macro raw_orphan_cases(references) %}
    {%- for column, base_model in references %}
            when {{ column }} is not null and {{ column }} not in (
                select referenced.id from {{ ref(base_model) }} as referenced
                where referenced.quarantine_reason is null and not coalesce(referenced.is_deleted, false)
            ) then 'orphan_{{ column }}'
    {%- endfor %}
{%- endmacro %}
