{#
    A window clause over the last `days` days up to and including the current row's day: rows of the same
    partition whose integer day number lies in (day - days, day]. `order_by` must be an integer day number
    (numeric RANGE offsets work on DuckDB, Postgres, Snowflake and Spark, unlike date offsets). Rows of the
    same day are peers and count in each other's frame.
#}
{% macro trailing_days_frame(days, partition_by, order_by='day_number') -%}
    over (
        partition by {{ partition_by }}
        order by {{ order_by }}
        range between {{ (days | int) - 1 }} preceding and current row
    )
{%- endmacro %}
