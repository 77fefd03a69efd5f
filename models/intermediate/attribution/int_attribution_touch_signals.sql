{#
    The signals that count as touches for attribution (DOMAIN.md §9): interactions a team produced, in a
    decision unit. A touch comes from a source named in the var attribution_touch_teams, which also says
    which team produced it (marketing or sales); intent surges, stage changes and contract events are
    things that happened to the account, not touches. A signal type the taxonomy weighs 0 (an email send:
    reach, not an interaction) is not a touch; an unclassified one is, so that it stays visible.

    Incremental by touch: a daily run deletes the touches of the signals int_signal_changes lists (pre-hook)
    and inserts those of them that are touches now, from the change log's new versions.
#}

-- depends_on: {{ ref('int_signal_changes') }}
{{
    config(
        materialized=incremental_materialization(),
        incremental_strategy=strategy_after_pre_hook_delete(),
        unique_key='touch_id',
        on_schema_change='fail',
        pre_hook="{{ delete_recomputed_rows(
            this, 'select signal_id as touch_id from ' ~ ref('int_signal_changes'), ['touch_id']
        ) }}",
    )
}}

{%- set touch_teams = var('attribution_touch_teams') %}

with

signals as (

    {%- if is_incremental() %}
    select * from {{ ref('int_signal_changes') }}
    where change_type <> 'deleted'
    {%- else %}
    select * from {{ ref('signals') }}
    {%- endif %}

),

final as (

    select
        -- ids
        signal_id as touch_id,
        contact_id,
        lead_id,
        decision_unit_id,
        opportunity_id,
        campaign_id,

        -- strings
        source_system,
        case source_system
            {%- for source_system, team in touch_teams.items() %}
            when '{{ source_system }}' then '{{ team }}'
            {%- endfor %}
        end as team,
        signal_type,
        signal_class,
        {#- a touch no known person sent (a task logged on the account only) has no layer: unknown #}
        coalesce(signal_stage, 'unclassified') as signal_stage,
        coalesce(decision_layer, 'unclassified') as decision_layer,
        coalesce(authority_tier, 'unknown') as authority_tier,
        channel,

        -- dates
        signal_date as touch_date,

        -- timestamps
        signal_at as touch_at

    from signals
    where
        source_system in ({{ "'" ~ touch_teams.keys() | join("', '") ~ "'" }})
        and decision_unit_id is not null
        and (weight > 0 or signal_class = 'unclassified')

)

select * from final
