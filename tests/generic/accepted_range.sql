{#
    Every non-null value of the column lies between `min_value` and `max_value` (both inclusive; leave one
    out for an open end). For bounded scales: months 1-12, scores and percentages 0-100, counts >= 0.
    dbt_utils' test of the same name and arguments (inclusive bounds only), written here because set-up
    installs no dbt packages (no `dbt deps`): a model moved from a dbt_utils project keeps its YAML.
#}
{% test accepted_range(model, column_name, min_value=none, max_value=none) %}

    select {{ column_name }}
    from {{ model }}
    where
        {{ column_name }} is not null
        and (
            false
            {%- if min_value is not none %} or {{ column_name }} < {{ min_value }}{% endif %}
            {%- if max_value is not none %} or {{ column_name }} > {{ max_value }}{% endif %}
        )

{% endtest %}
