{#
    One row per distinct (title, department) pair of contacts and leads, with the decision layer the role
    taxonomy gives it (seeds/_seeds.yml, DOMAIN.md §3). Each distinct text is read once (macro
    role_match_texts: punctuation, abbreviations, credentials), then matched against every taxonomy row;
    a row whose exclusion also matches (role_taxonomy_exclusions) does not apply to that text. A million
    contacts share a few thousand pairs, so the work runs on the pairs only; a table because every people
    model reads it.
    Long because: the matching is one pass over the distinct title pairs
    (texts, matches, exclusions, the best match), each step a CTE over the previous; storing any step would
    write the pairs x taxonomy matches aside.
#}

with

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

leads as (

    select * from {{ ref('stg_crm__leads') }}

),

role_taxonomy as (

    select * from {{ ref('role_taxonomy') }}

),

role_taxonomy_exclusions as (

    select * from {{ ref('role_taxonomy_exclusions') }}

),

decision_layers as (

    select * from {{ ref('decision_layers') }}

),

title_pairs as (

    -- union (not union all) keeps each pair once; nulls compare as equal here, so a null title or
    -- department is a pair like any other
    select
        title,
        department
    from contacts

    union

    -- leads carry no department
    select
        title,
        cast(null as {{ dbt.type_string() }}) as department
    from leads

),

role_texts as (

    -- every distinct text a pattern is matched against, titles and departments alike
    select title as role_text
    from title_pairs
    where title is not null

    union

    select department as role_text
    from title_pairs
    where department is not null

),

match_texts as (

    {{ role_match_texts('role_texts', 'role_text') }}

),

text_matches as (

    -- every taxonomy row each text matches (as a title or as a department: the pair decides which)
    select
        match_texts.role_text,
        role_taxonomy.match_field,
        role_taxonomy.pattern,
        role_taxonomy.priority,
        role_taxonomy.decision_layer
    from match_texts
    inner join role_taxonomy
        on match_texts.match_text like role_taxonomy.pattern

),

excluded_matches as (

    -- the rows whose exclusion the same text matches: they do not apply to it
    select distinct
        match_texts.role_text,
        role_taxonomy_exclusions.priority
    from match_texts
    inner join role_taxonomy_exclusions
        on match_texts.match_text like role_taxonomy_exclusions.pattern

),

applicable_matches as (

    select text_matches.*
    from text_matches
    left join excluded_matches
        on
            text_matches.role_text = excluded_matches.role_text
            and text_matches.priority = excluded_matches.priority
    where excluded_matches.priority is null

),

candidate_matches as (

    -- every applicable row of the pair; a pair that matches none keeps one row with null row columns
    select
        title_pairs.title,
        title_pairs.department,
        applicable_matches.match_field,
        applicable_matches.pattern,
        applicable_matches.priority,
        applicable_matches.decision_layer,
        row_number() over (
            partition by title_pairs.title, title_pairs.department
            -- title patterns are tried before department patterns, then the lowest priority wins
            order by
                case when applicable_matches.match_field = 'title' then 0 else 1 end,
                applicable_matches.priority
        ) as match_rank
    from title_pairs
    left join applicable_matches
        on
            (
                applicable_matches.match_field = 'title'
                and title_pairs.title = applicable_matches.role_text
            )
            or (
                applicable_matches.match_field = 'department'
                and title_pairs.department = applicable_matches.role_text
            )

),

best_matches as (

    select
        title,
        department,
        match_field,
        pattern,
        priority,
        coalesce(decision_layer, 'unclassified') as decision_layer
    from candidate_matches
    where match_rank = 1

),

final as (

    select
        -- strings
        best_matches.title,
        best_matches.department,
        trim(title_texts.match_text) as title_match_text,
        best_matches.decision_layer,
        coalesce(decision_layers.authority_tier, 'unknown') as authority_tier,
        best_matches.match_field as matched_field,
        best_matches.pattern as matched_pattern,

        -- numerics
        best_matches.priority as matched_priority,
        decision_layers.layer_order,

        -- booleans
        best_matches.decision_layer = 'unclassified' as is_unclassified,
        best_matches.priority is null as is_unmatched,
        coalesce(title_texts.has_unread_words, false) as has_unread_title_words

    from best_matches
    left join decision_layers
        on best_matches.decision_layer = decision_layers.decision_layer
    left join match_texts as title_texts
        on best_matches.title = title_texts.role_text

)

select * from final
