{#
    The data-driven attribution model (DOMAIN.md §9): a first-order Markov chain over the journeys of
    int_attribution_journeys, and each state's removal effect: how much less often a journey converts when
    that state is removed (every move into it goes nowhere instead). One row per state (channel or signal
    type).

    The chain: from (start) to each journey's first state, from each state to the next, from the last state
    to (conversion) or (null); a state's move probabilities are its move counts over its total (repeats in
    a row are already collapsed, and a move to the same state does not change where a journey ends).

    The probability of ending in (conversion) is read from a high power of the transition matrix, with
    (conversion) and (null) absorbing: squaring it attribution_markov_squarings times walks 2^n steps, in
    plain joins and sums that run on any warehouse (no recursion, no linear-algebra library). What has not
    been absorbed after those steps is unabsorbed_probability; a test keeps it negligible. Every scenario
    (nothing removed, then each state removed) is squared side by side.
#}

{%- set squarings = var('attribution_markov_squarings') %}

with

journeys as (

    select * from {{ ref('int_attribution_journeys') }}

),

journey_steps as (

    select
        journey_id,
        state,
        step_number,
        is_converted,
        lead(state) over (partition by journey_id order by step_number) as next_state
    from journeys

),

moves as (

    select
        '(start)' as from_state,
        state as to_state
    from journey_steps
    where step_number = 1

    union all

    select
        state as from_state,
        coalesce(next_state, case when is_converted then '(conversion)' else '(null)' end) as to_state
    from journey_steps

),

move_counts as (

    select
        from_state,
        to_state,
        count(*) as move_count
    from moves
    where from_state != to_state
    group by
        from_state,
        to_state

),

transitions as (

    select
        from_state,
        to_state,
        cast(move_count as {{ type_double() }})
        / sum(move_count) over (partition by from_state) as probability
    from move_counts

),

states as (

    select
        state,
        count(distinct journey_id) as journey_count,
        count(distinct case when is_converted then journey_id end) as converting_journey_count
    from journeys
    group by state

),

scenarios as (

    select '(none)' as removed_state
    union all
    select state as removed_state from states

),

absorbing_states as (

    select '(conversion)' as state
    union all
    select '(null)' as state

),

scenario_moves as (

    select
        scenarios.removed_state,
        transitions.from_state,
        case
            when transitions.to_state = scenarios.removed_state then '(null)' else transitions.to_state
        end as to_state,
        transitions.probability
    from scenarios
    cross join transitions
    where transitions.from_state != scenarios.removed_state

    union all

    select
        scenarios.removed_state,
        absorbing_states.state as from_state,
        absorbing_states.state as to_state,
        cast(1 as {{ type_double() }}) as probability
    from scenarios
    cross join absorbing_states

),

matrix_power_0 as (

    select
        removed_state,
        from_state,
        to_state,
        sum(probability) as probability
    from scenario_moves
    group by
        removed_state,
        from_state,
        to_state

),

{%- for power in range(1, squarings + 1) %}

matrix_power_{{ power }} as (

    select
        left_matrix.removed_state,
        left_matrix.from_state,
        right_matrix.to_state,
        sum(left_matrix.probability * right_matrix.probability) as probability
    from matrix_power_{{ power - 1 }} as left_matrix
    inner join matrix_power_{{ power - 1 }} as right_matrix
        on
            left_matrix.removed_state = right_matrix.removed_state
            and left_matrix.to_state = right_matrix.from_state
    group by
        left_matrix.removed_state,
        left_matrix.from_state,
        right_matrix.to_state

),

{%- endfor %}

outcomes as (

    select
        removed_state,
        sum(case when to_state = '(conversion)' then probability else 0 end) as conversion_probability,
        1 - sum(case when to_state in ('(conversion)', '(null)') then probability else 0 end)
            as unabsorbed_probability
    from matrix_power_{{ squarings }}
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
