{#
    Attribution credit (DOMAIN.md §9): one row per opportunity x touch x attribution model that gives the
    touch a share of the opportunity, with credit_share (summing to 1 per opportunity and model) and
    credit_amount (summing to the opportunity's amount to the cent). The touch's team, channel, campaign,
    layer, authority tier and stage come along, so credit can be cut by any of them.

    An opportunity with no touch (none in its journey, or no decision unit) is not dropped: under every
    model its whole amount goes to one row with is_unattributed true and 'unattributed' as its team,
    channel and layer.

    A view over int_attribution_touches_credited, which holds each touch once with every model's credit
    side by side, and int_attribution_data_driven_credits, which holds each state of an opportunity's touches
    with its data-driven credit (a new fit of the chain computes it again): a state's share and credit are
    split evenly over its touches, the credit in cents, the odd cents one each to its first touches (by
    touch_id). days_before_journey_end counts to the close, or to the as-of day while the opportunity is
    open, here rather than in the stored tables, so the as-of day moving credits nothing again. The long
    shape is not stored nine times (43M rows for the large preset's 6M touches),
    and a query that filters on attribution_model reads only that model's branch of the union.
    Long because: the mart is one union of three shapes of the same credit (the eight
    touch-level models, the data-driven states spread over their touches, the unattributed opportunities)
    under one column list; as a view each branch stays a filter away, and no part of it is stored.
#}

{{ config(materialized='view') }}

{%- set models = attribution_models() %}
{#- the touch's labels: 'unattributed' on an untouched opportunity's row #}
{%- set touch_labels = [
    'team', 'channel', 'signal_stage', 'decision_layer', 'authority_tier', 'touch_positions', 'journey_phase',
] %}

with

touches_credited as (

    select
        credited.*,
        {{ dbt.datediff(
            'credited.touch_date',
            'coalesce(credited.journey_closed_date, ' ~ as_of_date_from(ref('signals')) ~ ')',
            'day',
        ) }} as days_before_journey_end
    from {{ ref('int_attribution_touches_credited') }} as credited

),

state_credit_cents as (

    select
        *,
        cast({{ round_double('data_driven_credit_amount * 100', 0) }} as {{ dbt.type_bigint() }})
            as credit_cents
    from {{ ref('int_attribution_data_driven_credits') }}

),

state_touch_cents as (

    select
        *,
        floor(cast(credit_cents as {{ type_double() }}) / markov_state_touch_count) as touch_cents
    from state_credit_cents

),

data_driven_states as (

    -- a state's data-driven share and credit, split evenly over its touches: the credit in whole cents, the
    -- odd cents one each to the state's first touches
    select
        opportunity_id,
        markov_state,
        data_driven_share / markov_state_touch_count as data_driven_touch_share,
        touch_cents,
        credit_cents - touch_cents * markov_state_touch_count as odd_cents
    from state_touch_cents

),

data_driven_touches_credited as (

    select
        touches_credited.*,
        data_driven_states.data_driven_touch_share as data_driven_share,
        cast(
            data_driven_states.touch_cents
            + case
                when touches_credited.markov_state_touch_number <= data_driven_states.odd_cents then 1
                else 0
            end
            as {{ dbt.type_numeric() }}
        ) / 100 as data_driven_credit_amount
    from touches_credited
    inner join data_driven_states
        on
            touches_credited.opportunity_id = data_driven_states.opportunity_id
            and touches_credited.markov_state = data_driven_states.markov_state

),

opportunities as (

    select * from {{ ref('opportunities') }}

),

credited_touches as (

    {%- for model_name in models %}
    select
        opportunity_id,
        touch_id,
        decision_unit_id,
        contact_id,
        campaign_id,
        '{{ model_name }}' as attribution_model,
        team,
        channel,
        signal_stage,
        decision_layer,
        authority_tier,
        touch_positions,
        journey_phase,
        campaign_name,
        {{ model_name }}_share as credit_share,
        {{ model_name }}_credit_amount as credit_amount,
        opportunity_amount,
        touch_number,
        touch_count,
        days_before_journey_end,
        false as is_unattributed,
        is_contact_role_touch,
        is_opportunity_won,
        is_opportunity_closed,
        touch_date,
        opportunity_created_date,
        opportunity_closed_date,
        touch_at
    from {{ 'data_driven_touches_credited' if model_name == 'data_driven' else 'touches_credited' }}
    where {{ model_name }}_share > 0
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

untouched_opportunities as (

    select opportunities.*
    from opportunities
    where not exists (
            select 1 as is_found
            from touches_credited
            where touches_credited.opportunity_id = opportunities.opportunity_id
        )

),

unattributed as (

    {%- for model_name in models %}
    select
        opportunity_id,
        cast(null as {{ dbt.type_string() }}) as touch_id,
        decision_unit_id,
        cast(null as {{ dbt.type_string() }}) as contact_id,
        cast(null as {{ dbt.type_string() }}) as campaign_id,
        '{{ model_name }}' as attribution_model,
        {%- for column in touch_labels %}
        'unattributed' as {{ column }},
        {%- endfor %}
        cast(null as {{ dbt.type_string() }}) as campaign_name,
        cast(1 as {{ type_double() }}) as credit_share,
        cast({{ round_double('amount', 2) }} as {{ dbt.type_numeric() }}) as credit_amount,
        amount as opportunity_amount,
        cast(null as {{ dbt.type_int() }}) as touch_number,
        0 as touch_count,
        cast(null as {{ dbt.type_int() }}) as days_before_journey_end,
        true as is_unattributed,
        cast(null as {{ dbt.type_boolean() }}) as is_contact_role_touch,
        is_won as is_opportunity_won,
        is_closed as is_opportunity_closed,
        cast(null as date) as touch_date,
        created_date as opportunity_created_date,
        closed_date as opportunity_closed_date,
        cast(null as {{ dbt.type_timestamp() }}) as touch_at
    from untouched_opportunities
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

credit_rows as (

    select * from credited_touches
    union all
    select * from unattributed

),

final as (

    select
        -- ids
        cast(credit_rows.opportunity_id as {{ dbt.type_string() }}) as opportunity_id,
        cast(credit_rows.touch_id as {{ dbt.type_string() }}) as touch_id,
        cast(credit_rows.decision_unit_id as {{ dbt.type_string() }}) as decision_unit_id,
        cast(credit_rows.contact_id as {{ dbt.type_string() }}) as contact_id,
        cast(credit_rows.campaign_id as {{ dbt.type_string() }}) as campaign_id,

        -- strings
        cast(credit_rows.attribution_model as {{ dbt.type_string() }}) as attribution_model,
        {%- for column in touch_labels + ['campaign_name'] %}
        cast(credit_rows.{{ column }} as {{ dbt.type_string() }}) as {{ column }},
        {%- endfor %}

        -- numerics
        cast(credit_rows.credit_share as {{ type_double() }}) as credit_share,
        cast(credit_rows.credit_amount as {{ dbt.type_numeric() }}) as credit_amount,
        cast(credit_rows.opportunity_amount as {{ dbt.type_numeric() }}) as opportunity_amount,
        cast(credit_rows.touch_number as {{ dbt.type_int() }}) as touch_number,
        cast(credit_rows.touch_count as {{ dbt.type_int() }}) as touch_count,
        cast(credit_rows.days_before_journey_end as {{ dbt.type_int() }}) as days_before_journey_end,

        -- booleans
        cast(credit_rows.is_unattributed as {{ dbt.type_boolean() }}) as is_unattributed,
        cast(credit_rows.is_contact_role_touch as {{ dbt.type_boolean() }}) as is_contact_role_touch,
        cast(credit_rows.is_opportunity_won as {{ dbt.type_boolean() }}) as is_opportunity_won,
        cast(credit_rows.is_opportunity_closed as {{ dbt.type_boolean() }}) as is_opportunity_closed,

        -- dates
        cast(credit_rows.touch_date as date) as touch_date,
        cast(credit_rows.opportunity_created_date as date) as opportunity_created_date,
        cast(credit_rows.opportunity_closed_date as date) as opportunity_closed_date,

        -- timestamps
        cast(credit_rows.touch_at as {{ dbt.type_timestamp() }}) as touch_at

    from credit_rows

)

select * from final
