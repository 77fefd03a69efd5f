{#
    What each kind of signal means: every distinct combination of (source_system, signal_type, match_url,
    match_asset_name, match_subject) in int_signals_unioned, classified once against the signal_taxonomy seed,
    so the large signal table is joined to this small one instead of pattern-matched row by row.

    The matching rule (seeds/_seeds.yml): a taxonomy row matches when its source_system is the signal's, its
    signal_type is the signal's or null (any type of that source), and each of its url, asset and subject
    LIKE patterns is null or matches the lower-cased text. The first match by ascending priority wins; on a
    tie, a row naming the signal type beats a row for any type, then the patterns decide alphabetically (a
    tie is a seed mistake, but the result stays deterministic). No match: signal_class and signal_stage
    'unclassified', weight 0 and a null half-life, kept and reported.

    A table, unlike the other intermediate models: it is small (one row per kind of signal) but reading it
    scans every signal, and every query on int_signals_classified / int_signals_timed would repeat that scan.
#}

with

signals as (

    select * from {{ ref('int_signals_unioned') }}

),

signal_taxonomy as (

    select * from {{ ref('signal_taxonomy') }}

),

taxonomy_rules as (

    -- an empty type or pattern means "any", like a null one (a CSV loader may deliver '' for an empty field)
    select
        source_system,
        nullif(signal_type, '') as signal_type,
        nullif(url_pattern, '') as url_pattern,
        nullif(asset_pattern, '') as asset_pattern,
        nullif(subject_pattern, '') as subject_pattern,
        priority,
        signal_class,
        signal_stage,
        weight,
        half_life_days
    from signal_taxonomy

),

signal_types as (

    select distinct
        source_system,
        signal_type,
        match_url,
        match_asset_name,
        match_subject
    from signals

),

matches as (

    select
        signal_types.source_system,
        signal_types.signal_type,
        signal_types.match_url,
        signal_types.match_asset_name,
        signal_types.match_subject,
        taxonomy_rules.signal_class,
        taxonomy_rules.signal_stage,
        taxonomy_rules.weight,
        taxonomy_rules.half_life_days,
        taxonomy_rules.priority,
        row_number() over (
            partition by
                signal_types.source_system,
                signal_types.signal_type,
                signal_types.match_url,
                signal_types.match_asset_name,
                signal_types.match_subject
            order by
                taxonomy_rules.priority,
                case when taxonomy_rules.signal_type is null then 1 else 0 end,
                coalesce(taxonomy_rules.url_pattern, ''),
                coalesce(taxonomy_rules.asset_pattern, ''),
                coalesce(taxonomy_rules.subject_pattern, '')
        ) as match_rank
    from signal_types
    inner join taxonomy_rules
        on
            signal_types.source_system = taxonomy_rules.source_system
            and (
                taxonomy_rules.signal_type is null
                or signal_types.signal_type = taxonomy_rules.signal_type
            )
            and (
                taxonomy_rules.url_pattern is null
                or signal_types.match_url like taxonomy_rules.url_pattern
            )
            and (
                taxonomy_rules.asset_pattern is null
                or signal_types.match_asset_name like taxonomy_rules.asset_pattern
            )
            and (
                taxonomy_rules.subject_pattern is null
                or signal_types.match_subject like taxonomy_rules.subject_pattern
            )

),

first_matches as (

    select * from matches
    where match_rank = 1

),

final as (

    select
        -- strings
        signal_types.source_system,
        signal_types.signal_type,
        signal_types.match_url,
        signal_types.match_asset_name,
        signal_types.match_subject,
        coalesce(first_matches.signal_class, 'unclassified') as signal_class,
        coalesce(first_matches.signal_stage, 'unclassified') as signal_stage,

        -- numerics
        coalesce(first_matches.weight, 0) as weight,
        first_matches.half_life_days,
        first_matches.priority as taxonomy_priority,

        -- booleans
        first_matches.signal_class is null as is_unclassified

    from signal_types
    left join first_matches
        on
            coalesce(signal_types.signal_type, '') = coalesce(first_matches.signal_type, '')
            and signal_types.source_system = first_matches.source_system
            and coalesce(signal_types.match_url, '') = coalesce(first_matches.match_url, '')
            and coalesce(signal_types.match_asset_name, '') = coalesce(first_matches.match_asset_name, '')
            and coalesce(signal_types.match_subject, '') = coalesce(first_matches.match_subject, '')

)

select * from final
