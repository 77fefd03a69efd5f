{#
    Every touch of an opportunity with its credit under every attribution model side by side (DOMAIN.md §9):
    <model>_share from int_attribution_touch_shares and <model>_credit_amount, the share of the
    opportunity's amount rounded to cents, with the rounding residue on the touch with the largest share
    (the first touch_id among equals), so each model's amounts sum to the amount. Carries what the
    attribution_credit mart shows of the touch and the opportunity; the mart unpivots it to one row per model.

    How, at 6M touches: the per-opportunity figures are group-bys over narrow rows (shares and rounded
    amounts), joined to the wide touch rows once, at the end (windows over the wide rows took 119 s). The
    narrow rows are a derived table in each of the two group-bys, not one CTE: DuckDB materializes a CTE read
    more than once, and writing 6M rows aside took longer than reading the shares twice.

    Incremental by opportunity: a daily run deletes the credits of the opportunities
    int_attribution_reshared lists (pre-hook) and computes them again from their new shares.
#}

-- depends_on: {{ ref('int_attribution_reshared') }}
{{ config(**recomputed_from_log(
    'int_attribution_reshared', 'opportunity_id', ['opportunity_id', 'touch_id']
)) }}
{%- set recomputed = '' %}
{%- if is_incremental() %}
{%- set recomputed = ' where opportunity_id in (select reshared.opportunity_id from '
    ~ ref('int_attribution_reshared') ~ ' as reshared)' %}
{%- endif %}

{%- set models = attribution_models() %}
{%- set rounded_amount = 'cast(' ~ round_double('opportunities.amount * touch_shares.{}_share', 2) ~ ' as '
    ~ dbt.type_numeric() ~ ')' %}
{%- set narrow_columns = [] %}
{%- for model_name in models %}
{%- do narrow_columns.append('touch_shares.' ~ model_name ~ '_share') %}
{%- do narrow_columns.append(rounded_amount.format(model_name) ~ ' as ' ~ model_name ~ '_rounded_amount') %}
{%- endfor %}
{%- set touch_amounts -%}
(
    -- narrow rows: each touch's share and rounded amount under every model
    select
        touch_shares.opportunity_id,
        touch_shares.touch_id,
        {{ narrow_columns | join(',\n        ') }},
        cast({{ round_double('opportunities.amount', 2) }} as {{ dbt.type_numeric() }}) as rounded_opportunity_amount
    from (select * from {{ ref('int_attribution_touch_shares') }}{{ recomputed }}) as touch_shares
    inner join {{ ref('opportunities') }} as opportunities
        on touch_shares.opportunity_id = opportunities.opportunity_id
) as touch_amounts
{%- endset %}

with

touches as (

    select * from {{ ref('int_attribution_touches') }}{{ recomputed }}

),

touch_shares as (

    select * from {{ ref('int_attribution_touch_shares') }}{{ recomputed }}

),

opportunities as (

    select * from {{ ref('opportunities') }}

),

campaigns as (

    select * from {{ ref('stg_crm__campaigns') }}

),

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

    -- each opportunity's residue and the touch that takes it: one join of the touches to the totals
    select
        {%- for model_name in models %}
        min(
            case
                when touch_amounts.{{ model_name }}_share = opportunity_totals.{{ model_name }}_largest_share
                    then touch_amounts.touch_id
            end
        ) as {{ model_name }}_residue_touch_id,
        max(opportunity_totals.{{ model_name }}_residue) as {{ model_name }}_residue,
        {%- endfor %}
        touch_amounts.opportunity_id
    from {{ touch_amounts }}
    inner join opportunity_totals
        on touch_amounts.opportunity_id = opportunity_totals.opportunity_id
    group by touch_amounts.opportunity_id

),

touches_credited as (

    select
        touches.*,
        {%- for model_name in models %}
        touch_shares.{{ model_name }}_share,
        {{ rounded_amount.format(model_name) }} + case
            when touches.touch_id = residue_holders.{{ model_name }}_residue_touch_id
                then residue_holders.{{ model_name }}_residue
            else 0
        end as {{ model_name }}_credit_amount,
        {%- endfor %}
        campaigns.campaign_name,
        opportunities.amount as opportunity_amount,
        opportunities.is_won as is_opportunity_won,
        opportunities.is_closed as is_opportunity_closed,
        opportunities.created_date as opportunity_created_date,
        opportunities.closed_date as opportunity_closed_date
    from touches
    inner join touch_shares
        on
            touches.opportunity_id = touch_shares.opportunity_id
            and touches.touch_id = touch_shares.touch_id
    inner join opportunities
        on touches.opportunity_id = opportunities.opportunity_id
    inner join residue_holders
        on touches.opportunity_id = residue_holders.opportunity_id
    left join campaigns
        on touches.campaign_id = campaigns.campaign_id

),

final as (

    select
        -- ids
        opportunity_id,
        touch_id,
        decision_unit_id,
        contact_id,
        campaign_id,

        -- strings
        team,
        channel,
        signal_stage,
        decision_layer,
        authority_tier,
        touch_positions,
        journey_phase,
        campaign_name,

        -- numerics
        {%- for model_name in models %}
        {{ model_name }}_share,
        {{ model_name }}_credit_amount,
        {%- endfor %}
        opportunity_amount,
        touch_number,
        touch_count,
        days_before_journey_end,

        -- booleans
        is_contact_role_touch,
        is_opportunity_won,
        is_opportunity_closed,

        -- dates
        touch_date,
        opportunity_created_date,
        opportunity_closed_date,

        -- timestamps
        touch_at

    from touches_credited

)

select * from final
