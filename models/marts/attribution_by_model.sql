{#
    Attribution credit summarised (DOMAIN.md §9): one row per attribution model x dimension x value, the
    dimensions being channel, campaign, team, decision layer, authority tier and signal stage. Every model
    has a row for every value (0 when it gives the value nothing), so models compare side by side.
    pipeline_share is the value's share of all the pipeline the model credits (it sums to 1 per model and
    dimension). attribution_disagreement says where the models diverge most.

    The credit rows are attribution_credit's, read where they are narrowest: the eight models that credit
    each touch on their own (every model but the data-driven one) side by side in
    int_attribution_touches_credited, summed in one read of its touches rather than once per model from
    the view; the data-driven model's rows and the unattributed ones from the view's own branches (a filter
    on attribution_model or is_unattributed reads only those).
    Long because: it is one grid (model x dimension x value, zero-filled) over a single read
    of each credit branch; the sums and the grid only mean something together, and a split would store
    the long credit rows this model avoids reading twice.
#}

{%- set measures = [
    'attributed_pipeline', 'attributed_revenue', 'attributed_opportunities', 'attributed_won_opportunities',
] %}
{%- set touch_models = attribution_models() | reject('equalto', 'data_driven') | list %}

with

touches_credited as (

    select * from {{ ref('int_attribution_touches_credited') }}

),

attribution_credit as (

    select * from {{ ref('attribution_credit') }}

),

touch_credit_by_all_dimensions as (

    -- a model's credit rows are the touches it gives a share (attribution_credit); shares are summed as
    -- exact decimals: a sum of doubles varies in its last bits with the order of its terms, and two builds
    -- of the same data would differ
    select
        {%- for model_name in touch_models %}
        sum(case when {{ model_name }}_share > 0 then {{ model_name }}_credit_amount else 0 end)
            as {{ model_name }}_attributed_pipeline,
        sum(
            case
                when {{ model_name }}_share > 0 and is_opportunity_won then {{ model_name }}_credit_amount
                else 0
            end
        ) as {{ model_name }}_attributed_revenue,
        sum(
            case
                when {{ model_name }}_share > 0 then cast({{ model_name }}_share as decimal(38, 18))
                else 0
            end
        ) as {{ model_name }}_attributed_opportunities,
        sum(
            case
                when {{ model_name }}_share > 0 and is_opportunity_won
                    then cast({{ model_name }}_share as decimal(38, 18))
                else 0
            end
        ) as {{ model_name }}_attributed_won_opportunities,
        {%- endfor %}
        {{ attribution_dimension_columns() | join(',\n        ') }}
    from touches_credited
    group by
        {{ attribution_dimension_columns() | join(',\n        ') }}

),

view_credit_by_all_dimensions as (

    select
        attribution_model,
        sum(credit_amount) as attributed_pipeline,
        sum(case when is_opportunity_won then credit_amount else 0 end) as attributed_revenue,
        sum(cast(credit_share as decimal(38, 18))) as attributed_opportunities,
        sum(case when is_opportunity_won then cast(credit_share as decimal(38, 18)) else 0 end)
            as attributed_won_opportunities,
        {{ attribution_dimension_columns() | join(',\n        ') }}
    from attribution_credit
    where attribution_model = 'data_driven' or is_unattributed
    group by
        attribution_model,
        {{ attribution_dimension_columns() | join(',\n        ') }}

),

credit_by_all_dimensions as (

    -- attribution_model, the measures, then the dimension columns, in every branch
    {%- for model_name in touch_models %}
    select
        '{{ model_name }}' as attribution_model,
        {%- for measure in measures %}
        {{ model_name }}_{{ measure }} as {{ measure }},
        {%- endfor %}
        {{ attribution_dimension_columns() | join(',\n        ') }}
    from touch_credit_by_all_dimensions
    union all
    {%- endfor %}
    select * from view_credit_by_all_dimensions

),

credit_by_dimension as (

    {{ unpivot_attribution_dimensions('credit_by_all_dimensions', measures, ['attribution_model']) }}

),

attribution_models as (

    select distinct attribution_model from credit_by_dimension

),

dimension_values as (

    select distinct
        dimension,
        dimension_value
    from credit_by_dimension

),

model_value_grid as (

    select
        attribution_models.attribution_model,
        dimension_values.dimension,
        dimension_values.dimension_value
    from attribution_models
    cross join dimension_values

),

filled as (

    select
        {%- for measure in measures %}
        coalesce(credit_by_dimension.{{ measure }}, 0) as {{ measure }},
        {%- endfor %}
        model_value_grid.*
    from model_value_grid
    left join credit_by_dimension
        on
            model_value_grid.attribution_model = credit_by_dimension.attribution_model
            and model_value_grid.dimension = credit_by_dimension.dimension
            and model_value_grid.dimension_value = credit_by_dimension.dimension_value

),

final as (

    select
        -- ids
        cast(
            {{ dbt.concat(['attribution_model', "'|'", 'dimension', "'|'", 'dimension_value']) }}
            as {{ dbt.type_string() }}
        ) as attribution_summary_id,

        -- strings
        cast(attribution_model as {{ dbt.type_string() }}) as attribution_model,
        cast(dimension as {{ dbt.type_string() }}) as dimension,
        cast(dimension_value as {{ dbt.type_string() }}) as dimension_value,

        -- numerics
        cast(attributed_pipeline as {{ dbt.type_numeric() }}) as attributed_pipeline,
        cast(attributed_revenue as {{ dbt.type_numeric() }}) as attributed_revenue,
        cast(attributed_opportunities as {{ type_double() }}) as attributed_opportunities,
        cast(attributed_won_opportunities as {{ type_double() }}) as attributed_won_opportunities,
        -- as doubles: two decimals divide to 6 decimals on Spark
        cast(attributed_pipeline as {{ type_double() }}) / nullif(
            cast(
                sum(attributed_pipeline) over (partition by attribution_model, dimension)
                as {{ type_double() }}
            ),
            0
        ) as pipeline_share,
        cast(attributed_revenue as {{ type_double() }}) / nullif(
            cast(
                sum(attributed_revenue) over (partition by attribution_model, dimension)
                as {{ type_double() }}
            ),
            0
        ) as revenue_share

    from filled

)

select * from final
