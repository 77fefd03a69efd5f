{#
    The signals mart: one row per signal of every source (DOMAIN.md §4-§5) with what it means (class,
    stage, weight, half-life), who sent it (decision layer, authority tier), where it rolls up (account,
    decision unit) and when it fell (fiscal year, budget and renewal windows). No personal data: people are
    ids, and URLs, asset names and subjects stay in the intermediate models.

    Incremental by content: every signal carries signal_row_hash, a hash of all its columns.
    int_signal_changes compares the chain with this table and lists the signals that are new, changed or
    gone; a daily run writes the new and changed ones (unique_key signal_id: a changed one replaces its old
    version, delete+insert) and the post-hook deletes the gone ones. No max(signal_at) watermark: sources
    deliver late rows (a marketing activity from last month arrives in today's file, a task is logged days
    after it happened) whose signal_at is older than any watermark.
#}

-- depends_on: {{ ref('int_signal_changes') }}
{{
    config(
        materialized=incremental_materialization(),
        incremental_strategy=incremental_strategy(),
        unique_key='signal_id',
        on_schema_change='append_new_columns',
        post_hook="{{ delete_gone_signals(this) }}",
    )
}}

with

{% if is_incremental() %}

changed as (

    select * from {{ ref('int_signal_changes') }}
    where change_type <> 'deleted'

),

{% else %}

changed as (

    select * from {{ ref('int_signals_hashed') }}

),

{% endif %}

final as (

    select
        {%- for column in signal_columns() %}
        {{ column }},
        {%- endfor %}
        signal_row_hash
    from changed

)

select * from final
