{#
    One row per touch of an opportunity with its share of the opportunity's credit under every attribution
    model (DOMAIN.md §9), <model>_share; each model's shares sum to 1 per opportunity.
      - Position based (var attribution_position_shares: first_touch, last_touch, u_shaped, w_shaped,
        full_path): a touch earns the shares of the positions it holds; a touch that earns none of them
        shares the model's middle share evenly with the others like it. The weights are then scaled to sum
        to 1, so a share whose position no touch holds (closed_won on an open deal) or a middle share with no
        middle touch is spread over the credited touches in proportion.
      - linear: every touch the same.
      - time_decay: 2^(-days before the journey's end / attribution_time_decay_half_life_days).
      - decision_aware: the weight of the touch's authority tier and signal stage in the seed
        attribution_decision_weights.
      - data_driven: the removal effect share of the touch's state (int_attribution_removal_effects), split
        evenly over the opportunity's touches in that state; an opportunity whose states all have no
        removal effect is credited linearly.
    Each touch keeps its Markov state and that state's removal effect share (state_removal_effect_share), so
    a daily run can tell which shares a new fit moves. Incremental by opportunity: a daily run deletes the
    shares of the opportunities int_attribution_reshared lists (pre-hook) and computes them again.
#}

-- depends_on: {{ ref('int_attribution_reshared') }}
{{ config(**recomputed_from_log(
    'int_attribution_reshared', 'opportunity_id', ['opportunity_id', 'touch_id']
)) }}

{%- set position_models = attribution_position_models() %}
{%- set state = attribution_markov_state() %}

with

touches as (

    select * from {{ ref('int_attribution_touches') }}
    {%- if is_incremental() %}
    where opportunity_id in (select reshared.opportunity_id from {{ ref('int_attribution_reshared') }} as reshared)
    {%- endif %}

),

removal_effects as (

    select * from {{ ref('int_attribution_removal_effects') }}

),

decision_weights as (

    select * from {{ ref('attribution_decision_weights') }}

),

touch_weights as (

    select
        touches.opportunity_id,
        touches.touch_id,
        touches.touch_count,
        coalesce(touches.{{ state }}, 'unknown') as markov_state,
        {%- for model_name, shares in position_models.items() %}
        {{ attribution_position_weight(shares) }} as {{ model_name }}_position_weight,
        {%- endfor %}
        power(
            2,
            -cast(touches.days_before_journey_end as {{ type_double() }})
            / {{ var('attribution_time_decay_half_life_days') }}
        ) as time_decay_weight,
        decision_weights.weight as decision_aware_weight,
        coalesce(removal_effects.removal_effect_share, 0) as state_removal_effect_share
    from touches
    left join decision_weights
        on
            touches.authority_tier = decision_weights.authority_tier
            and touches.signal_stage = decision_weights.signal_stage
    left join removal_effects
        on coalesce(touches.{{ state }}, 'unknown') = removal_effects.state

),

touch_counts as (

    select
        touch_weights.*,
        {%- for model_name in position_models %}
        sum(case when {{ model_name }}_position_weight = 0 then 1 else 0 end)
            over (partition by touch_weights.opportunity_id) as {{ model_name }}_middle_count,
        {%- endfor %}
        count(*)
            over (partition by touch_weights.opportunity_id, touch_weights.markov_state)
            as state_touch_count
    from touch_weights

),

raw_weights as (

    select
        opportunity_id,
        touch_id,
        touch_count,
        {%- for model_name, shares in position_models.items() %}
        {{ model_name }}_position_weight + case
            when {{ model_name }}_position_weight = 0
                then cast({{ shares.get('middle', 0) }} as {{ type_double() }})
                    / {{ model_name }}_middle_count
            else 0
        end as {{ model_name }}_weight,
        {%- endfor %}
        cast(1 as {{ type_double() }}) as linear_weight,
        time_decay_weight,
        decision_aware_weight,
        state_removal_effect_share / state_touch_count as data_driven_weight,
        markov_state,
        state_removal_effect_share
    from touch_counts

),

final as (

    select
        -- ids
        opportunity_id,
        touch_id,

        -- strings
        markov_state,

        -- numerics
        state_removal_effect_share,
        {#- totals added up in touch order: a sum of doubles depends on the order of its terms #}
        {%- for model_name in attribution_models() if model_name != 'data_driven' %}
        {{ model_name }}_weight / {{ stable_total(model_name ~ '_weight', 'touch_id', 'opportunity_id') }}
            as {{ model_name }}_share,
        {%- endfor %}
        {%- set data_driven_total = stable_total('data_driven_weight', 'touch_id', 'opportunity_id') %}
        case
            when {{ data_driven_total }} > 0 then data_driven_weight / {{ data_driven_total }}
            else cast(1 as {{ type_double() }}) / touch_count
        end as data_driven_share

    from raw_weights

)

select * from final
