{#
    The data-driven model's Markov chain (DOMAIN.md §9) is solved by squaring its transition matrices: n
    squarings walk 2^n steps. Three things keep that fast on every engine (DECISIONLOG.md, "The Markov
    chain"):
      - The squarings are split over three table models (int_attribution_markov__squared_1 to _3), each
        squaring the table before it a few times in a chain of CTEs. An engine that inlines a CTE at each of
        its uses (Spark does, for a deterministic one) plans a chain of k squarings as 2^k scans of its
        input: 4,096 at 12 squarings in one query, which Spark's planner cannot hold; 16 in each of three.
      - Each squaring is a full outer join (macro markov_matrix_squarings): Postgres estimates a CTE's rows
        without statistics, its estimate of a squaring falls to 1 row after two or three of them, and it
        then joins the next two by nested loop (every row against every row). A full join cannot run as a nested loop, so it is hashed or merged whatever the
        estimate.
      - Entries below the var attribution_markov_probability_floor are dropped before they are multiplied:
        Postgres raises an error where a product of doubles underflows, instead of returning 0.
#}

{# The number of models the squarings are split over (int_attribution_markov__squared_1 to _3). #}
{% macro attribution_markov_squaring_models() %}
    {{ return(3) }}
{% endmacro %}

{#
    The var attribution_markov_squarings (the total, validated), or with `model` (1, 2 or 3) the squarings
    that model does: the total split as evenly as the models allow, the first ones taking the remainder
    (12: 4, 4 and 4; 13: 5, 4 and 4).
#}
{% macro attribution_markov_squarings(model=none) %}
    {%- set total = var('attribution_markov_squarings') -%}
    {%- if total is not number or total is sameas true or total is sameas false
        or total != total | int or total < 0 -%}
        {{ exceptions.raise_compiler_error(
            "var attribution_markov_squarings must be a whole number of at least 0, not '" ~ total ~ "'"
        ) }}
    {%- endif -%}
    {%- set total = total | int -%}
    {%- if model is none -%}
        {{ return(total) }}
    {%- endif -%}
    {%- set models = attribution_markov_squaring_models() -%}
    {{ return(total // models + (1 if model <= total % models else 0)) }}
{% endmacro %}

{#
    The var attribution_markov_probability_floor, validated: a transition-matrix entry below it is dropped
    before it is multiplied. Postgres raises an error where a product of doubles underflows (instead of
    returning 0); entries of at least 1e-100 multiply to at least 1e-200, well inside a double's range. What
    is dropped is not absorbed, so a floor that drops mass that matters shows in unabsorbed_probability
    (int_attribution_removal_effects), which a test keeps below a millionth.
#}
{% macro attribution_markov_probability_floor() %}
    {%- set floor = var('attribution_markov_probability_floor') -%}
    {%- if floor is not number or floor is sameas true or floor is sameas false or floor < 0 or floor >= 1 -%}
        {{ exceptions.raise_compiler_error(
            "var attribution_markov_probability_floor must be a number from 0 up to (not including) 1, "
            ~ "e.g. 1.0e-100, not '" ~ floor ~ "'"
        ) }}
    {%- endif -%}
    {{ return(floor) }}
{% endmacro %}

{#
    CTEs matrix_power_0 to matrix_power_<squarings> (each followed by a comma, so the model goes on with its
    next CTE): matrix_power_0 is `relation` (columns removed_state, from_state, to_state, probability: one
    transition matrix per scenario) without its entries below attribution_markov_probability_floor, and
    each next one the square of the one before it, per scenario, again without the entries below the floor.
    The model reads the last one, matrix_power_<squarings>: `relation` raised to the power 2^squarings.

    The join is a full outer join so that Postgres cannot plan it as a nested loop (see the top of this
    file); it gives the inner join's rows: an entry that meets no entry of the other side (a move to a state
    with no moves out, a move out of (start), which no move enters) forms a group whose sum of products is
    null, and the floor's `having` drops it.
#}
{% macro markov_matrix_squarings(relation, squarings) %}
    {%- set floor = 'cast(' ~ attribution_markov_probability_floor() ~ ' as ' ~ type_double() ~ ')' -%}
matrix_power_0 as (

    select
        removed_state,
        from_state,
        to_state,
        probability
    from {{ relation }}
    where probability >= {{ floor }}

),
{%- for power in range(1, squarings + 1) %}

matrix_power_{{ power }} as (

    select
        left_matrix.removed_state,
        left_matrix.from_state,
        right_matrix.to_state,
        sum(left_matrix.probability * right_matrix.probability) as probability
    from matrix_power_{{ power - 1 }} as left_matrix
    full outer join matrix_power_{{ power - 1 }} as right_matrix
        on
            left_matrix.removed_state = right_matrix.removed_state
            and left_matrix.to_state = right_matrix.from_state
    group by
        left_matrix.removed_state,
        left_matrix.from_state,
        right_matrix.to_state
    having sum(left_matrix.probability * right_matrix.probability) >= {{ floor }}

),
{%- endfor %}
{%- endmacro %}


{#
    The whole query of squaring model `model` (1 to 3): the input matrix (the transitions, or the squaring
    model before) squared this model's part of attribution_markov_squarings times.
#}
{% macro markov_squaring_model(input_relation, model) %}
    {%- set squarings = attribution_markov_squarings(model=model) -%}
with

input_matrix as (

    select * from {{ input_relation }}

),

{{ markov_matrix_squarings('input_matrix', squarings) }}

final as (

    select
        -- strings
        removed_state,
        from_state,
        to_state,

        -- numerics
        probability

    from matrix_power_{{ squarings }}

)

select * from final
{%- endmacro %}
