{#
    Text in Spark SQL literals. A Spark string literal reads backslash escapes, so escaping an apostrophe as
    \' (dbt-spark's escape_single_quotes) is not enough: a backslash in the text (a regular expression in a
    seed, as a unit test's fixture) must be doubled too, or '\b' turns into a backspace and a trailing
    backslash swallows the closing quote. This override of dbt's escape_single_quotes does both.
#}
{% macro spark__escape_single_quotes(expression) -%}
    {{ expression | replace('\\', '\\\\') | replace("'", "\\'") }}
{%- endmacro %}


{#
    Seeds on Spark: dbt-spark's session method pastes each value into the insert as '<value>' without
    escaping, so a seed cell with an apostrophe (Director's ...) breaks the statement and an empty cell
    becomes the text 'None'. This override writes every value as a proper Spark literal instead: null for
    an empty cell, the number as written, text quoted with its backslashes and apostrophes escaped. It is
    used by every Spark connection method (literals need no driver-side binding).
#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set column_types = model['config'].get('column_types', {}) -%}
    {%- set types = [] -%}
    {%- for column_name in agate_table.column_names -%}
        {%- do types.append(column_types.get(column_name, adapter.convert_type(agate_table, loop.index0))) -%}
    {%- endfor -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set rows = [] -%}
        {%- for row in chunk -%}
            {%- set values = [] -%}
            {%- for value in row -%}
                {%- do values.append('cast(' ~ spark_literal(value) ~ ' as ' ~ types[loop.index0] ~ ')') -%}
            {%- endfor -%}
            {%- do rows.append('(' ~ values | join(', ') ~ ')') -%}
        {%- endfor -%}
        {%- set sql = 'insert into ' ~ this.render() ~ ' values ' ~ rows | join(', ') -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- do statements.append(sql) -%}
    {%- endfor -%}
    {{ return(statements[0] if statements else '') }}
{% endmacro %}

{% macro spark_literal(value) %}
    {%- if value is none -%}
        {{ return('null') }}
    {%- elif value is sameas true or value is sameas false -%}
        {{ return(value | string | lower) }}
    {%- elif value is number -%}
        {{ return(value | string) }}
    {%- else -%}
        {{ return("'" ~ dbt.escape_single_quotes(value | string) ~ "'") }}
    {%- endif -%}
{% endmacro %}


{#
    dbt-spark's split_part escapes a delimiter for Spark's regular expressions with the literal '\\'. dbt
    reads a unit test's SQL with sqlparse to put the fixtures in, and sqlparse takes \' inside '\\' for an
    escaped quote: every later quote pairs up wrongly, and the statement is cut at the next ';' in a string
    (the unit tests of int_titles_classified stopped with a syntax error). chr(92) is the same backslash
    without the literal. Part numbers from 1, as this project uses them.
#}
{% macro spark__split_part(string_text, delimiter_text, part_number) %}
    {%- if part_number < 1 -%}
        {{ exceptions.raise_compiler_error('split_part: part numbers start at 1 here, got ' ~ part_number) }}
    {%- endif -%}
    split(
        {{ string_text }},
        case
            when regexp_extract({{ delimiter_text }}, '([^A-Za-z0-9])(.*)', 1) != '_'
                then concat(chr(92), {{ delimiter_text }})
            else {{ delimiter_text }}
        end
    )[{{ part_number - 1 }}]
{% endmacro %}
