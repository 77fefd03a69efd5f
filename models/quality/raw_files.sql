{#
    The raw files the last build read, on DuckDB files: one row per file of each raw table, with its size and
    modification time. A daily run of a base model reads it before it is built again (raw_files_to_read) and
    reads only the files that are new since; a file gone or rewritten makes it read its table whole. Built
    after every base model, so a run that fails before them leaves the listing as it was and the next run
    reads the same new files again. Empty on a warehouse, where the base models are rebuilt whole.
#}

-- depends_on: {{ ref('base_contracts__contracts') }}
-- depends_on: {{ ref('base_crm__accounts') }}
-- depends_on: {{ ref('base_crm__campaign_members') }}
-- depends_on: {{ ref('base_crm__campaigns') }}
-- depends_on: {{ ref('base_crm__contacts') }}
-- depends_on: {{ ref('base_crm__events') }}
-- depends_on: {{ ref('base_crm__lead_history_entries') }}
-- depends_on: {{ ref('base_crm__leads') }}
-- depends_on: {{ ref('base_crm__opportunities') }}
-- depends_on: {{ ref('base_crm__opportunity_contact_roles') }}
-- depends_on: {{ ref('base_crm__opportunity_history_entries') }}
-- depends_on: {{ ref('base_crm__tasks') }}
-- depends_on: {{ ref('base_crm__users') }}
-- depends_on: {{ ref('base_intent__topic_scores') }}
-- depends_on: {{ ref('base_marketing__activities') }}

{%- set listings = [] %}
{%- if execute %}
{%- for node in raw_source_nodes() %}
{%- set listing = raw_file_listing(node.source_name, node.name) %}
{%- if listing %}{% do listings.append(listing) %}{% endif %}
{%- endfor %}
{%- endif %}

with

files as (

    {%- for listing in listings %}
    {{ listing }}
    {% if not loop.last %}union all{% endif %}
    {%- else %}
    select
        cast(null as {{ dbt.type_string() }}) as source_name,
        cast(null as {{ dbt.type_string() }}) as table_name,
        cast(null as {{ dbt.type_string() }}) as file_name,
        cast(null as {{ dbt.type_bigint() }}) as size_bytes,
        cast(null as {{ dbt.type_timestamp() }}) as modified_at
    where 1 = 0
    {%- endfor %}

),

final as (

    select
        -- ids
        source_name,
        table_name,
        file_name,

        -- numerics
        size_bytes,

        -- timestamps
        modified_at

    from files

)

select * from final
