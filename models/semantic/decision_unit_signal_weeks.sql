{#
    One row per decision unit and week with a signal: how many engagement and intent signals it sent that
    week. The engagement-to-intent conversion metric reads this weekly grain: MetricFlow's conversion
    metrics join every base event to every later event of the same entity within the window, which on the
    signals table (thousands of signals per unit), or even on unit-days, costs seconds per query.
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
        cast(sum(signal_count) as {{ dbt.type_int() }}) as signal_count,
        cast(sum(
            {%- for layer in layers %}
            engagement_{{ layer }}_signals{{ ' +' if not loop.last }}
            {%- endfor %}
        ) as {{ dbt.type_int() }}) as engagement_signals,
        cast(sum(
            {%- for layer in layers %}
            intent_{{ layer }}_signals{{ ' +' if not loop.last }}
            {%- endfor %}
        ) as {{ dbt.type_int() }}) as intent_signals,

        -- dates
        cast({{ dbt.date_trunc('week', 'signal_date') }} as date) as week_start_date

    from signal_days
    group by
        decision_unit_id,
        cast({{ dbt.date_trunc('week', 'signal_date') }} as date)

)

select * from final
