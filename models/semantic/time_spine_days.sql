{#
    The semantic layer's calendar: one row per day from var time_spine_start_date to var
    time_spine_end_date (MetricFlow's time spine, declared in _semantic__models.yml). Cumulative metrics,
    offsets (month over month) and filling empty days join to it.
#}

with

days as (

    {{ dbt.date_spine(
        'day',
        "cast('" ~ var('time_spine_start_date') ~ "' as date)",
        "cast('" ~ var('time_spine_end_date') ~ "' as date)",
    ) }}

),

final as (

    select cast(date_day as date) as date_day
    from days

)

select * from final
