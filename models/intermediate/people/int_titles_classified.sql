{#
    One row per distinct (title, department) pair of contacts and leads, with the decision layer the role
    taxonomy gives it (seeds/_seeds.yml, DOMAIN.md §3). A million contacts share a few hundred pairs, so the
    pattern matching runs on the pairs only; a table because every people model reads it.
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

match_texts as (

    select
        title,
        department,
        {{ role_match_text('title') }} as title_match_text,
        {{ role_match_text('department') }} as department_match_text
    from title_pairs

),

candidate_matches as (

    -- every pattern the pair matches; a pair that matches none keeps one row with null pattern columns
    select
        match_texts.title,
        match_texts.department,
        role_taxonomy.match_field,
        role_taxonomy.pattern,
        role_taxonomy.priority,
        role_taxonomy.decision_layer,
        row_number() over (
            partition by match_texts.title, match_texts.department
            -- title patterns are tried before department patterns, then the lowest priority wins
            order by
                case when role_taxonomy.match_field = 'title' then 0 else 1 end,
                role_taxonomy.priority
        ) as match_rank
    from match_texts
    left join role_taxonomy
        on
            (
                role_taxonomy.match_field = 'title'
                and match_texts.title_match_text like role_taxonomy.pattern
            )
            or (
                role_taxonomy.match_field = 'department'
                and match_texts.department_match_text like role_taxonomy.pattern
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
        best_matches.decision_layer,
        coalesce(decision_layers.authority_tier, 'unknown') as authority_tier,
        best_matches.match_field as matched_field,
        best_matches.pattern as matched_pattern,

        -- numerics
        best_matches.priority as matched_priority,
        decision_layers.layer_order,

        -- booleans
        best_matches.decision_layer = 'unclassified' as is_unclassified

    from best_matches
    left join decision_layers
        on best_matches.decision_layer = decision_layers.decision_layer

)

select * from final
