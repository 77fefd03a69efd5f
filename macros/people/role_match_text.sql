{#
    The text a role_taxonomy pattern is matched against (seeds/_seeds.yml): the value lower-cased and
    trimmed, the punctuation , . / - & ( ) : turned into spaces, and a space added at each end, so a pattern
    such as '% cfo %' matches the abbreviation as a word and never inside another word.
    'VP, Supply-Chain' -> ' vp  supply chain '. Null stays null (and so matches no pattern).
    Built from dbt.replace and dbt.concat only, so it runs on every warehouse.
#}
{% macro role_match_text(expression) -%}
    {%- set text = namespace(sql="lower(trim(" ~ expression ~ "))") -%}
    {%- for character in [",", ".", "/", "-", "&", "(", ")", ":"] -%}
        {%- set text.sql = dbt.replace(text.sql, "'" ~ character ~ "'", "' '") -%}
    {%- endfor -%}
    {{ dbt.concat(["' '", text.sql, "' '"]) }}
{%- endmacro %}
