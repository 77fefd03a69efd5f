{#
    What a generic data test reads (dbt's get_where_subquery, overridden for this project): the tested
    model, filtered by the test's `where` config as dbt does, and, on a daily run of `dbt build`, by the rows
    that run wrote. A model opts in with config meta tested_on_daily_run: {log: <run log model>, keys:
    {<model column>: <log column>}}: its tests then check the rows whose keys the log lists (what the run
    inserted or replaced). With invocation_column: <column>, the log's rows are the ones whose column names
    this dbt command (invocation_id), as a base model writes it on each row; without a log, the model's own
    such rows. A grain test (unique, unique_combination_of_columns) is filtered the same way only
    when the log's keys are among its columns: the run wrote no row outside those keys, so a duplicate the
    run made has both its rows inside them, and the rest of the table passed before. Other grain tests, and
    every test on a first build, a --full-refresh (int_run_kind) or a `dbt test` of its own, read every row.
#}
{% macro default__get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- set written = rows_written_this_run() -%}
    {%- if not where and not written -%}
        {{ return(relation) }}
    {%- endif -%}
    {%- set filtered -%}
        (
            select * from {{ relation }} as tested
            where ({{ where or '1 = 1' }}) and ({{ written or '1 = 1' }})
        ) dbt_subquery
    {%- endset -%}
    {{ return(filtered) }}
{%- endmacro %}


{#
    The condition (over the tested model, aliased `tested`) that keeps the rows this daily run wrote, or
    none when the test reads every row. A generic test's model is the one it is attached to; a singular
    test names it (tested_model) and reads it with written_rows_this_run.
#}
{% macro rows_written_this_run(tested_model=none) %}
    {%- if not execute or flags.FULL_REFRESH or flags.WHICH != 'build' -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set tested_id = 'model.' ~ project_name ~ '.' ~ tested_model if tested_model else model.attached_node -%}
    {%- if not tested_id -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set tested = graph.nodes.get(tested_id) -%}
    {%- set daily = (tested.config.meta or {}).get('tested_on_daily_run') if tested else none -%}
    {%- if not daily -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set grain = none if tested_model else tested_grain(model.test_metadata) -%}
    {%- if grain is not none and daily['keys'].keys() | reject('in', grain) | list -%}
        {{ return(none) }}
    {%- endif -%}
    {%- if not is_daily_run() -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set this_invocation = "'" ~ invocation_id ~ "'" -%}
    {%- if not daily.log -%}
        {{ return('tested.' ~ daily.invocation_column ~ ' = ' ~ this_invocation) }}
    {%- endif -%}
    {%- set keys = [] -%}
    {%- for column, log_column in daily['keys'].items() -%}
        {%- do keys.append('written.' ~ log_column ~ ' = tested.' ~ column) -%}
    {%- endfor -%}
    {%- if daily.invocation_column -%}
        {%- do keys.append('written.' ~ daily.invocation_column ~ ' = ' ~ this_invocation) -%}
    {%- endif -%}
    {{ return(
        'exists (select 1 as is_written from ' ~ model_relation(daily.log) ~ ' as written where '
        ~ keys | join(' and ') ~ ')'
    ) }}
{% endmacro %}


{# The columns a grain test holds unique, or none for a test of another kind. #}
{% macro tested_grain(test_metadata) %}
    {%- set kwargs = test_metadata.kwargs if test_metadata else {} -%}
    {%- set name = test_metadata.name if test_metadata else none -%}
    {%- if name == 'unique' -%}
        {{ return([kwargs.column_name]) }}
    {%- elif name == 'unique_combination_of_columns' -%}
        {{ return(kwargs.combination_of_columns) }}
    {%- endif -%}
    {{ return(none) }}
{% endmacro %}


{# Whether this run updated the stored incremental tables (int_run_kind, when it was built). #}
{% macro is_daily_run() %}
    {%- set relation = model_relation('int_run_kind') -%}
    {%- if adapter.get_relation(relation.database, relation.schema, relation.identifier) is none -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set found = run_query('select is_daily_run from ' ~ relation) -%}
    {{ return(found.rows | length == 1 and found.columns[0].values()[0] in (true, 1)) }}
{% endmacro %}


{# The relation of one of this project's models, by name, from the graph (no ref: no new dependency). #}
{% macro model_relation(model_name) %}
    {%- set node = graph.nodes['model.' ~ project_name ~ '.' ~ model_name] -%}
    {{ return(api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias)) }}
{% endmacro %}


{#
    What a singular test reads of one of the project's models (tested_model, a name): on a daily run of a
    model with meta tested_on_daily_run, the rows this run wrote, for a check of each row on its own (a row
    the run did not write passed when it was written); else every row. A FROM item with its own alias;
    its ref gives the test its dependency.
#}
{% macro written_rows_this_run(tested_model) %}
    {%- set written = rows_written_this_run(tested_model) -%}
    {%- if not written -%}
        {{ return(ref(tested_model)) }}
    {%- endif -%}
    {%- set filtered -%}
        (select * from {{ ref(tested_model) }} as tested where {{ written }}) as written_rows
    {%- endset -%}
    {{ return(filtered) }}
{% endmacro %}
