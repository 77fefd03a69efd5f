{#
    The data-driven model's Markov chain (DOMAIN.md §9), squaring model 1 of 3: the transition matrices of
    int_attribution_markov__transitions squared k times, k being this model's part of the var
    attribution_markov_squarings (4 of 12; macro attribution_markov_squarings): P^(2^k), the probability of
    being in to_state 2^k steps after from_state. One row per scenario, from_state and to_state. Entries below the var
    attribution_markov_probability_floor are dropped (macro markov_matrix_squarings). A few squarings per
    table keep every query small on every engine (macros/attribution/markov_chain.sql says why).
#}

{{ markov_squaring_model(ref('int_attribution_markov__transitions'), model=1) }}
