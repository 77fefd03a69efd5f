{#
    One row per decision unit (DOMAIN.md §2): the account where buying decisions are made, with the
    attributes every metric can be grouped by (type, region, bed-size band, GPO) and its fiscal-year start.
    Bed counts of accounts with child accounts are taken to be roll-ups of their members (health-system
    records), so only accounts without children are summed; bands start at var bed_count_band_thresholds.
    The region and division are those of the billing state (seed us_state_regions: the states, DC and the
    territories), matched on its code, its name or an alias (seed us_state_aliases) with punctuation, spaces
    and case ignored (macro state_key); a blank, foreign or misspelled state is 'unknown'.
#}

{%- set thresholds = var('bed_count_band_thresholds') | map('int') | sort | list -%}

with

accounts_rolled_up as (

    select * from {{ ref('int_accounts_rolled_up') }}

),

us_state_regions as (

    select * from {{ ref('us_state_regions') }}

),

us_state_aliases as (

    select * from {{ ref('us_state_aliases') }}

),

state_spellings as (

    -- every way a state is written, keyed: its code, its name and its aliases
    select
        state_code,
        {{ state_key('state_code') }} as state_key
    from us_state_regions
    union all
    select
        state_code,
        {{ state_key('state_name') }} as state_key
    from us_state_regions
    union all
    select
        state_code,
        {{ state_key('alias') }} as state_key
    from us_state_aliases

),

unit_accounts as (

    select
        decision_unit_id,
        sum(case when account_id != decision_unit_id then 1 else 0 end) as member_facility_count,
        sum(case when not has_child_accounts then bed_count end) as total_bed_count,
        sum(case when hierarchy_issue is not null then 1 else 0 end) as hierarchy_issue_count
    from accounts_rolled_up
    group by decision_unit_id

),

decision_units as (

    select * from accounts_rolled_up
    where is_decision_unit

),

units_placed as (

    select
        decision_units.*,
        coalesce(us_state_regions.region, 'unknown') as region,
        coalesce(us_state_regions.division, 'unknown') as division
    from decision_units
    left join state_spellings
        on {{ state_key('decision_units.billing_state') }} = state_spellings.state_key
    left join us_state_regions
        on state_spellings.state_code = us_state_regions.state_code

),

final as (

    select
        -- ids
        units_placed.account_id as decision_unit_id,
        units_placed.parent_account_id,

        -- strings
        units_placed.account_name as decision_unit_name,
        units_placed.facility_type as unit_type,
        units_placed.billing_state,
        units_placed.region,
        units_placed.division,
        units_placed.gpo_name,
        case
            when unit_accounts.total_bed_count is null then 'unknown'
            when unit_accounts.total_bed_count < {{ thresholds[0] }} then '<{{ thresholds[0] }}'
            {%- for threshold in thresholds[1:] %}
            when unit_accounts.total_bed_count < {{ threshold }}
                then '{{ thresholds[loop.index0] }}-{{ threshold - 1 }}'
            {%- endfor %}
            else '{{ thresholds[-1] }}+'
        end as bed_count_band,

        -- numerics
        cast(unit_accounts.member_facility_count as {{ dbt.type_int() }}) as member_facility_count,
        cast(unit_accounts.total_bed_count as {{ dbt.type_int() }}) as total_bed_count,
        case
            when unit_accounts.total_bed_count is null then {{ thresholds | length + 2 }}
            {%- for threshold in thresholds %}
            when unit_accounts.total_bed_count < {{ threshold }} then {{ loop.index }}
            {%- endfor %}
            else {{ thresholds | length + 1 }}
        end as bed_count_band_order,
        cast(units_placed.fiscal_year_start_month as {{ dbt.type_int() }}) as fiscal_year_start_month,
        cast(unit_accounts.hierarchy_issue_count as {{ dbt.type_int() }}) as hierarchy_issue_count,

        -- booleans
        units_placed.is_independent_decider

    from units_placed
    inner join unit_accounts
        on units_placed.account_id = unit_accounts.decision_unit_id

)

select * from final
