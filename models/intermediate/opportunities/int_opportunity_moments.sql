{#
    The moments of each opportunity (DOMAIN.md §7), point in time: one row per opportunity and moment, with
    the opportunity's decision unit, its current state resolved once (is_closed, is_won, phase: the CRM's
    flags, else the stage map's for its current stage) and the stage judged at the moment. Moments:
      creation  the opportunity's created_at;
      close     the start of its close date (closed opportunities only; never before created_at): signals of
                the close day itself, such as the closing stage change, do not count;
      as_of     the end of the as-of day (var as_of_date, null = the last day with a signal; open ones only).
    The stage judged is the last open stage the opportunity had reached by the moment (opportunity
    history), mapped by opportunity_stage_map.signal_stage; is_late_stage when that is 'late'. A closing
    stage (Closed Won/Lost) is never the stage judged, so a deal lost in discovery is not late.
    Long because: the moments and the stage judged at each are one unit: the stage is ranked per moment, so
    a model of the moments alone would be written aside only for this one to read it back.
#}

with

opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

accounts_rolled_up as (

    select * from {{ ref('int_accounts_rolled_up') }}

),

opportunity_stage_map as (

    select * from {{ ref('opportunity_stage_map') }}

),

opportunity_history_entries as (

    select * from {{ ref('stg_crm__opportunity_history_entries') }}

),

opportunities_resolved as (

    select
        opportunities.opportunity_id,
        accounts_rolled_up.decision_unit_id,
        opportunities.stage_name,
        opportunity_stage_map.phase,
        opportunity_stage_map.signal_stage,
        coalesce(opportunities.is_closed, opportunity_stage_map.is_closed, false) as is_closed,
        coalesce(opportunities.is_won, opportunity_stage_map.is_won, false) as is_won,
        opportunities.close_date,
        opportunities.created_at
    from opportunities
    left join accounts_rolled_up
        on opportunities.account_id = accounts_rolled_up.account_id
    left join opportunity_stage_map
        on opportunities.stage_name = opportunity_stage_map.stage_name

),

as_of as (

    select
        {%- set as_of_day_end = dbt.dateadd('day', 1, as_of_date_from(ref('signals'))) %}
        {{ dbt.dateadd('second', -1, 'cast(' ~ as_of_day_end ~ ' as ' ~ dbt.type_timestamp() ~ ')') }}
            as as_of_end_at

),

moments_unbounded as (

    select
        opportunity_id,
        'creation' as moment,
        created_at,
        created_at as moment_at
    from opportunities_resolved
    where created_at is not null

    union all

    select
        opportunity_id,
        'close' as moment,
        created_at,
        cast(close_date as {{ dbt.type_timestamp() }}) as moment_at
    from opportunities_resolved
    where is_closed and close_date is not null and created_at is not null

    union all

    select
        opportunities_resolved.opportunity_id,
        'as_of' as moment,
        opportunities_resolved.created_at,
        as_of.as_of_end_at as moment_at
    from opportunities_resolved
    cross join as_of
    where not opportunities_resolved.is_closed and opportunities_resolved.created_at is not null

),

moments as (

    select
        opportunity_id,
        moment,
        case when moment_at < created_at then created_at else moment_at end as moment_at
    from moments_unbounded

),

open_stage_entries as (

    select
        opportunity_history_entries.opportunity_id,
        opportunity_history_entries.stage_name,
        opportunity_stage_map.signal_stage,
        opportunity_history_entries.created_at,
        opportunity_history_entries.opportunity_history_entry_id
    from opportunity_history_entries
    inner join opportunity_stage_map
        on opportunity_history_entries.stage_name = opportunity_stage_map.stage_name
    where not opportunity_stage_map.is_closed

),

moment_stages_ranked as (

    -- the last open stage entered at or before the moment; failing that, the first open stage recorded
    select
        moments.opportunity_id,
        moments.moment,
        open_stage_entries.stage_name,
        open_stage_entries.signal_stage,
        row_number() over (
            partition by moments.opportunity_id, moments.moment
            order by
                -- entered by the moment first, the latest of them first; then the earliest of the rest
                case when moments.moment_at >= open_stage_entries.created_at then 0 else 1 end,
                case
                    when moments.moment_at >= open_stage_entries.created_at then open_stage_entries.created_at
                end desc,
                open_stage_entries.created_at,
                open_stage_entries.opportunity_history_entry_id desc
        ) as stage_rank
    from moments
    inner join open_stage_entries
        on moments.opportunity_id = open_stage_entries.opportunity_id

),

final as (

    select
        -- ids
        moments.opportunity_id,
        opportunities_resolved.decision_unit_id,

        -- strings
        moments.moment,
        -- no open stage in the history: an open opportunity's current stage
        coalesce(
            moment_stages_ranked.stage_name,
            case when not opportunities_resolved.is_closed then opportunities_resolved.stage_name end
        ) as stage_name,
        opportunities_resolved.phase,

        -- booleans
        coalesce(
            coalesce(
                moment_stages_ranked.signal_stage,
                case when not opportunities_resolved.is_closed then opportunities_resolved.signal_stage end
            ) = 'late',
            false
        ) as is_late_stage,
        opportunities_resolved.is_closed,
        opportunities_resolved.is_won,

        -- timestamps
        moments.moment_at

    from moments
    inner join opportunities_resolved
        on moments.opportunity_id = opportunities_resolved.opportunity_id
    left join moment_stages_ranked
        on
            moments.opportunity_id = moment_stages_ranked.opportunity_id
            and moments.moment = moment_stages_ranked.moment
            and moment_stages_ranked.stage_rank = 1

)

select * from final
