{#
    Fails (or warns, with severity: warn) when more than max_share of the model's rows meet the condition:
    a share, not a count, so the same threshold holds on a small and a large dataset. A model with fewer rows
    than min_rows (default var share_test_min_rows) is not judged: a share of a handful of rows says nothing.
    Thresholds live in vars (dbt_project.yml, README: Data quality).

    When the share is exceeded it returns the facts a user needs, one row per most frequent offending value
    (up to top_values; the value is value_columns joined by ': ', '(none)' for a null): the value and its
    rows, the matching and total rows, the share, the threshold and the minimum. dbt reports the number of
    matching rows (fail_calc); with store_failures (set where the test is used) dbt prints where the rows
    are, and `lens build` shows them under "Needs attention".
#}
{% test share_of_rows_at_most(model, condition, max_share, value_columns=[], min_rows=none, top_values=5) %}

{{ config(fail_calc='coalesce(max(matching_rows), 0)') }}

{%- set minimum = (var('share_test_min_rows') if min_rows is none else min_rows) | int -%}
{%- set parts = [] -%}
{%- for column in value_columns -%}
    {%- do parts.append("coalesce(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), '(none)')") -%}
    {%- if not loop.last %}{% do parts.append("': '") %}{% endif -%}
{%- endfor -%}
{%- set offending_value = (dbt.concat(parts) if parts | length > 1 else parts[0]) if parts
    else "cast(null as " ~ dbt.type_string() ~ ")" %}

with

counted as (

    select
        count(*) as total_rows,
        sum(case when {{ condition }} then 1 else 0 end) as matching_rows
    from {{ model }}

),

offending_values as (

    select
        {{ offending_value }} as offending_value,
        count(*) as value_rows
    from {{ model }}
    where {{ condition }}
    group by {{ offending_value }}

),

ranked_values as (

    select
        offending_value,
        value_rows,
        row_number() over (order by value_rows desc, offending_value) as value_rank
    from offending_values

),

final as (

    select
        ranked_values.offending_value,
        cast(ranked_values.value_rows as {{ dbt.type_bigint() }}) as value_rows,
        cast(counted.matching_rows as {{ dbt.type_bigint() }}) as matching_rows,
        cast(counted.total_rows as {{ dbt.type_bigint() }}) as total_rows,
        cast(1.0 * counted.matching_rows / nullif(counted.total_rows, 0) as {{ type_double() }}) as share,
        cast({{ max_share }} as {{ type_double() }}) as max_share,
        cast({{ minimum }} as {{ dbt.type_bigint() }}) as min_rows
    from counted
    cross join ranked_values
    where
        ranked_values.value_rank <= {{ top_values | int }}
        and counted.total_rows >= {{ minimum }}
        and 1.0 * counted.matching_rows / nullif(counted.total_rows, 0) > {{ max_share }}

)

select * from final

{% endtest %}
