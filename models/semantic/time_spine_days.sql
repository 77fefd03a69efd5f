{#
    The semantic layer's calendar: one row per day from var time_spine_start_date to the as-of day (var
    as_of_date, else the last day with a signal). MetricFlow's time spine, declared in
    _semantic__models.yml: cumulative metrics, offsets (month over month) and filled days join to it, so a
    cumulative metric runs to "now" and not into empty years.
#}

with

days as (

    {{ dbt.date_spine(
        'day',
        "cast('" ~ var('time_spine_start_date') ~ "' as date)",
        dbt.dateadd('day', 1, as_of_date_from(ref('signals'))),
    ) }}

),

final as (

    select cast(date_day as date) as date_day
    from days

)

select * from final
