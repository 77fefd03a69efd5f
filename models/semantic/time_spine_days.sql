{#
    The semantic layer's calendar: one row per day from var time_spine_start_date to the as-of day (var
    as_of_date, else the last day with a signal). MetricFlow's time spine, declared in
    _semantic__models.yml: cumulative metrics, offsets (month over month) and filled days join to it, so a
    cumulative metric runs to "now" and not into empty years. Without an as-of day (no signal yet and no
    var as_of_date) the calendar is empty: the spine then runs over its first day only, and that day is
    filtered out.
#}

{%- set start_date = "cast('" ~ var('time_spine_start_date') ~ "' as date)" %}
{%- set as_of_date = as_of_date_from(ref('signals')) %}

with

days as (

    {{ dbt.date_spine(
        'day',
        start_date,
        "coalesce(" ~ dbt.dateadd('day', 1, as_of_date) ~ ", " ~ dbt.dateadd('day', 1, start_date) ~ ")",
    ) }}

),

final as (

    select cast(date_day as date) as date_day
    from days
    where date_day <= {{ as_of_date }}

)

select * from final
