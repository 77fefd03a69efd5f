{#
    The opportunities whose data-driven shares and credits (int_attribution_data_driven_credits) a daily run
    computes again: those of int_attribution_changes, whose touches were built again, and those with a touch
    whose state's removal effect share moved since its share was computed (the data-driven model was fitted
    again: a new period began, or late or edited rows changed a journey before the fit day). A move under 1e-12 is the rounding of the chain's sums, not a new fit: at that size
    no share moves in the decimals the credits keep. Empty on a full refresh and on the first build.
#}

-- depends_on: {{ ref('int_attribution_removal_effects') }}

{%- set stored_shares = previous_state('int_attribution_data_driven_credits') %}

with

changes as (

    select * from {{ ref('int_attribution_changes') }}

),

{% if stored_shares is none %}

final as (

    select opportunity_id
    from changes
    where 1 = 0

)

{% else %}

removal_effects as (

    select * from {{ ref('int_attribution_removal_effects') }}

),

refitted_journeys as (

    select shares.opportunity_id
    from {{ stored_shares }} as shares
    left join removal_effects
        on shares.markov_state = removal_effects.state
    where abs(coalesce(removal_effects.removal_effect_share, 0) - shares.state_removal_effect_share) > 1e-12

),

final as (

    select opportunity_id from changes
    union
    select opportunity_id from refitted_journeys

)

{% endif %}

select * from final
