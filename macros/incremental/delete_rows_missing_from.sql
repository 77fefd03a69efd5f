{#
    A post-hook for a model incremental by entity (delete+insert by person, unit, ...): delete the rows of
    {{ this }} whose key columns no longer match a row of source_relation. delete+insert replaces the rows of
    the entities a run recomputes; an entity left with no input row has nothing to insert, so its old rows
    would stay. On a full refresh there is nothing to delete, and nothing runs.
#}
{% macro delete_rows_missing_from(source_relation, key_columns) %}
    {%- if is_incremental() -%}
    delete from {{ this }} as kept
    where {{ no_row_matches(source_relation, 'kept', key_columns) }}
    {%- endif -%}
{% endmacro %}
