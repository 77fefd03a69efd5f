{#
    What a signal takes from outside its own source row, one row per fact (context_type, context_id,
    context_value), so that two runs' contexts compare as sets: a fact present in one run and not the other
    names a context that changed.
      - contact / lead: the person's account, decision unit, decision layer and authority tier (hashed);
      - account: its decision unit and fiscal-year start month (hashed), matched to a signal's own account
        and to its decision unit;
      - renewal_end: one row per end of an incumbent contract of a decision unit;
      - campaign: its type, which is a campaign response's channel;
      - rows_written_by: one row per dbt command that wrote rows of a base model the per-row sources read
        (its dbt_invocation_id), so the rows written since the last comparison are those of a command the
        last comparison did not see, whichever command wrote them (a daily run, a selected run).
    int_signal_changes compares the contexts as they are now with int_signal_contexts, the ones the stored
    signals were built with.
#}
{% macro signal_contexts() %}
    {%- set person_columns = ['account_id', 'decision_unit_id', 'decision_layer', 'authority_tier'] -%}
    {%- set person_models = [('contact', 'int_contacts_classified'), ('lead', 'int_leads_classified')] -%}
    {%- for person_type, person_model in person_models %}
    select
        '{{ person_type }}' as context_type,
        persons.{{ person_type }}_id as context_id,
        {{ row_hash(person_columns, 'persons') }} as context_value
    from {{ ref(person_model) }} as persons

    union all
    {% endfor %}

    select
        'account' as context_type,
        accounts.account_id as context_id,
        {{ row_hash(['decision_unit_id', 'fiscal_year_start_month'], 'accounts') }} as context_value
    from {{ ref('int_accounts_rolled_up') }} as accounts

    union all

    select distinct
        'renewal_end' as context_type,
        renewal_windows.decision_unit_id as context_id,
        cast(renewal_windows.contract_end_date as {{ dbt.type_string() }}) as context_value
    from {{ ref('int_renewal_windows') }} as renewal_windows
    where renewal_windows.decision_unit_id is not null

    union all

    select
        'campaign' as context_type,
        campaigns.campaign_id as context_id,
        {{ row_hash(['campaign_type'], 'campaigns') }} as context_value
    from {{ ref('stg_crm__campaigns') }} as campaigns
    {%- for base_models in signal_rows_read_again().values() %}
    {%- for base_model in base_models %}

    union all

    select distinct
        'rows_written_by' as context_type,
        '{{ base_model }}' as context_id,
        dbt_invocation_id as context_value
    from {{ ref(base_model) }}
    {%- endfor %}
    {%- endfor %}
{% endmacro %}


{#-
    The sources whose signals a daily run compares row by row (source_system: the base models of its rows,
    keyed by id): only the rows written since the last comparison, and the rows of changed contexts. Every
    other source is compared whole: it is small, or a signal depends on other rows of its source (a stage
    change on the entry before it), on the as-of day (contract events) or on a domain match (intent).
-#}
{% macro signal_rows_read_again() %}
    {{ return({
        'marketing_automation': ['base_marketing__activities'],
        'crm_campaign': ['base_crm__campaign_members'],
        'crm_activity': ['base_crm__tasks', 'base_crm__events'],
    }) }}
{% endmacro %}
