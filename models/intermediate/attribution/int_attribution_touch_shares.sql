{#
    One row per touch of an opportunity with its share of the opportunity's credit under every attribution
    model (DOMAIN.md §9), <model>_share; each model's shares sum to 1 per opportunity.
      - Position based (var attribution_position_shares: first_touch, last_touch, u_shaped, w_shaped,
        full_path): a touch earns the shares of the positions it holds; a touch that earns none of them
        shares the model's middle share evenly with the others like it. The weights are then scaled to sum
        to 1, so a share whose position no touch holds (closed_won on an open deal) or a middle share with no
        middle touch is spread over the credited touches in proportion.
      - linear: every touch the same.
      - time_decay: 2^(-days before the journey's end / attribution_time_decay_half_life_days), counted
        from the journey's last touch: the same shares (one factor per journey, scaled away), and an open
        journey's do not move when the as-of day, its end, does.
      - decision_aware: the weight of the touch's authority tier and signal stage in the seed
        attribution_decision_weights.
    Each touch also carries its Markov state (var attribution_markov_state, 'unknown' when the touch has
    none), its number among the opportunity's touches in that state (by touch_id) and their count: the
    data-driven model credits an opportunity's states (int_attribution_data_driven_credits, one narrow row
    per opportunity and state), and attribution_credit splits a state's credit over its touches by these, so
    a new fit of the Markov chain computes the narrow table again, not this one. Incremental by opportunity:
    a daily run deletes the shares of the opportunities int_attribution_changes lists (pre-hook) and
    computes them again.
#}

-- depends_on: {{ ref('int_attribution_changes') }}
{{ config(**recomputed_from_log(
    'int_attribution_changes', 'opportunity_id', ['opportunity_id', 'touch_id']
)) }}

{%- set position_models = attribution_position_models() %}
{%- set state = attribution_markov_state() %}

with

touches as (

    select * from {{ ref('int_attribution_touches') }}
    {%- if is_incremental() %}
    where opportunity_id in (select changes.opportunity_id from {{ ref('int_attribution_changes') }} as changes)
    {%- endif %}

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
            -cast(touches.days_before_last_touch as {{ type_double() }})
            / {{ var('attribution_time_decay_half_life_days') }}
        ) as time_decay_weight,
        decision_weights.weight as decision_aware_weight
    from touches
    left join decision_weights
        on
            touches.authority_tier = decision_weights.authority_tier
            and touches.signal_stage = decision_weights.signal_stage

),

touch_counts as (

    select
        {%- for model_name in position_models %}
        sum(case when {{ model_name }}_position_weight = 0 then 1 else 0 end)
            over (partition by touch_weights.opportunity_id) as {{ model_name }}_middle_count,
        {%- endfor %}
        touch_weights.*
    from touch_weights

),

raw_weights as (

    select
        opportunity_id,
        touch_id,
        touch_count,
        markov_state,
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
        decision_aware_weight
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
        {#- totals added up in touch order: a sum of doubles depends on the order of its terms #}
        {%- for model_name in attribution_models() if model_name != 'data_driven' %}
        {{ model_name }}_weight / {{ stable_total(model_name ~ '_weight', 'touch_id', 'opportunity_id') }}
            as {{ model_name }}_share,
        {%- endfor %}
        row_number() over (partition by opportunity_id, markov_state order by touch_id)
            as markov_state_touch_number,
        count(*) over (partition by opportunity_id, markov_state) as markov_state_touch_count,
        touch_count

    from raw_weights

)

select * from final
