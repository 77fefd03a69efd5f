{#
    For every opportunity and every attribution model: the opportunity has credit rows (nothing dropped,
    untouched ones included), credit shares sum to 1 and credit amounts sum to the opportunity's amount to
    the cent. Returns the opportunity x model pairs that break one of the three.
#}

with

opportunities as (

    select * from {{ ref('opportunities') }}

),

attribution_credit as (

    select * from {{ ref('attribution_credit') }}

),

expected as (

    {%- for model_name in attribution_models() %}
    select
        opportunity_id,
        amount,
        '{{ model_name }}' as attribution_model
    from opportunities
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

credited as (

    select
        opportunity_id,
        attribution_model,
        sum(credit_share) as credit_share_total,
        sum(credit_amount) as credit_amount_total
    from attribution_credit
    group by
        opportunity_id,
        attribution_model

),

final as (

    select
        expected.opportunity_id,
        expected.attribution_model,
        expected.amount,
        credited.credit_share_total,
        credited.credit_amount_total
    from expected
    left join credited
        on
            expected.opportunity_id = credited.opportunity_id
            and expected.attribution_model = credited.attribution_model
    where
        credited.opportunity_id is null
        or abs(credited.credit_share_total - 1) > 0.000000001
        or abs(credited.credit_amount_total - expected.amount) > 0.005

)

select * from final
