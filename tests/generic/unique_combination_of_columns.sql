{#
    The grain test for models whose key is several columns: no two rows share the same values of
    `combination_of_columns` (nulls compare as equal, so a null in a key column cannot hide a duplicate).
    dbt_utils' test of the same name and arguments, written here because set-up installs no dbt packages (no
    `dbt deps`): a model moved from a dbt_utils project keeps its YAML.
#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

    select
        {{ combination_of_columns | join(', ') }},
        count(*) as duplicate_rows
    from {{ model }}
    group by {{ combination_of_columns | join(', ') }}
    having count(*) > 1

{% endtest %}
