{#
    How a title or department is read before the role_taxonomy patterns are matched (seeds/_seeds.yml).
    Both macros return a select over `texts`, one row per text, keyed by role_text (the text as given).

    role_clean_texts: clean_text, lower case and trimmed; periods and apostrophes deleted ('R.N.' -> 'rn');
    '&' read as 'and'; other punctuation, tabs and line breaks turned into spaces; one space between words
    ('Dir. of Nursing, L&D' -> 'dir of nursing l and d'). Null stays null.

    role_match_texts: match_text, the clean words each replaced by its expansion in the title_abbreviations
    seed ('mgr' -> 'manager', 'rn' -> 'registered nurse'), a space at each end ('% cfo %' matches whole
    words only). Reads at most var role_title_max_words words; has_unread_words flags a text with more.

    Portable: dbt.replace in a few shallow steps (one deeply nested expression defeats SQL parsers),
    dbt.split_part at literal word positions (Spark needs a literal), one join to the seed, and the words
    put back in order by position with max(case ...), since Spark's ordered string aggregation loses order.
#}
{% macro role_clean_texts(texts, text_column) -%}
    {%- set steps = [
        [[".", ""], ["&", " and "], [",", " "], ["/", " "], ["-", " "]],
        [["(", " "], [")", " "], [":", " "], [";", " "], ["+", " "], ["#", " "], ["*", " "], ["|", " "]],
        [['"', " "], ["  ", " "], ["  ", " "], ["  ", " "], ["  ", " "], ["  ", " "]],
    ] -%}
    {#- the last step halves each run of spaces five times: one space is left of up to 32 -#}
    {%- set query = namespace(
        sql="select " ~ text_column ~ " as role_text, lower(trim(" ~ text_column ~ ")) as clean_text from "
        ~ texts
    ) -%}
    {#- as chr(n): the apostrophe (Spark reads the literal '''' as two empty strings), tab, line breaks -#}
    {%- set characters = [["chr(39)", "''"], ["chr(9)", "' '"], ["chr(10)", "' '"], ["chr(13)", "' '"]] -%}
    {%- for replacements in steps -%}
        {%- set text = namespace(sql="clean_text") -%}
        {%- for old, new in (characters if loop.first else []) -%}
            {%- set text.sql = dbt.replace(text.sql, old, new) -%}
        {%- endfor -%}
        {%- for old, new in replacements -%}
            {%- set text.sql = dbt.replace(text.sql, "'" ~ old ~ "'", "'" ~ new ~ "'") -%}
        {%- endfor -%}
        {%- set query.sql = "select role_text, " ~ text.sql ~ " as clean_text from (" ~ query.sql
            ~ ") as step_" ~ loop.index -%}
    {%- endfor -%}
    select role_text, trim(clean_text) as clean_text from ({{ query.sql }}) as cleaned
{%- endmacro %}


{% macro role_match_texts(texts, text_column) -%}
    {%- set max_words = var('role_title_max_words') -%}
    {#- one position past the words read tells whether there are more -#}
    {%- set positions = range(1, max_words + 2) -%}
    {%- set expanded = [] -%}
    {%- for position in positions if position <= max_words -%}
        {%- do expanded.extend([
            "' '",
            "max(case when words.word_position = " ~ position
            ~ " then coalesce(title_abbreviations.expansion, words.word) end)",
        ]) -%}
    {%- endfor -%}
    select
        words.role_text,
        {{ dbt.concat(expanded + ["' '"]) }} as match_text,
        max(case when words.word_position = {{ max_words + 1 }} then words.word end) <> '' as has_unread_words
    from (
        select
            padded.role_text,
            positions.word_position,
            case positions.word_position
                {%- for position in positions %}
                when {{ position }} then {{ dbt.split_part('padded.padded_text', "' '", position) }}
                {%- endfor %}
            end as word
        from (
            -- padded with a space per position, so every position exists (Spark fails past the end)
            select
                role_text,
                {{ dbt.concat(['clean_text', "'" ~ ' ' * (max_words + 1) ~ "'"]) }} as padded_text
            from ({{ role_clean_texts(texts, text_column) }}) as clean_texts
        ) as padded
        cross join (
            {%- for position in positions %}
            select {{ position }} as word_position
            {%- if not loop.last %} union all{% endif %}
            {%- endfor %}
        ) as positions
    ) as words
    left join {{ ref('title_abbreviations') }} as title_abbreviations
        on words.word = title_abbreviations.abbreviation
    group by words.role_text
{%- endmacro %}
