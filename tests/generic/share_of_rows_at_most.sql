{#
    Fails (or warns, with severity: warn) when more than max_share of the model's rows meet the condition:
    a share, not a count, so the same threshold holds on a small and a large dataset. Returns one row with
    the share when it is exceeded. Thresholds live in vars (dbt_project.yml, README: Data quality).
#}
{% test share_of_rows_at_most(model, condition, max_share) %}

with

counted as (

    select
        count(*) as total_rows,
        sum(case when {{ condition }} then 1 else 0 end) as matching_rows
    from {{ model }}

),

final as (

    select
        total_rows,
        matching_rows,
        1.0 * matching_rows / total_rows as share,
        {{ max_share }} as max_share
    from counted
    where total_rows > 0 and 1.0 * matching_rows / total_rows > {{ max_share }}

)

select * from final

{% endtest %}
