{#
    One row per touch of an opportunity with its data-driven share and credit (DOMAIN.md §9): the removal
    effect share of the touch's Markov state (int_attribution_removal_effects), split evenly over the
    opportunity's touches in that state and scaled to sum to 1 per opportunity; an opportunity none of whose
    states has a removal effect is credited linearly. The credit amount is rounded to cents, the residue on
    the touch with the largest share (macros/attribution/credit_amounts.sql).

    Kept apart from the other models' shares and credits (int_attribution_touch_shares and _touches_credited)
    because it moves whenever the chain is fitted again: then this narrow table is computed again, not the
    wide ones. Each touch keeps its state and that state's removal effect share, so a daily run can tell which
    opportunities a new fit moves. Incremental by opportunity: a daily run deletes the rows of the
    opportunities int_attribution_reshared lists (pre-hook) and computes them again.
#}

-- depends_on: {{ ref('int_attribution_reshared') }}
{{ config(**recomputed_from_log(
    'int_attribution_reshared', 'opportunity_id', ['opportunity_id', 'touch_id']
)) }}

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

touch_states as (

    select
        touches.opportunity_id,
        touches.touch_id,
        touches.touch_count,
        coalesce(touches.{{ state }}, 'unknown') as markov_state,
        coalesce(removal_effects.removal_effect_share, 0) as state_removal_effect_share
    from touches
    left join removal_effects
        on coalesce(touches.{{ state }}, 'unknown') = removal_effects.state

),

touch_weights as (

    select
        *,
        state_removal_effect_share / count(*) over (partition by opportunity_id, markov_state)
            as data_driven_weight
    from touch_states

),

touch_shares as (

    select
        opportunity_id,
        touch_id,
        markov_state,
        state_removal_effect_share,
        {%- set total = stable_total('data_driven_weight', 'touch_id', 'opportunity_id') %}
        case
            when {{ total }} > 0 then data_driven_weight / {{ total }}
            else cast(1 as {{ type_double() }}) / touch_count
        end as data_driven_share
    from touch_weights

),

opportunities as (

    select * from {{ ref('opportunities') }}

),

{{ credit_residue_ctes(['data_driven'], 'touch_shares') }},

final as (

    select
        -- ids
        touch_shares.opportunity_id,
        touch_shares.touch_id,

        -- strings
        touch_shares.markov_state,

        -- numerics
        touch_shares.state_removal_effect_share,
        touch_shares.data_driven_share,
        {{ credit_amount('data_driven') }} as data_driven_credit_amount

    from touch_shares
    inner join opportunities
        on touch_shares.opportunity_id = opportunities.opportunity_id
    inner join residue_holders
        on touch_shares.opportunity_id = residue_holders.opportunity_id

)

select * from final
