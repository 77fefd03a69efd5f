{#
    One row per decision unit and day with a signal: how many engagement and intent signals it sent. The
    engagement-to-intent conversion metric reads this daily grain: MetricFlow's conversion metrics join
    every base event to every later event of the same entity within the window, which on the signals
    table (thousands of signals per unit) would be far larger than on unit-days.
#}

{%- set layers = person_layers() + ['unclassified', 'account'] %}

with

signal_days as (

    select * from {{ ref('int_decision_unit_signal_days') }}

),

final as (

    select
        -- ids
        decision_unit_id,

        -- numerics
        cast(signal_count as {{ dbt.type_int() }}) as signal_count,
        cast(
            {%- for layer in layers %}
            engagement_{{ layer }}_signals{{ ' +' if not loop.last }}
            {%- endfor %}
            as {{ dbt.type_int() }}
        ) as engagement_signals,
        cast(
            {%- for layer in layers %}
            intent_{{ layer }}_signals{{ ' +' if not loop.last }}
            {%- endfor %}
            as {{ dbt.type_int() }}
        ) as intent_signals,

        -- dates
        signal_date

    from signal_days

)

select * from final
