-- Handoffs judged as of their own moment (DOMAIN.md §8): how many were premature, and how premature and
-- ready handoffs converted into opportunities and wins.
-- Run: dbt compile --select handoff_quality, then run the compiled SQL (`lens build` prints it).

with

handoffs as (

    select * from {{ ref('handoffs') }}

),

final as (

    select
        handoff_quality,
        count(*) as handoffs,
        round(count(*) * 1.0 / sum(count(*)) over (), 3) as share_of_handoffs,
        round(avg(case when has_opportunity_within_90_days then 1.0 else 0.0 end), 3) as opportunity_rate,
        round(avg(case when is_won then 1.0 else 0.0 end), 3) as win_rate
    from handoffs
    group by handoff_quality

)

select * from final
order by handoff_quality desc
