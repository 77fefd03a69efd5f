{#
    Every raw table with its base model (models/staging/<source>/base/, the checked rows), its staging
    model and the SQL of its key as text. The quality models (raw_quarantine, raw_reconciliation) read this
    list; a test checks it names every source table.
#}
{% macro checked_raw_tables() %}
    {%- set crm = [
        ('account', 'accounts'),
        ('contact', 'contacts'),
        ('lead', 'leads'),
        ('lead_history', 'lead_history_entries'),
        ('opportunity', 'opportunities'),
        ('opportunity_contact_role', 'opportunity_contact_roles'),
        ('opportunity_history', 'opportunity_history_entries'),
        ('campaign', 'campaigns'),
        ('campaign_member', 'campaign_members'),
        ('task', 'tasks'),
        ('event', 'events'),
        ('user', 'users'),
    ] -%}
    {%- set tables = [] -%}
    {%- for table, entity in crm -%}
        {%- do tables.append({
            'source_table': 'crm.' ~ table, 'base': 'base_crm__' ~ entity, 'staging': 'stg_crm__' ~ entity,
            'key': 'id',
        }) -%}
    {%- endfor -%}
    {%- do tables.append({
        'source_table': 'marketing.activity', 'base': 'base_marketing__activities',
        'staging': 'stg_marketing__activities', 'key': 'id',
    }) -%}
    {%- do tables.append({
        'source_table': 'intent.topic_score', 'base': 'base_intent__topic_scores',
        'staging': 'stg_intent__topic_scores',
        'key': dbt.concat([
            'domain', "'|'", 'cast(week_start_date as ' ~ dbt.type_string() ~ ')', "'|'", 'topic'
        ]),
    }) -%}
    {%- do tables.append({
        'source_table': 'contracts.contract', 'base': 'base_contracts__contracts',
        'staging': 'stg_contracts__contracts', 'key': 'id',
    }) -%}
    {{ return(tables) }}
{% endmacro %}
