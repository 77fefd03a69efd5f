{#
    The data-driven model's Markov chain (DOMAIN.md §9) as transition matrices, one per scenario: nothing
    removed (removed_state '(none)'), then each state removed. One row per scenario, from_state and to_state,
    with the probability of the move: the power 0 that int_attribution_markov__squared_1 to _3 raise.

    The chain, over the journeys of int_attribution_journeys: from (start) to each journey's first state,
    from each state to the next, from the last state to (conversion) or (null); a state's move probabilities
    are its move counts over its total (repeats in a row are already collapsed, and a move to the same state
    does not change where a journey ends). (conversion) and (null) are absorbing: each moves to itself with
    probability 1. Without a state, every move into it goes to (null) instead, and its own moves are gone.
#}

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

scenarios as (

    select '(none)' as removed_state
    union all
    select distinct state as removed_state from journeys

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

scenario_transitions as (

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

final as (

    select
        -- strings
        removed_state,
        from_state,
        to_state,

        -- numerics
        probability

    from scenario_transitions

)

select * from final
