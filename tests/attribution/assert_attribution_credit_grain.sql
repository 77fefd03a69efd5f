{#
    The grain of attribution_credit: one row per opportunity x touch x model (touch_id null on an
    opportunity's single unattributed row).

    The view's rows of one model are the int_attribution_touches_credited rows with a share under that model
    (for the data-driven model, the touches of each state of int_attribution_data_driven_credits with a
    share), plus one row per opportunity without touches. Its inputs have tested grains: the credited touches
    are unique on (opportunity_id, touch_id), the data-driven credits on (opportunity_id, markov_state),
    opportunities on opportunity_id. So the grain holds exactly when,
    model by model, the view returns as many touch rows as the credited touches with a share, and one
    unattributed row for each of as many opportunities as have no touch: a join that fans out or a branch
    read twice adds rows, a dropped branch or filter loses them. Counting is one narrow scan per model,
    where a group-by would read every row of the view (tens of millions on the large preset).
    Returns one row per model whose counts differ.
#}

{%- set models = attribution_models() %}

with

touches_credited as (

    select * from {{ ref('int_attribution_touches_credited') }}

),

data_driven_credits as (

    select * from {{ ref('int_attribution_data_driven_credits') }}

),

opportunities as (

    select * from {{ ref('opportunities') }}

),

attribution_credit as (

    select * from {{ ref('attribution_credit') }}

),

untouched_opportunities as (

    select count(*) as opportunity_count
    from opportunities
    where not exists (
            select 1 as is_found
            from touches_credited
            where touches_credited.opportunity_id = opportunities.opportunity_id
        )

),

expected as (

    {%- for model_name in models %}
    select
        '{{ model_name }}' as attribution_model,
        {%- if model_name == 'data_driven' %}
        -- a state with a share gives each of its touches a row
        coalesce(sum(case when data_driven_share > 0 then markov_state_touch_count else 0 end), 0)
            as touch_rows
        {%- else %}
        count(case when {{ model_name }}_share > 0 then 1 end) as touch_rows
        {%- endif %}
    from {{ 'data_driven_credits' if model_name == 'data_driven' else 'touches_credited' }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

actual as (

    select
        attribution_model,
        count(case when touch_id is not null then 1 end) as touch_rows,
        count(case when touch_id is null then 1 end) as unattributed_rows,
        count(distinct case when touch_id is null then opportunity_id end) as unattributed_opportunities
    from attribution_credit
    group by attribution_model

),

final as (

    select
        expected.attribution_model,
        expected.touch_rows as expected_touch_rows,
        actual.touch_rows,
        untouched_opportunities.opportunity_count as expected_unattributed_rows,
        actual.unattributed_rows,
        actual.unattributed_opportunities
    from expected
    cross join untouched_opportunities
    left join actual
        on expected.attribution_model = actual.attribution_model
    -- a model the view has no row of counts 0 rows (no opportunities: every count is 0)
    where
        coalesce(actual.touch_rows, 0) != expected.touch_rows
        or coalesce(actual.unattributed_rows, 0) != untouched_opportunities.opportunity_count
        or coalesce(actual.unattributed_opportunities, 0) != untouched_opportunities.opportunity_count

)

select * from final
