{#
    One row per opportunity and Markov state of its touches with the state's data-driven share and credit
    (DOMAIN.md §9): the removal effect share of the state (int_attribution_removal_effects), scaled over the
    opportunity's states to sum to 1; an opportunity none of whose states has a removal effect is credited
    linearly (a state's share is its touches' share of the touches). The credit amount is rounded to cents,
    the residue on the state with the largest share (macros/attribution/credit_amounts.sql).
    attribution_credit splits a state's share and credit evenly over its touches (the touches carry their
    state and their number in it in int_attribution_touches_credited), the odd cents to the first touches.

    Kept apart from the other models' shares and credits (int_attribution_touch_shares and
    _touches_credited) because it moves whenever the chain is fitted again, and a new fit moves every
    opportunity: so this narrow table (one row per state an opportunity's journey passes, a tenth of the
    touches) is computed whole on every run, and the wide tables of touches are recomputed only for the
    opportunities whose journeys changed.
#}

with

touch_shares as (

    select * from {{ ref('int_attribution_touch_shares') }}

),

removal_effects as (

    select * from {{ ref('int_attribution_removal_effects') }}

),

opportunity_states as (

    -- one row per opportunity and state: the state's first touch carries the count of its touches
    select
        touch_shares.opportunity_id,
        touch_shares.markov_state,
        touch_shares.markov_state_touch_count,
        touch_shares.touch_count,
        coalesce(removal_effects.removal_effect_share, 0) as state_removal_effect_share
    from touch_shares
    left join removal_effects
        on touch_shares.markov_state = removal_effects.state
    where touch_shares.markov_state_touch_number = 1

),

state_shares as (

    select
        opportunity_id,
        markov_state,
        markov_state_touch_count,
        state_removal_effect_share,
        {%- set total = stable_total('state_removal_effect_share', 'markov_state', 'opportunity_id') %}
        case
            when {{ total }} > 0 then state_removal_effect_share / {{ total }}
            else cast(markov_state_touch_count as {{ type_double() }}) / touch_count
        end as data_driven_share
    from opportunity_states

),

opportunities as (

    select * from {{ ref('opportunities') }}

),

{{ credit_residue_ctes(['data_driven'], 'state_shares', item='markov_state') }},

final as (

    select
        -- ids
        touch_shares.opportunity_id,

        -- strings
        touch_shares.markov_state,

        -- numerics
        touch_shares.markov_state_touch_count,
        touch_shares.state_removal_effect_share,
        touch_shares.data_driven_share,
        {{ credit_amount('data_driven', item='markov_state') }} as data_driven_credit_amount

    {#- the credit macros read the shares as touch_shares #}
    from state_shares as touch_shares
    inner join opportunities
        on touch_shares.opportunity_id = opportunities.opportunity_id
    inner join residue_holders
        on touch_shares.opportunity_id = residue_holders.opportunity_id

)

select * from final
