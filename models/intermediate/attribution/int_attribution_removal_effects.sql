{#
    The data-driven attribution model (DOMAIN.md §9): a first-order Markov chain over the journeys of
    int_attribution_journeys, and each state's removal effect: how much less often a journey converts when
    that state is removed (every move into it goes nowhere instead). One row per state (channel or signal
    type).

    The chain's transition matrices, one per scenario (nothing removed, then each state removed), are
    int_attribution_markov__transitions, with (conversion) and (null) absorbing. The probability of ending in
    (conversion) is read from a high power of them: int_attribution_markov__squared_1 to _3 square them
    attribution_markov_squarings times in all, which walks 2^n steps, in plain joins and sums that run on any
    warehouse (no recursion, no linear-algebra library). This model reads the last power's row of (start):
    what has not been absorbed after those steps is unabsorbed_probability; a test keeps it negligible.
#}

with

journeys as (

    select * from {{ ref('int_attribution_journeys') }}

),

last_power as (

    select * from {{ ref('int_attribution_markov__squared_3') }}

),

states as (

    select
        state,
        count(distinct journey_id) as journey_count,
        count(distinct case when is_converted then journey_id end) as converting_journey_count
    from journeys
    group by state

),

outcomes as (

    select
        removed_state,
        sum(case when to_state = '(conversion)' then probability else 0 end) as conversion_probability,
        1 - sum(case when to_state in ('(conversion)', '(null)') then probability else 0 end)
            as unabsorbed_probability
    from last_power
    where from_state = '(start)'
    group by removed_state

),

removal_effects as (

    select
        states.state,
        states.journey_count,
        states.converting_journey_count,
        baseline.conversion_probability,
        without_state.conversion_probability as conversion_probability_without,
        1 - without_state.conversion_probability / nullif(baseline.conversion_probability, 0)
            as removal_effect,
        case
            when without_state.unabsorbed_probability > baseline.unabsorbed_probability
                then without_state.unabsorbed_probability
            else baseline.unabsorbed_probability
        end as unabsorbed_probability
    from states
    inner join outcomes as without_state
        on states.state = without_state.removed_state
    cross join outcomes as baseline
    where baseline.removed_state = '(none)'

),

final as (

    select
        -- strings
        state,

        -- numerics
        journey_count,
        converting_journey_count,
        conversion_probability,
        conversion_probability_without,
        removal_effect,
        removal_effect / nullif({{ stable_total('removal_effect', 'state') }}, 0) as removal_effect_share,
        unabsorbed_probability

    from removal_effects

)

select * from final
