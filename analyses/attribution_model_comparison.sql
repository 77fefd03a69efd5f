-- Attribution models side by side (DOMAIN.md §9): each channel's share of the pipeline, in percent, under
-- every model, with how far the models spread and which one is most generous to it. Read it with
-- attribution_disagreement, which says why (touch_share against first_touch_share, late_stage_rate ...).
-- Run: dbt compile --select attribution_model_comparison, then run the compiled SQL (`lens build` prints it).

with

attribution_by_model as (

    select * from {{ ref('attribution_by_model') }}

),

attribution_disagreement as (

    select * from {{ ref('attribution_disagreement') }}

),

channel_shares as (

    select
        dimension_value as channel,
        {%- for model_name in attribution_models() %}
        cast(
            100 * max(case when attribution_model = '{{ model_name }}' then pipeline_share end)
            as decimal(5, 1)
        ) as {{ model_name }},
        {%- endfor %}
        cast(100 * max(pipeline_share) - 100 * min(pipeline_share) as decimal(5, 1)) as spread_points
    from attribution_by_model
    where dimension = 'channel'
    group by dimension_value

),

final as (

    select
        channel_shares.*,
        attribution_disagreement.most_generous_model as most_generous
    from channel_shares
    inner join attribution_disagreement
        on
            attribution_disagreement.dimension = 'channel'
            and channel_shares.channel = attribution_disagreement.dimension_value

)

select * from final
order by spread_points desc, channel asc
