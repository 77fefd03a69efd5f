{#
    Where the attribution models disagree, and why (DOMAIN.md §9): one row per dimension x value (channel,
    campaign, team, decision layer, authority tier, signal stage) with the spread of its pipeline share
    across the models (max - min, in share points), the most and least generous model, and the profile of
    its touches that explains the spread. A value whose touches mostly open journeys is loved by first touch
    and U-shaped; one whose touches come late from approvers is loved by last touch, time decay and
    decision-aware.
    Long because: the spread of a value's share across the models and the touch profile that explains it
    are computed per dimension value and reported in one row; apart, each half would be a table read only
    here.
#}

{%- set positions = ['first_touch', 'lead_creation', 'opportunity_creation', 'closed_won'] %}
{%- set rates = ['after_opportunity', 'late_stage', 'authority'] %}

with

attribution_by_model as (

    select * from {{ ref('attribution_by_model') }}

),

attribution_credit as (

    select * from {{ ref('attribution_credit') }}

),

{#- the linear model has exactly one row per touch of an opportunity: the touches themselves #}

touch_flags as (

    select
        {%- for column in attribution_dimension_columns() %}
        {{ column }},
        {%- endfor %}
        1 as touch_count,
        case when touch_positions like '%first_touch%' then 1 else 0 end as first_touch_count,
        case when touch_positions like '%lead_creation%' then 1 else 0 end as lead_creation_count,
        case when touch_positions like '%opportunity_creation%' then 1 else 0 end
            as opportunity_creation_count,
        case when touch_positions like '%closed_won%' then 1 else 0 end as closed_won_count,
        case when journey_phase = 'after_opportunity' then 1 else 0 end as after_opportunity_count,
        case when signal_stage = 'late' then 1 else 0 end as late_stage_count,
        case when authority_tier = 'authority' then 1 else 0 end as authority_count,
        days_before_journey_end
    from attribution_credit
    where attribution_model = 'linear' and not is_unattributed

),

{%- set measures = ['touch_count', 'days_before_journey_end'] %}
{%- for flag in positions + rates %}
{%- do measures.append(flag ~ '_count') %}
{%- endfor %}

flags_by_all_dimensions as (

    -- summed by every dimension at once first: the per-dimension sums below then read these rows, not
    -- every touch once per dimension (integer sums, the same in any order)
    select
        {%- for measure in measures %}
        sum({{ measure }}) as {{ measure }},
        {%- endfor %}
        {{ attribution_dimension_columns() | join(',\n        ') }}
    from touch_flags
    group by
        {{ attribution_dimension_columns() | join(',\n        ') }}

),

touch_profiles as (

    {{ unpivot_attribution_dimensions('flags_by_all_dimensions', measures) }}

),

share_ranks as (

    select
        dimension,
        dimension_value,
        attribution_model,
        pipeline_share,
        row_number() over (
            partition by dimension, dimension_value order by pipeline_share desc, attribution_model asc
        ) as generosity_rank,
        row_number() over (
            partition by dimension, dimension_value order by pipeline_share asc, attribution_model asc
        ) as stinginess_rank
    from attribution_by_model

),

spreads as (

    select
        dimension,
        dimension_value,
        min(pipeline_share) as min_pipeline_share,
        max(pipeline_share) as max_pipeline_share,
        avg(pipeline_share) as mean_pipeline_share,
        {#- when every model gives the same share, none is more generous #}
        case
            when max(pipeline_share) > min(pipeline_share)
                then max(case when generosity_rank = 1 then attribution_model end)
        end as most_generous_model,
        case
            when max(pipeline_share) > min(pipeline_share)
                then max(case when stinginess_rank = 1 then attribution_model end)
        end as least_generous_model
    from share_ranks
    group by
        dimension,
        dimension_value

),

final as (

    select
        -- ids
        cast(
            {{ dbt.concat(['spreads.dimension', "'|'", 'spreads.dimension_value']) }}
            as {{ dbt.type_string() }}
        ) as attribution_disagreement_id,

        -- strings
        cast(spreads.dimension as {{ dbt.type_string() }}) as dimension,
        cast(spreads.dimension_value as {{ dbt.type_string() }}) as dimension_value,
        cast(spreads.most_generous_model as {{ dbt.type_string() }}) as most_generous_model,
        cast(spreads.least_generous_model as {{ dbt.type_string() }}) as least_generous_model,

        -- numerics
        cast(spreads.min_pipeline_share as {{ type_double() }}) as min_pipeline_share,
        cast(spreads.max_pipeline_share as {{ type_double() }}) as max_pipeline_share,
        cast(spreads.mean_pipeline_share as {{ type_double() }}) as mean_pipeline_share,
        cast(spreads.max_pipeline_share - spreads.min_pipeline_share as {{ type_double() }})
            as pipeline_share_spread,
        cast(
            (spreads.max_pipeline_share - spreads.min_pipeline_share)
            / nullif(spreads.mean_pipeline_share, 0) as {{ type_double() }}
        ) as relative_spread,
        cast(coalesce(touch_profiles.touch_count, 0) as {{ dbt.type_int() }}) as touch_count,
        cast(
            cast(touch_profiles.touch_count as {{ type_double() }})
            / nullif(sum(touch_profiles.touch_count) over (partition by spreads.dimension), 0)
            as {{ type_double() }}
        ) as touch_share,
        {%- for position in positions %}
        cast(
            cast(touch_profiles.{{ position }}_count as {{ type_double() }})
            / nullif(sum(touch_profiles.{{ position }}_count) over (partition by spreads.dimension), 0)
            as {{ type_double() }}
        ) as {{ position }}_share,
        {%- endfor %}
        {%- for rate in rates %}
        cast(
            cast(touch_profiles.{{ rate }}_count as {{ type_double() }})
            / nullif(touch_profiles.touch_count, 0)
            as {{ type_double() }}
        ) as {{ rate }}_rate,
        {%- endfor %}
        cast(
            cast(touch_profiles.days_before_journey_end as {{ type_double() }})
            / nullif(touch_profiles.touch_count, 0)
            as {{ type_double() }}
        ) as average_days_before_journey_end

    from spreads
    left join touch_profiles
        on
            spreads.dimension = touch_profiles.dimension
            and spreads.dimension_value = touch_profiles.dimension_value

)

select * from final
