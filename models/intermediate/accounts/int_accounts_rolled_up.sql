{#
    One row per staged account with the decision unit it rolls up to (DOMAIN.md §2): walk up parent_account_id
    and stop at the first account flagged is_independent_decider (it decides on its own) or at the top of the
    hierarchy. The walk is a chain of left self-joins unrolled by Jinja, level_1 .. level_N with N = var
    max_hierarchy_depth (portable, no recursive CTE, bounded by construction). One more level is joined only
    to tell a missing parent at level N from a walk that goes on.
      - a parent id that points at no staged account: the walk stops there, that account counts as the top,
        and hierarchy_issue = 'missing_parent';
      - a walk that has not stopped after N steps (a cycle, or a chain deeper than N): the account is its own
        decision unit and hierarchy_issue = 'cycle'.
    hierarchy_issue describes what the walk up from this account met, so the accounts below a broken link
    carry it too.
    A table: the walk joins the accounts max_hierarchy_depth + 1 times, and contacts, leads, signals and the
    decision_units mart all read the result.
#}

{%- set max_depth = var('max_hierarchy_depth') | int %}

with

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

hierarchy_walk as (

    -- level_0 is the account itself, level_k its ancestor k steps up (null once the walk has ended)
    select
        {%- for level in range(max_depth + 1) %}
        level_{{ level }}.account_id as level_{{ level }}_account_id,
        level_{{ level }}.parent_account_id as level_{{ level }}_parent_account_id,
        level_{{ level }}.is_independent_decider as level_{{ level }}_is_independent_decider,
        {%- endfor %}
        level_{{ max_depth + 1 }}.account_id as level_{{ max_depth + 1 }}_account_id
    from accounts as level_0
    {% for level in range(1, max_depth + 2) -%}
    left join accounts as level_{{ level }}
        on level_{{ level - 1 }}.parent_account_id = level_{{ level }}.account_id
    {% endfor %}

),

walk_ends as (

    -- the number of steps to the decision unit; null when the walk does not stop within max_depth steps
    select
        *,
        case
            {%- for level in range(max_depth + 1) %}
            -- the walk stops at an independent decider, at the top, or where the parent is missing
            when
                coalesce(level_{{ level }}_is_independent_decider, false)
                or level_{{ level }}_parent_account_id is null
                or level_{{ level + 1 }}_account_id is null
                then {{ level }}
            {%- endfor %}
        end as unit_level
    from hierarchy_walk

),

decision_units_found as (

    select
        level_0_account_id as account_id,
        unit_level,
        case
            when unit_level is null then level_0_account_id
            {%- for level in range(max_depth + 1) %}
            when unit_level = {{ level }} then level_{{ level }}_account_id
            {%- endfor %}
        end as decision_unit_id,
        case
            when unit_level is null then 'cycle'
            {%- for level in range(max_depth + 1) %}
            when
                unit_level = {{ level }}
                and not coalesce(level_{{ level }}_is_independent_decider, false)
                and level_{{ level }}_parent_account_id is not null
                then 'missing_parent'
            {%- endfor %}
        end as hierarchy_issue
    from walk_ends

),

child_accounts as (

    select distinct parent_account_id as account_id
    from accounts
    where parent_account_id is not null

),

final as (

    select
        -- ids
        accounts.account_id,
        accounts.parent_account_id,
        decision_units_found.decision_unit_id,

        -- strings
        accounts.account_name,
        accounts.facility_type,
        accounts.gpo_name,
        accounts.billing_state,
        decision_units_found.hierarchy_issue,

        -- numerics
        accounts.bed_count,
        coalesce(decision_units_found.unit_level, 0) as hierarchy_depth,
        coalesce(
            decision_units.fiscal_year_start_month,
            {{ var('default_fiscal_year_start_month') | int }}
        ) as fiscal_year_start_month,

        -- booleans
        coalesce(accounts.is_independent_decider, false) as is_independent_decider,
        decision_units_found.decision_unit_id = accounts.account_id as is_decision_unit,
        child_accounts.account_id is not null as has_child_accounts

    from accounts
    inner join decision_units_found
        on accounts.account_id = decision_units_found.account_id
    left join accounts as decision_units
        on decision_units_found.decision_unit_id = decision_units.account_id
    left join child_accounts
        on accounts.account_id = child_accounts.account_id

)

select * from final
