{#
    One row per live opportunity: its deal facts, its decision unit and resolved state (from its creation
    moment in int_opportunity_moments: every opportunity has one, staging sets aside a row without
    created_at), how complete its buying committee was when it was created and when it closed (DOMAIN.md §7,
    from int_opportunity_committee_coverage), and the decision unit's readiness at the second it was created
    (DOMAIN.md §6, point in time, readiness_at()).
#}

with

opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

opportunity_moments as (

    select * from {{ ref('int_opportunity_moments') }}

),

committee_coverage as (

    select * from {{ ref('int_opportunity_committee_coverage') }}

),

opportunities_joined as (

    select
        opportunities.*,
        opportunity_moments.decision_unit_id,
        opportunity_moments.phase,
        opportunity_moments.is_closed as is_closed_resolved,
        opportunity_moments.is_won as is_won_resolved
    from opportunities
    left join opportunity_moments
        on
            opportunities.opportunity_id = opportunity_moments.opportunity_id
            and opportunity_moments.moment = 'creation'

),

creation_moments as (

    select
        opportunity_id as event_id,
        decision_unit_id,
        created_at as moment_at
    from opportunities_joined

),

readiness_at_creation as (

    {{ readiness_at('creation_moments') }}

),

committee_by_moment as (

    select
        opportunity_id,
        moment,
        {{ committee_completeness('is_required_layer', 'is_covered') }} as committee_completeness,
        sum(case when is_covered then 1 else 0 end) as layers_covered,
        sum(named_but_silent_count) as named_but_silent_count,
        {%- set listed = [] %}
        {%- for layer in person_layers() %}
            {%- do listed.append(
                "max(case when decision_layer = '" ~ layer ~ "' and is_covered then '," ~ layer
                ~ "' else '' end)"
            ) %}
        {%- endfor %}
        nullif(substring({{ dbt.concat(listed) }}, 2), '') as covered_layers
    from committee_coverage
    group by
        opportunity_id,
        moment

),

final as (

    select
        -- ids
        opportunities_joined.opportunity_id,
        opportunities_joined.account_id,
        opportunities_joined.decision_unit_id,

        -- strings
        opportunities_joined.opportunity_name,
        opportunities_joined.stage_name,
        opportunities_joined.phase,
        at_close.covered_layers as covered_layers_at_close,
        readiness_at_creation.readiness_state as readiness_state_at_creation,

        -- numerics
        opportunities_joined.amount,
        cast(
            case
                when opportunities_joined.is_closed_resolved
                    then {{ dbt.datediff('cast(opportunities_joined.created_at as date)',
                        'opportunities_joined.close_date', 'day') }}
            end as {{ dbt.type_int() }}
        ) as sales_cycle_days,
        cast(at_creation.committee_completeness as {{ dbt.type_numeric() }})
            as committee_completeness_at_creation,
        cast(at_close.committee_completeness as {{ dbt.type_numeric() }})
            as committee_completeness_at_close,
        cast(at_close.layers_covered as {{ dbt.type_int() }}) as layers_covered_at_close,
        cast(
            coalesce(at_close.named_but_silent_count, at_as_of.named_but_silent_count) as {{ dbt.type_int() }}
        ) as named_but_silent_count,

        -- booleans
        opportunities_joined.is_closed_resolved as is_closed,
        opportunities_joined.is_won_resolved as is_won,

        -- dates
        cast(opportunities_joined.created_at as date) as created_date,
        opportunities_joined.close_date,
        case
            when opportunities_joined.is_closed_resolved then opportunities_joined.close_date
        end as closed_date,

        -- timestamps
        opportunities_joined.created_at

    from opportunities_joined
    left join readiness_at_creation
        on opportunities_joined.opportunity_id = readiness_at_creation.event_id
    left join committee_by_moment as at_creation
        on
            opportunities_joined.opportunity_id = at_creation.opportunity_id
            and at_creation.moment = 'creation'
    left join committee_by_moment as at_close
        on
            opportunities_joined.opportunity_id = at_close.opportunity_id
            and at_close.moment = 'close'
    left join committee_by_moment as at_as_of
        on
            opportunities_joined.opportunity_id = at_as_of.opportunity_id
            and at_as_of.moment = 'as_of'

)

select * from final
