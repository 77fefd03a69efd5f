{#
    The data-driven model's Markov chain (DOMAIN.md §9), squaring model 2 of 3: int_attribution_markov__
    squared_1 squared k more times, k being this model's part of the var attribution_markov_squarings (4 of
    12; macro attribution_markov_squarings): with the 4 of model 1, P^256 of the transition matrices. One
    row per scenario, from_state and to_state. Entries below the var attribution_markov_probability_floor
    are dropped (macro markov_matrix_squarings).
#}

{{ markov_squaring_model(ref('int_attribution_markov__squared_1'), model=2) }}
