{#
    Contract events that are signals, source system contract_system:
      - incumbent_contract_ending: an incumbent vendor's contract (is_ours = false) ends, at its end date;
      - contract_signed: one of our own contracts (is_ours = true) starts, at its start date.
    Only events on or before the as-of day are signals (observed); a contract ending next year is a known
    term, not something that happened (it opens a renewal window: see int_renewal_windows). The as-of day
    is var as_of_date, or else the last day of any other signal (marketing, campaign, sales activity, stage
    change, intent), which is also the last signal_date of the signals mart. Contracts without an end date
    have no ending event. The account is the contract's account, often a member facility; the decision unit
    is found downstream.
#}

with

contracts as (

    select * from {{ ref('stg_contracts__contracts') }}

),

as_of as (

    {% if var('as_of_date') %}
    select cast('{{ var("as_of_date") }}' as date) as as_of_date
    {% else %}
    select max(cast(signal_at as date)) as as_of_date
    from (
        {%- for source_model in [
            'int_signals__marketing_activities',
            'int_signals__campaign_responses',
            'int_signals__sales_activities',
            'int_signals__stage_changes',
            'int_signals__intent_surges',
        ] %}
        select max(signal_at) as signal_at from {{ ref(source_model) }}
        {%- if not loop.last %}
        union all
        {%- endif %}
        {%- endfor %}
    ) as last_signals
    {% endif %}

),

contract_events as (

    select
        contract_id,
        account_id,
        'incumbent_contract_ending' as signal_type,
        end_date as event_date
    from contracts
    where
        not is_ours
        and end_date is not null

    union all

    select
        contract_id,
        account_id,
        'contract_signed' as signal_type,
        start_date as event_date
    from contracts
    where is_ours

),

observed_events as (

    select contract_events.*
    from contract_events
    cross join as_of
    where contract_events.event_date <= as_of.as_of_date

),

final as (

    select
        -- ids
        {{ dbt.concat(["'contract_system:'", "contract_id", "':'", "signal_type"]) }} as signal_id,
        contract_id as source_record_id,
        cast(null as {{ dbt.type_string() }}) as contact_id,
        cast(null as {{ dbt.type_string() }}) as lead_id,
        account_id,
        cast(null as {{ dbt.type_string() }}) as opportunity_id,
        cast(null as {{ dbt.type_string() }}) as campaign_id,

        -- strings
        'contract_system' as source_system,
        signal_type,
        'Contract' as channel,
        cast(null as {{ dbt.type_string() }}) as url,
        cast(null as {{ dbt.type_string() }}) as asset_name,
        cast(null as {{ dbt.type_string() }}) as subject,
        cast(null as {{ dbt.type_string() }}) as topic,

        -- numerics
        cast(1 as {{ dbt.type_numeric() }}) as weight_multiplier,

        -- timestamps
        cast(event_date as {{ dbt.type_timestamp() }}) as signal_at

    from observed_events

)

select * from final
