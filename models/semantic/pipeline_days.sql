{#
    Pipeline by the day it was created: one row per day with at least one opportunity created. The
    cumulative pipeline metric reads this daily grain, not the opportunities table: MetricFlow compiles a
    cumulative metric to a non-equi join of the time spine against its source, which on a fact table is
    quadratic in its rows; on a daily aggregate it is cheap.
#}

with

opportunities as (

    select * from {{ ref('opportunities') }}

),

final as (

    select
        -- numerics
        cast(sum(amount) as {{ dbt.type_numeric() }}) as pipeline_amount,
        cast(count(*) as {{ dbt.type_int() }}) as opportunity_count,

        -- dates
        created_date

    from opportunities
    group by created_date

)

select * from final
