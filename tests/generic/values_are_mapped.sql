{#
    Reports values of a vocabulary column that the reference seed does not map (an unknown activity type,
    stage, status or role). Such rows are kept in the models; this test only makes them visible: it warns,
    listing each unmapped value and how many rows carry it. `to_condition` narrows the seed rows (e.g. one
    source system of the signal taxonomy).
#}
{% test values_are_mapped(model, column_name, to, field, to_condition=none) %}

    {{ config(severity='warn') }}

    select
        {{ column_name }} as unmapped_value,
        count(*) as row_count
    from {{ model }}
    where
        {{ column_name }} is not null
        and {{ column_name }} not in (
            select mapped.{{ field }}
            from {{ to }} as mapped
            where
                mapped.{{ field }} is not null
                {% if to_condition %}and {{ to_condition }}{% endif %}
        )
    group by {{ column_name }}

{% endtest %}
