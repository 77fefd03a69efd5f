{#
    The data-driven model's Markov chain (DOMAIN.md §9), squaring model 3 of 3: int_attribution_markov__
    squared_2 squared k more times, k being this model's part of the var attribution_markov_squarings (4 of
    12; macro attribution_markov_squarings): P^(2^attribution_markov_squarings) of the transition matrices,
    P^4096 by default, from which int_attribution_removal_effects reads where (start) ends. One row per
    scenario, from_state and to_state. Entries below the var attribution_markov_probability_floor are
    dropped (macro markov_matrix_squarings).
#}

{{ markov_squaring_model(ref('int_attribution_markov__squared_2'), model=3) }}
