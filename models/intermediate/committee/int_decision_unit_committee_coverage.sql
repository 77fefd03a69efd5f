{#
    Buying-committee coverage of each decision unit as of the as-of day (DOMAIN.md §7): one row per decision
    unit and person layer. A layer is engaged (and covered) when at least one person of the unit in that layer
    (the signal's decision layer: a contact's or a lead's title) sent a buying signal (positive weight) within
    the layer's recency window ending with the as-of day (var committee_recency_days; as-of day = var
    as_of_date, null = the last day with a signal): as_of_date - recency_days < signal_date <= as_of_date.
    The same rule as decision_unit_weeks.is_<layer>_covered, read on the as-of day. engagement_score sums those
    signals' weights decayed by their half-life to the as-of day (the per-layer score of §7). Required layers
    are var committee_required_layers (a unit has no stage, so the late-stage set does not apply here);
    completeness is committee_completeness(is_required_layer, is_covered) over a unit's rows.
#}

with

decision_units as (

    select * from {{ ref('int_decision_units') }}

),

signals as (

    select * from {{ ref('signals') }}

),

layer_rules as (

    {{ committee_layer_rules() }}

),

as_of as (

    select {{ as_of_date_from(ref('signals')) }} as as_of_date

),

recent_signals as (

    select
        signals.decision_unit_id,
        signals.decision_layer,
        signals.contact_id,
        signals.lead_id,
        signals.weight,
        signals.half_life_days,
        {{ dbt.datediff('signals.signal_date', 'as_of.as_of_date', 'day') }}
            as days_before_as_of
    from signals
    cross join as_of
    inner join layer_rules
        on signals.decision_layer = layer_rules.decision_layer
    where
        signals.weight > 0
        and signals.signal_date <= as_of.as_of_date
        and signals.signal_date > {{ dbt.dateadd('day', '-layer_rules.recency_days', 'as_of.as_of_date') }}

),

layer_counts as (

    select
        decision_unit_id,
        decision_layer,
        count(distinct contact_id) as engaged_contact_count,
        count(distinct lead_id) as engaged_lead_count,
        count(*) as signal_count,
        sum(
            weight
            * case
                when half_life_days > 0
                    then power(
                            cast(0.5 as {{ type_double() }}),
                            cast(days_before_as_of as {{ type_double() }}) / half_life_days
                        )
                else cast(1 as {{ type_double() }})
            end
        ) as engagement_score
    from recent_signals
    group by
        decision_unit_id,
        decision_layer

),

final as (

    select
        -- ids
        decision_units.decision_unit_id,

        -- strings
        layer_rules.decision_layer,

        -- numerics
        layer_rules.layer_order,
        layer_rules.recency_days,
        cast(coalesce(layer_counts.engaged_contact_count, 0) as {{ dbt.type_int() }})
            as engaged_contact_count,
        cast(coalesce(layer_counts.engaged_lead_count, 0) as {{ dbt.type_int() }})
            as engaged_lead_count,
        cast(coalesce(layer_counts.signal_count, 0) as {{ dbt.type_int() }}) as signal_count,
        coalesce(layer_counts.engagement_score, 0) as engagement_score,

        -- booleans
        layer_rules.is_required as is_required_layer,
        coalesce(layer_counts.signal_count, 0) > 0 as is_covered,

        -- dates
        as_of.as_of_date

    from decision_units
    cross join layer_rules
    cross join as_of
    left join layer_counts
        on
            decision_units.decision_unit_id = layer_counts.decision_unit_id
            and layer_rules.decision_layer = layer_counts.decision_layer

)

select * from final
