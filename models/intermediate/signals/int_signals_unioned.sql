{#
    Every signal of every source in one shape (the per-source int_signals__* models), plus the three texts
    the signal taxonomy matches: the URL without its query string, the asset name and the subject, lower-cased
    (macros signal_match_url and signal_match_text). int_signal_types_classified classifies each distinct
    combination once; int_signals_classified joins the result back.
#}

with

{% set source_models = [
    'int_signals__marketing_activities',
    'int_signals__campaign_responses',
    'int_signals__sales_activities',
    'int_signals__stage_changes',
    'int_signals__intent_surges',
    'int_signals__contract_events',
] -%}

{%- for source_model in source_models %}
{{ source_model | replace('int_signals__', '') }} as (

    select * from {{ ref(source_model) }}

),

{% endfor -%}

unioned as (

    {%- for source_model in source_models %}
    select
        signal_id,
        source_record_id,
        contact_id,
        lead_id,
        account_id,
        opportunity_id,
        campaign_id,
        source_system,
        signal_type,
        channel,
        url,
        asset_name,
        subject,
        topic,
        weight_multiplier,
        signal_at
    from {{ source_model | replace('int_signals__', '') }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

final as (

    select
        -- ids
        signal_id,
        source_record_id,
        contact_id,
        lead_id,
        account_id,
        opportunity_id,
        campaign_id,

        -- strings
        source_system,
        -- a blank type is no type, so '' never stands for a value in the null-safe classification join
        nullif(signal_type, '') as signal_type,
        channel,
        url,
        asset_name,
        subject,
        topic,
        {{ signal_match_url('url') }} as match_url,
        {{ signal_match_text('asset_name') }} as match_asset_name,
        {{ signal_match_text('subject') }} as match_subject,

        -- numerics
        weight_multiplier,

        -- timestamps
        signal_at

    from unioned

)

select * from final
