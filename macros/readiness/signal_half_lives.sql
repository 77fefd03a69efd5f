{#
    The distinct decay half-lives (days) of the signal_taxonomy seed, read at compile time. The decayed person
    score (int_person_scores) keeps one running sum per half-life, so it needs the list before the SQL is
    written. The seed's table is found through the graph (models that call this declare
    `-- depends_on: {{ ref('signal_taxonomy') }}` so the seed is built first).
      - A unit test has no graph: it must override this macro with the half-lives its rows use,
        `overrides: {macros: {signal_half_lives: [7, 30]}}`, and give the seed as an input (rows: []).
      - Before the seed is loaded (`dbt compile` or lint on an empty database) it returns one placeholder
        half-life (1 day) so the SQL keeps its shape; a run or build stops with an error instead, as a score
        computed without the real half-lives would be wrong.
    A signal whose half-life is not in the seed would be left out of the score: the singular test
    tests/readiness/assert_person_signal_half_lives_in_taxonomy.sql guards against it.
#}
{% macro signal_half_lives() %}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- if 'nodes' not in graph -%}
        {{ exceptions.raise_compiler_error(
            'signal_half_lives() cannot read the seed in a unit test: give the half-lives with '
            ~ '`overrides: {macros: {signal_half_lives: [7, 30]}}`'
        ) }}
    {%- endif -%}
    {%- set seeds = graph.nodes.values()
        | selectattr('resource_type', 'equalto', 'seed')
        | selectattr('name', 'equalto', 'signal_taxonomy')
        | list -%}
    {%- set seed = seeds[0] -%}
    {%- set relation = adapter.get_relation(
        database=seed.database, schema=seed.schema, identifier=seed.alias
    ) -%}
    {%- if relation is none -%}
        {%- if flags.WHICH in ['run', 'build'] -%}
            {{ exceptions.raise_compiler_error(
                'signal_half_lives(): the signal_taxonomy seed is not loaded; run `dbt seed` first'
            ) }}
        {%- endif -%}
        {{ return([1]) }}
    {%- endif -%}
    {%- set result = run_query(
        'select distinct half_life_days from ' ~ relation
        ~ ' where half_life_days is not null order by half_life_days'
    ) -%}
    {{ return(result.columns[0].values() | list) }}
{% endmacro %}
