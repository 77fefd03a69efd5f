{#
    `not exists` a row of relation whose key_columns equal those of the row aliased alias: the anti-join an
    incremental model uses to find what is new, changed or gone (e.g. on [signal_id, signal_row_hash]).
#}
{% macro no_row_matches(relation, alias, key_columns) %}
    not exists (
        select 1 as is_matched
        from {{ relation }} as matching_rows
        where
            {%- for column in key_columns %}
            matching_rows.{{ column }} = {{ alias }}.{{ column }}{{ ' and' if not loop.last }}
            {%- endfor %}
    )
{%- endmacro %}
