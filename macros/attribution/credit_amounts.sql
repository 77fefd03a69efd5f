{#
    Credit amounts (DOMAIN.md §9): a share of the opportunity's amount rounded to cents, with the rounding
    residue on the item (a touch, or a Markov state for the data-driven model) with the largest share (the
    first among equals), so each model's amounts sum to the opportunity's amount. Used by
    int_attribution_touches_credited (every model but data_driven, by touch) and
    int_attribution_data_driven_credits (by state).

    credit_residue_ctes renders two CTEs over `shares`, a relation or derived table of (opportunity_id,
    <item>, <model>_share), item being touch_id unless given:
      - opportunity_totals: each opportunity's largest share and rounding residue per model;
      - residue_holders: the item that takes each model's residue, and the residue.
    They are group-bys over narrow rows joined to the opportunities; `shares` is read twice as a derived table,
    not a CTE: DuckDB materializes a CTE read more than once, and writing 6M rows aside costs more than
    reading them twice.

    credit_amount(model) is the credit of a row of `touch_shares` joined to `opportunities` (ref) and
    `residue_holders` on the opportunity.
#}
{% macro credit_residue_ctes(models, shares, item='touch_id') %}
{%- set narrow_columns = [] %}
{%- for model_name in models %}
{%- do narrow_columns.append('touch_shares.' ~ model_name ~ '_share') %}
{%- do narrow_columns.append(rounded_credit_amount(model_name) ~ ' as ' ~ model_name ~ '_rounded_amount') %}
{%- endfor %}
{%- set touch_amounts -%}
(
    -- narrow rows: each touch's share and rounded amount under every model
    select
        touch_shares.opportunity_id,
        touch_shares.{{ item }},
        {{ narrow_columns | join(',\n        ') }},
        cast({{ round_double('opportunities.amount', 2) }} as {{ dbt.type_numeric() }}) as rounded_opportunity_amount
    from {{ shares }} as touch_shares
    inner join {{ ref('opportunities') }} as opportunities
        on touch_shares.opportunity_id = opportunities.opportunity_id
) as touch_amounts
{%- endset -%}
opportunity_totals as (

    -- grouped, not windowed: at 6M touches a window per model sorted every wide touch row
    select
        {%- for model_name in models %}
        max({{ model_name }}_share) as {{ model_name }}_largest_share,
        max(rounded_opportunity_amount) - sum({{ model_name }}_rounded_amount) as {{ model_name }}_residue,
        {%- endfor %}
        opportunity_id
    from {{ touch_amounts }}
    group by opportunity_id

),

residue_holders as (

    -- each opportunity's residue and the item that takes it: one join of the items to the totals
    select
        {%- for model_name in models %}
        min(
            case
                when touch_amounts.{{ model_name }}_share = opportunity_totals.{{ model_name }}_largest_share
                    then touch_amounts.{{ item }}
            end
        ) as {{ model_name }}_residue_holder,
        max(opportunity_totals.{{ model_name }}_residue) as {{ model_name }}_residue,
        {%- endfor %}
        touch_amounts.opportunity_id
    from {{ touch_amounts }}
    inner join opportunity_totals
        on touch_amounts.opportunity_id = opportunity_totals.opportunity_id
    group by touch_amounts.opportunity_id

)
{%- endmacro %}


{% macro rounded_credit_amount(model_name) -%}
    cast({{ round_double('opportunities.amount * touch_shares.' ~ model_name ~ '_share', 2) }}
        as {{ dbt.type_numeric() }})
{%- endmacro %}


{% macro credit_amount(model_name, item='touch_id') -%}
    {{ rounded_credit_amount(model_name) }} + case
            when touch_shares.{{ item }} = residue_holders.{{ model_name }}_residue_holder
                then residue_holders.{{ model_name }}_residue
            else 0
        end
{%- endmacro %}
