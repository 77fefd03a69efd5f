{#
    A raw delivery as the raw contract describes it (models/staging/<source>/_<source>__sources.yml), whatever
    the delivery looks like: the contract's columns, in order, as select expressions over the columns the
    delivery has (`present`: a list of (name, data type) pairs, from a file or a warehouse table).
      - A contract column is found under its own name or, for the account custom fields, under the org's
        name (var account_custom_fields); case and underscores do not matter (Id, ID, account_id, AccountId,
        Facility_Type__c all match), an exact spelling wins over another one.
      - A column the delivery does not have is read as a typed null (the way Fivetran's packages fill
        staging columns); a required one (config.meta.required in the sources YAML: the keys) is listed
        in missing_required instead, for the caller to stop on.
      - Timestamps are turned into UTC (macro raw_timestamp_as_utc, var raw_time_zones).
      - Fivetran's soft-delete flag `_fivetran_deleted` is passed through (null when absent): the base
        models count it as deleted, like is_deleted. Every other extra column is left out.
    Returns {'columns': [sql, ...], 'absent': [contract names read as null], 'missing_required': [...],
    'renamed': {contract name: delivered name, where they differ}}.
#}
{% macro raw_conformed_columns(node, present) %}
    {%- set aliases = raw_column_aliases(node) -%}
    {%- set exact, by_key = {}, {} -%}
    {%- for name, data_type in present -%}
        {%- do exact.update({name: (name, data_type)}) -%}
        {%- do by_key.setdefault(raw_column_key(name), (name, data_type)) -%}
    {%- endfor -%}
    {%- set result = {'columns': [], 'absent': [], 'missing_required': [], 'renamed': {}} -%}
    {%- set wanted = [] -%}
    {%- for column in node.columns.values() -%}
        {%- do wanted.append((column.name, column.data_type, raw_column_is_required(column))) -%}
    {%- endfor -%}
    {%- do wanted.append((fivetran_deleted_column(), 'bool', false)) -%}
    {%- for name, contract_type, required in wanted -%}
        {%- set delivered_name = aliases.get(name, name) -%}
        {%- set found = exact.get(delivered_name) or by_key.get(raw_column_key(delivered_name)) -%}
        {%- if found -%}
            {%- set expression = adapter.quote(found[0]) -%}
            {%- if contract_type == 'timestamp[us]' -%}
                {%- set expression = raw_timestamp_as_utc(expression, found[1], raw_time_zone(node)) -%}
            {%- endif -%}
            {%- do result.columns.append(expression ~ ' as ' ~ adapter.quote(name)) -%}
            {%- if found[0] != name -%}{%- do result.renamed.update({name: found[0]}) -%}{%- endif -%}
        {%- else -%}
            {%- do result.columns.append(
                'cast(null as ' ~ raw_column_type(contract_type) ~ ') as ' ~ adapter.quote(name)
            ) -%}
            {%- if required -%}
                {%- do result.missing_required.append(name) -%}
            {%- elif name != fivetran_deleted_column() -%}
                {%- do result.absent.append(name) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(result) }}
{% endmacro %}


{# Fivetran's soft-delete flag: true when the record was deleted in the source system. #}
{% macro fivetran_deleted_column() %}
    {{ return('_fivetran_deleted') }}
{% endmacro %}


{# How column names are compared: lower case, underscores dropped (AccountId = account_id = ACCOUNT_ID). #}
{% macro raw_column_key(name) %}
    {{ return(name | lower | replace('_', '')) }}
{% endmacro %}


{% macro raw_column_is_required(column) %}
    {{ return(((column.config or {}).get('meta') or column.meta or {}).get('required', false)) }}
{% endmacro %}


{% macro raw_table_is_required(node) %}
    {{ return(((node.config or {}).get('meta') or node.meta or {}).get('required', false)) }}
{% endmacro %}


{#
    Contract column -> the org's column name, where they may differ: the account custom fields (var
    account_custom_fields; a key it does not name keeps the contract's name). An unknown key stops the run.
#}
{% macro raw_column_aliases(node) %}
    {%- if node.source_name ~ '.' ~ node.name != 'crm.account' -%}
        {{ return({}) }}
    {%- endif -%}
    {%- set custom = var('account_custom_fields') or {} -%}
    {%- set unknown = [] -%}
    {%- for key in custom if key not in node.columns -%}
        {%- do unknown.append(key) -%}
    {%- endfor -%}
    {%- if unknown -%}
        {%- do exceptions.raise_compiler_error(
            "var account_custom_fields names " ~ unknown | join(', ') ~ ", not a column of crm.account; its keys"
            ~ " are the raw contract's names (facility_type_c, bed_count_c, gpo_c, fiscal_year_start_month_c,"
            ~ " is_independent_decider_c) and its values the org's column names."
        ) -%}
    {%- endif -%}
    {{ return(custom) }}
{% endmacro %}


{# The time zone of a source's timestamps delivered without an offset (var raw_time_zones; UTC by default). #}
{% macro raw_time_zone(node) %}
    {{ return((var('raw_time_zones') or {}).get(node.source_name) or 'UTC') }}
{% endmacro %}
