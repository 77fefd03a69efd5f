{#
    Every power of the Markov chain's transition matrices is a transition matrix: in each scenario, the
    probabilities from a state sum to 1, in int_attribution_markov__transitions and in each squaring model
    after it (to within a millionth: what the var attribution_markov_probability_floor drops is far less).
    Returns the model, scenario and from_state of every row that does not.
#}

{%- set matrix_models = ['int_attribution_markov__transitions'] %}
{%- for model in range(1, attribution_markov_squaring_models() + 1) %}
{%- do matrix_models.append('int_attribution_markov__squared_' ~ model) %}
{%- endfor %}

with

row_totals as (

    {%- for matrix_model in matrix_models %}
    select
        '{{ matrix_model }}' as matrix_model,
        removed_state,
        from_state,
        sum(probability) as probability_total
    from {{ ref(matrix_model) }}
    group by
        removed_state,
        from_state
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

final as (

    select
        matrix_model,
        removed_state,
        from_state,
        probability_total
    from row_totals
    where abs(probability_total - 1) > 0.000001

)

select * from final
