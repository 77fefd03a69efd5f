{#
    Every touch of an opportunity with its credit under every attribution model but the data-driven one
    (int_attribution_data_driven_credits credits the touch's Markov state, which this table carries with
    the touch's number in it) side by side (DOMAIN.md §9): <model>_share from
    int_attribution_touch_shares and <model>_credit_amount, the share of the opportunity's amount rounded to
    cents, the residue on the touch with the largest share (macros/attribution/credit_amounts.sql). Carries
    what the attribution_credit mart shows of the touch and the opportunity; the mart unpivots it to one row
    per model.

    How, at 6M touches: the per-opportunity figures are group-bys over narrow rows (shares and rounded
    amounts), joined to the wide touch rows once, at the end (windows over the wide rows sort them all).

    Incremental by opportunity: a daily run deletes the credits of the opportunities
    int_attribution_changes lists (pre-hook) and computes them again. A new fit of the data-driven model
    does not touch this table.
#}

-- depends_on: {{ ref('int_attribution_changes') }}
{{ config(**recomputed_from_log(
    'int_attribution_changes', 'opportunity_id', ['opportunity_id', 'touch_id']
)) }}
{%- set recomputed = '' %}
{%- if is_incremental() %}
{%- set recomputed = ' where opportunity_id in (select changes.opportunity_id from '
    ~ ref('int_attribution_changes') ~ ' as changes)' %}
{%- endif %}

{%- set models = attribution_models() | reject('equalto', 'data_driven') | list %}

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

{{ credit_residue_ctes(models, '(select * from ' ~ ref('int_attribution_touch_shares') ~ recomputed ~ ')') }},

touches_credited as (

    select
        touches.*,
        touch_shares.markov_state,
        touch_shares.markov_state_touch_number,
        touch_shares.markov_state_touch_count,
        {%- for model_name in models %}
        touch_shares.{{ model_name }}_share,
        {{ credit_amount(model_name) }} as {{ model_name }}_credit_amount,
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
        markov_state,

        -- numerics
        {%- for model_name in models %}
        {{ model_name }}_share,
        {{ model_name }}_credit_amount,
        {%- endfor %}
        opportunity_amount,
        touch_number,
        touch_count,
        markov_state_touch_number,
        markov_state_touch_count,

        -- booleans
        is_contact_role_touch,
        is_opportunity_won,
        is_opportunity_closed,

        -- dates
        touch_date,
        opportunity_created_date,
        opportunity_closed_date,
        journey_closed_date,

        -- timestamps
        touch_at

    from touches_credited

)

select * from final
