{#-
    The signal chain's SQL, one macro per step, each over its input: the views int_signals_unioned,
    int_signals_classified, int_signals_timed and int_signals_hashed are these macros over each other (their
    headers say what each step does), and int_signal_changes runs the same steps over the daily run's scope
    only (signals_unioned(scope): the per-source rows of the scope's source records).
-#}

{% macro signals_unioned(scope=none) %}
    with

    {%- set source_models = signal_source_models() -%}

    {%- for source_model in source_models %}
    {{ source_model | replace('int_signals__', '') }} as (

        select * from {{ ref(source_model) }}
        {%- if scope %} as source_rows
        where
            source_rows.source_system not in ('{{ signal_rows_read_again().keys() | join("', '") }}')
            or source_rows.source_record_id in (select {{ scope }}.scope_key from {{ scope }})
        {%- endif %}

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
{% endmacro %}


{% macro signals_classified(signals) %}
    with

    signals as (

        select * from {{ signals }}

    ),

    signal_types as (

        select * from {{ ref('int_signal_types_classified') }}

    ),

    signal_channels as (

        select * from {{ ref('int_signal_channels') }}

    ),

    contacts as (

        select * from {{ ref('int_contacts_classified') }}

    ),

    leads as (

        select * from {{ ref('int_leads_classified') }}

    ),

    accounts_rolled_up as (

        select * from {{ ref('int_accounts_rolled_up') }}

    ),

    final as (

        select
            -- ids
            signals.signal_id,
            signals.source_record_id,
            signals.contact_id,
            signals.lead_id,
            coalesce(signals.account_id, contacts.account_id, leads.account_id) as account_id,
            coalesce(
                contacts.decision_unit_id,
                leads.decision_unit_id,
                accounts_rolled_up.decision_unit_id
            ) as decision_unit_id,
            signals.opportunity_id,
            signals.campaign_id,

            -- strings
            signals.source_system,
            signals.signal_type,
            signal_types.signal_class,
            signal_types.signal_stage,
            case
                when signals.contact_id is not null or signals.lead_id is not null
                    then coalesce(contacts.decision_layer, leads.decision_layer, 'unclassified')
            end as decision_layer,
            case
                when signals.contact_id is not null or signals.lead_id is not null
                    then coalesce(contacts.authority_tier, leads.authority_tier, 'unknown')
            end as authority_tier,
            signal_channels.channel,
            signals.url,
            signals.asset_name,
            signals.subject,
            signals.topic,

            -- numerics
            signal_types.weight * signals.weight_multiplier as weight,
            signal_types.weight as taxonomy_weight,
            signals.weight_multiplier,
            signal_types.half_life_days,

            -- booleans
            signal_types.is_unclassified,

            -- timestamps
            signals.signal_at

        from signals
        inner join signal_types
            on
                signals.source_system = signal_types.source_system
                and coalesce(signals.signal_type, '') = coalesce(signal_types.signal_type, '')
                and coalesce(signals.match_url, '') = coalesce(signal_types.match_url, '')
                and coalesce(signals.match_asset_name, '') = coalesce(signal_types.match_asset_name, '')
                and coalesce(signals.match_subject, '') = coalesce(signal_types.match_subject, '')
        left join signal_channels
            on coalesce(signals.channel, '') = signal_channels.raw_channel
        left join contacts
            on signals.contact_id = contacts.contact_id
        left join leads
            on signals.lead_id = leads.lead_id
        left join accounts_rolled_up
            on signals.account_id = accounts_rolled_up.account_id

    )

    select * from final
{% endmacro %}


{% macro signals_timed(signals) %}
    with

    signals as (

        select * from {{ signals }}

    ),

    accounts_rolled_up as (

        select * from {{ ref('int_accounts_rolled_up') }}

    ),

    renewal_windows as (

        select * from {{ ref('int_renewal_windows') }}

    ),

    signals_dated as (

        select
            signals.*,
            cast(signals.signal_at as date) as signal_date,
            decision_units.fiscal_year_start_month
        from signals
        left join accounts_rolled_up as decision_units
            on signals.decision_unit_id = decision_units.account_id

    ),

    contract_ends as (

        select distinct
            decision_unit_id,
            contract_end_date
        from renewal_windows
        where decision_unit_id is not null

    ),

    nearest_contract_end_spans as (

        {#- for the days after the unit's previous contract end, up to and including this one, it is nearest #}
        select
            decision_unit_id,
            lag(contract_end_date) over (
                partition by decision_unit_id
                order by contract_end_date
            ) as previous_contract_end_date,
            contract_end_date
        from contract_ends

    ),

    timed as (

        select
            signals_dated.*,
            nearest_contract_end_spans.contract_end_date as incumbent_contract_end_date,
            {{ days_to_next_fiscal_year_start(
                'signals_dated.signal_date', 'signals_dated.fiscal_year_start_month'
            ) }} as days_to_fiscal_year_start,
            {{ dbt.datediff(
                'signals_dated.signal_date', 'nearest_contract_end_spans.contract_end_date', 'day'
            ) }} as days_to_incumbent_contract_end,
            coalesce(
                {{ is_in_budget_window(
                    'signals_dated.signal_date', 'signals_dated.fiscal_year_start_month'
                ) }},
                false
            ) as is_in_budget_window,
            coalesce(
                {{ is_in_renewal_window(
                    'signals_dated.signal_date', 'nearest_contract_end_spans.contract_end_date'
                ) }},
                false
            ) as is_in_renewal_window
        from signals_dated
        left join nearest_contract_end_spans
            on
                signals_dated.decision_unit_id = nearest_contract_end_spans.decision_unit_id
                and signals_dated.signal_date <= nearest_contract_end_spans.contract_end_date
                and (
                    nearest_contract_end_spans.previous_contract_end_date is null
                    or signals_dated.signal_date > nearest_contract_end_spans.previous_contract_end_date
                )

    ),

    final as (

        select
            -- ids
            signal_id,
            source_record_id,
            contact_id,
            lead_id,
            account_id,
            decision_unit_id,
            opportunity_id,
            campaign_id,

            -- strings
            source_system,
            signal_type,
            signal_class,
            signal_stage,
            decision_layer,
            authority_tier,
            channel,
            url,
            asset_name,
            subject,
            topic,
            case when decision_unit_id is null then 'no_decision_unit' end as timing_unknown_reason,

            -- numerics
            weight,
            taxonomy_weight,
            weight_multiplier,
            half_life_days,
            fiscal_year_start_month,
            days_to_fiscal_year_start,
            days_to_incumbent_contract_end,

            -- booleans
            is_unclassified,
            is_in_budget_window,
            is_in_renewal_window,
            is_in_budget_window or is_in_renewal_window as is_in_window,

            -- dates
            signal_date,
            incumbent_contract_end_date,

            -- timestamps
            signal_at

        from timed

    )

    select * from final
{% endmacro %}


{% macro signals_hashed(signals) %}
    with

    signals_timed as (

        select * from {{ signals }}

    ),

    typed as (

        select
            -- ids
            cast(signal_id as {{ dbt.type_string() }}) as signal_id,
            cast(source_record_id as {{ dbt.type_string() }}) as source_record_id,
            cast(contact_id as {{ dbt.type_string() }}) as contact_id,
            cast(lead_id as {{ dbt.type_string() }}) as lead_id,
            cast(account_id as {{ dbt.type_string() }}) as account_id,
            cast(decision_unit_id as {{ dbt.type_string() }}) as decision_unit_id,
            cast(opportunity_id as {{ dbt.type_string() }}) as opportunity_id,
            cast(campaign_id as {{ dbt.type_string() }}) as campaign_id,

            -- strings
            cast(source_system as {{ dbt.type_string() }}) as source_system,
            cast(signal_type as {{ dbt.type_string() }}) as signal_type,
            cast(signal_class as {{ dbt.type_string() }}) as signal_class,
            cast(signal_stage as {{ dbt.type_string() }}) as signal_stage,
            cast(decision_layer as {{ dbt.type_string() }}) as decision_layer,
            cast(authority_tier as {{ dbt.type_string() }}) as authority_tier,
            cast(channel as {{ dbt.type_string() }}) as channel,
            cast(topic as {{ dbt.type_string() }}) as topic,
            cast(timing_unknown_reason as {{ dbt.type_string() }}) as timing_unknown_reason,

            -- numerics
            weight,
            cast(half_life_days as {{ dbt.type_int() }}) as half_life_days,
            cast(days_to_fiscal_year_start as {{ dbt.type_int() }}) as days_to_fiscal_year_start,
            cast(days_to_incumbent_contract_end as {{ dbt.type_int() }}) as days_to_incumbent_contract_end,

            -- booleans
            cast(is_in_budget_window as {{ dbt.type_boolean() }}) as is_in_budget_window,
            cast(is_in_renewal_window as {{ dbt.type_boolean() }}) as is_in_renewal_window,
            cast(is_in_window as {{ dbt.type_boolean() }}) as is_in_window,

            -- dates
            cast(signal_date as date) as signal_date,

            -- timestamps
            cast(signal_at as {{ dbt.type_timestamp() }}) as signal_at

        from signals_timed

    ),

    hashed as (

        select
            typed.*,
            {{ row_hash(signal_columns(), 'typed') }} as signal_row_hash
        from typed

    )

    select * from hashed
{% endmacro %}


{#- The per-source signal models int_signals_unioned unions, in order. -#}
{% macro signal_source_models() %}
    {{ return([
        'int_signals__marketing_activities',
        'int_signals__campaign_responses',
        'int_signals__sales_activities',
        'int_signals__stage_changes',
        'int_signals__intent_surges',
        'int_signals__contract_events',
    ]) }}
{% endmacro %}
