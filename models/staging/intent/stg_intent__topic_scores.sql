{{ tested_on_written_base_rows('base_intent__topic_scores', {
    'reported_domain': 'domain', 'week_start_date': 'week_start_date', 'topic': 'topic',
}) }}

with

checked as (

    -- rows that cannot be used are in models/quality/raw_quarantine; identical copies are collapsed
    select * from {{ ref('base_intent__topic_scores') }}
    where
        quarantine_reason is null
        -- deleted at the source (Fivetran's _fivetran_deleted; this table has no is_deleted of its own)
        and not coalesce(is_deleted, false)

),

renamed as (

    select
        -- strings
        domain as reported_domain,
        {{ normalized_web_domain('cast(domain as ' ~ dbt.type_string() ~ ')') }} as web_domain,
        topic,

        -- numerics
        cast(composite_score as {{ dbt.type_int() }}) as composite_score,

        -- dates
        cast(week_start_date as date) as week_start_date

    from checked

),

final as (

    select
        -- ids
        {{ dbt.hash(dbt.concat([
            "web_domain",
            "'|'",
            "cast(week_start_date as " ~ dbt.type_string() ~ ")",
            "'|'",
            "topic",
        ])) }} as topic_score_id,

        -- strings
        reported_domain,
        web_domain,
        topic,

        -- numerics
        composite_score,

        -- dates
        week_start_date

    from renamed

)

select * from final
