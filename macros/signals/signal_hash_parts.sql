{#
    The parts of a row hash: each column cast to text, nulls as '~', separated by '|', so that
    ('a', null) and (null, 'a') hash differently. For dbt.concat(...) inside dbt.hash(...).
#}
{% macro signal_hash_parts(columns, relation_alias) %}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append(
            "coalesce(cast(" ~ relation_alias ~ "." ~ column ~ " as " ~ dbt.type_string() ~ "), '~')"
        ) -%}
        {%- if not loop.last -%}{%- do parts.append("'|'") -%}{%- endif -%}
    {%- endfor -%}
    {{ return(parts) }}
{% endmacro %}
