-- depends_on: {{ ref('signal_taxonomy') }}
-- depends_on: {{ ref('int_signal_changes') }}

{#
    The generic lens (DOMAIN.md §6): the decayed engagement-plus-intent score of a person (contact or lead)
    right after each of its signals,
        score_after(i) = sum over the person's signals j up to and including i that are at most
                         var score_horizon_days days older than i of
                         weight_j * 2^(-(days from j to i) / half_life_j)
    with days counted between signal dates (signals of one day do not decay against each other; within a day
    signals are ordered by time, then signal_id).

    Exact without a self-join: for one half-life h, 2^(-(t_i - t_j)/h) = 2^(-t_i/h) * 2^(t_j/h), so the sum is
    2^(-t_i/h) times a running sum of weight_j * 2^(t_j/h) over the person's signals of half-life h. The
    half-lives are the seed's (signal_half_lives(), read at compile time), one running sum each. The horizon
    is exact too: the signals older than the horizon are a range frame on the day number (`unbounded
    preceding` to `horizon + 1 preceding`), subtracted from the running sum. Both windows sort by the day
    number first (the running sum by day number, time, signal_id: the same order, as the day follows the
    time), so DuckDB sorts the signals once, not twice.
    t is the day number since the person's first signal, so 2^(t/h) stays small; it overflows a double only
    for a person whose signals span more than about 1,000 times the shortest half-life (19 years at 7 days).

    Incremental by person: a person's scores depend on all of its signals and nothing else (besides the
    half-lives and var score_horizon_days: after changing those, run with --full-refresh). A daily run
    scores again every signal of the persons int_signal_changes names (a signal new, changed or gone, as
    the person is now and as it was); delete+insert by person replaces their rows, and the post-hook
    deletes the rows of signals that are gone or now belong to another person (delete_unscored_signals),
    so a person left with no signal loses its rows.

    Long because: the score is one computation (a running sum per half-life, less the signals past the
    horizon) over one sort of the signals; split, each part would sort them again.
#}
{{
    config(
        materialized=incremental_materialization(),
        incremental_strategy=incremental_strategy(),
        unique_key=['person_type', 'person_id'],
        on_schema_change='fail',
        post_hook="{{ delete_unscored_signals(this) }}",
    )
}}
{%- set half_lives = signal_half_lives() -%}
{%- set horizon_days = var('score_horizon_days') | int -%}

with

signals as (

    select * from {{ ref('signals') }}

),

person_signals as (

    select
        -- ids
        signal_id,
        coalesce(contact_id, lead_id) as person_id,
        contact_id,
        lead_id,
        account_id,
        decision_unit_id,

        -- strings
        case when contact_id is not null then 'contact' else 'lead' end as person_type,
        signal_class,

        -- numerics
        coalesce(weight, 0) as weight,
        half_life_days,

        -- dates
        signal_date,

        -- timestamps
        signal_at

    from signals
    where contact_id is not null or lead_id is not null

),

{% if is_incremental() %}
changed_persons as (

    {{ changed_persons() }}

),

scored_signals as (

    select person_signals.*
    from person_signals
    inner join changed_persons
        on
            person_signals.person_type = changed_persons.person_type
            and person_signals.person_id = changed_persons.person_id

),

{% else %}

scored_signals as (

    select * from person_signals

),

{% endif %}

day_numbered as (

    select
        *,
        {{ dbt.datediff(
            'min(signal_date) over (partition by person_type, person_id)', 'signal_date', 'day'
        ) }} as person_day_number
    from scored_signals

),

contributions as (

    -- weight_j * 2^(t_j / h) under the signal's own half-life h, 0 under the others: computed once
    select
        {%- for half_life in half_lives %}
        case
            when half_life_days = {{ half_life }}
                then weight * power(
                        cast(2 as {{ type_double() }}),
                        cast(person_day_number as {{ type_double() }}) / {{ half_life }}
                    )
            else 0
        end as contribution_{{ loop.index }},
        {%- endfor %}
        *
    from day_numbered

),

running_sums as (

    select
        {%- for half_life in half_lives %}
        sum(contribution_{{ loop.index }}) over (
            partition by person_type, person_id
            order by person_day_number, signal_at, signal_id
            rows between unbounded preceding and current row
        ) as running_sum_{{ loop.index }},
        -- the part of that sum older than the horizon (the same sort: day number first, so one window pass)
        sum(contribution_{{ loop.index }}) over (
            partition by person_type, person_id
            order by person_day_number
            range between unbounded preceding and {{ horizon_days + 1 }} preceding
        ) as expired_sum_{{ loop.index }},
        {%- endfor %}
        *
    from contributions

),

final as (

    select
        -- ids
        signal_id,
        person_id,
        contact_id,
        lead_id,
        account_id,
        decision_unit_id,

        -- strings
        person_type,
        signal_class,

        -- numerics
        weight,
        half_life_days,
        person_day_number,
        -- running minus expired can leave a rounding residue just below zero when every signal of a
        -- half-life has expired (seen on the large preset as -1e-12): a score is never negative
        greatest(
            0,
            (
                0
                {%- for half_life in half_lives %}
                + power(
                    cast(2 as {{ type_double() }}),
                    -cast(person_day_number as {{ type_double() }}) / {{ half_life }}
                )
                * (running_sum_{{ loop.index }} - coalesce(expired_sum_{{ loop.index }}, 0))
                {%- endfor %}
            )
        ) as score_after,

        -- dates
        signal_date,

        -- timestamps
        signal_at

    from running_sums

)

select * from final
