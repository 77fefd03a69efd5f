{#
    Every raw table with its base model (models/staging/<source>/base/, the checked rows), its staging
    model, the SQL of its key as text, and whether it carries Salesforce's is_deleted flag. The quality
    models (raw_quarantine, raw_reconciliation) read this list; a test checks it names every source table.
#}
{% macro checked_raw_tables() %}
    {%- set crm = [
        ('account', 'accounts', true),
        ('contact', 'contacts', true),
        ('lead', 'leads', true),
        ('lead_history', 'lead_history_entries', false),
        ('opportunity', 'opportunities', true),
        ('opportunity_contact_role', 'opportunity_contact_roles', true),
        ('opportunity_history', 'opportunity_history_entries', true),
        ('campaign', 'campaigns', true),
        ('campaign_member', 'campaign_members', true),
        ('task', 'tasks', true),
        ('event', 'events', true),
        ('user', 'users', false),
    ] -%}
    {%- set tables = [] -%}
    {%- for table, entity, has_deleted_flag in crm -%}
        {%- do tables.append({
            'source_table': 'crm.' ~ table, 'base': 'base_crm__' ~ entity, 'staging': 'stg_crm__' ~ entity,
            'key': 'id', 'has_deleted_flag': has_deleted_flag,
        }) -%}
    {%- endfor -%}
    {%- do tables.append({
        'source_table': 'marketing.activity', 'base': 'base_marketing__activities',
        'staging': 'stg_marketing__activities', 'key': 'id', 'has_deleted_flag': false,
    }) -%}
    {%- do tables.append({
        'source_table': 'intent.topic_score', 'base': 'base_intent__topic_scores',
        'staging': 'stg_intent__topic_scores',
        'key': dbt.concat([
            'domain', "'|'", 'cast(week_start_date as ' ~ dbt.type_string() ~ ')', "'|'", 'topic'
        ]),
        'has_deleted_flag': false,
    }) -%}
    {%- do tables.append({
        'source_table': 'contracts.contract', 'base': 'base_contracts__contracts',
        'staging': 'stg_contracts__contracts', 'key': 'id', 'has_deleted_flag': false,
    }) -%}
    {{ return(tables) }}
{% endmacro %}
