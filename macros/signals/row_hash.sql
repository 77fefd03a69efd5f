{#
    A hash of a row's columns, as text, to tell when a row's content changed. Dispatched:
      - default: dbt.hash (md5) of the columns cast to text, nulls as '~', separated by '|', so that
        ('a', null) and (null, 'a') hash differently. The text is built with one variadic concat(...) call,
        cheaper than a chain of `||` operators. Redshift's concat takes two arguments, so it keeps
        dbt.concat (the `||` chain).
      - DuckDB: its own 64-bit hash() of the typed columns, which hashes each value and combines them in
        order (nulls and column boundaries included), cast to text: several times faster than md5 of the
        text. Two versions of a row collide with a chance of 1 in 2^64.
    A change of the hash function (this one, or DuckDB's between its versions) changes every hash: the next
    incremental run rewrites every signal once, as after a --full-refresh.
#}
{% macro row_hash(columns, relation_alias) %}
    {{ return(adapter.dispatch('row_hash', 'decision_lens')(columns, relation_alias)) }}
{% endmacro %}

{% macro duckdb__row_hash(columns, relation_alias) -%}
    cast(hash(
        {%- for column in columns %}
            {{ relation_alias }}.{{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
        ) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro default__row_hash(columns, relation_alias) %}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append(
            "coalesce(cast(" ~ relation_alias ~ "." ~ column ~ " as " ~ dbt.type_string() ~ "), '~')"
        ) -%}
        {%- if not loop.last -%}{%- do parts.append("'|'") -%}{%- endif -%}
    {%- endfor -%}
    {{ return(dbt.hash(concat_all(parts))) }}
{% endmacro %}

{% macro concat_all(parts) -%}
    {{ return(adapter.dispatch('concat_all', 'decision_lens')(parts)) }}
{%- endmacro %}

{% macro default__concat_all(parts) -%}
    concat({{ parts | join(', ') }})
{%- endmacro %}

{% macro redshift__concat_all(parts) -%}
    {{ dbt.concat(parts) }}
{%- endmacro %}
