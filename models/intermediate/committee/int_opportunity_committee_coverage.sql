{#
    Buying-committee coverage of each opportunity (DOMAIN.md §7), point in time: one row per opportunity,
    moment and person layer. The moments (creation, close, as_of) and the stage judged at each are
    int_opportunity_moments'; the contacts who count at a moment, with their layer, are
    int_opportunity_moment_contacts'. A layer is
      engaged  when a contact in it sent a buying signal within the layer's recency window before the moment
               (var committee_recency_days): moment_at - recency_days < signal_at <= moment_at;
      named    when a contact role created at or before the moment puts a contact in it;
      covered  when engaged or named (a named contact counts even when silent).
    The required layers are var committee_required_layers, or committee_required_layers_late_stage when the
    opportunity is in a late stage at the moment (int_opportunity_moments.is_late_stage), so a deal lost in
    discovery does not need the gatekeeper.
#}

with

opportunity_moments as (

    select * from {{ ref('int_opportunity_moments') }}

),

opportunity_moment_contacts as (

    select * from {{ ref('int_opportunity_moment_contacts') }}

),

layer_rules as (

    {{ committee_layer_rules() }}

),

people_judged as (

    select
        opportunity_moment_contacts.opportunity_id,
        opportunity_moment_contacts.moment,
        opportunity_moment_contacts.contact_id,
        opportunity_moment_contacts.decision_layer,
        opportunity_moment_contacts.is_named,
        coalesce(
            opportunity_moment_contacts.last_signal_at
            > {{ dbt.dateadd('day', '-layer_rules.recency_days', 'opportunity_moments.moment_at') }},
            false
        ) as is_engaged
    from opportunity_moment_contacts
    inner join layer_rules
        on opportunity_moment_contacts.decision_layer = layer_rules.decision_layer
    inner join opportunity_moments
        on
            opportunity_moment_contacts.opportunity_id = opportunity_moments.opportunity_id
            and opportunity_moment_contacts.moment = opportunity_moments.moment

),

layer_counts as (

    select
        opportunity_id,
        moment,
        decision_layer,
        sum(case when is_engaged then 1 else 0 end) as engaged_contact_count,
        sum(case when is_named then 1 else 0 end) as named_contact_count,
        sum(case when is_named and not is_engaged then 1 else 0 end) as named_but_silent_count
    from people_judged
    group by
        opportunity_id,
        moment,
        decision_layer

),

final as (

    select
        -- ids
        opportunity_moments.opportunity_id,
        opportunity_moments.decision_unit_id,

        -- strings
        opportunity_moments.moment,
        layer_rules.decision_layer,
        opportunity_moments.stage_name,

        -- numerics
        layer_rules.layer_order,
        layer_rules.recency_days,
        cast(
            coalesce(layer_counts.engaged_contact_count, 0) as {{ dbt.type_int() }}
        ) as engaged_contact_count,
        cast(
            coalesce(layer_counts.named_contact_count, 0) as {{ dbt.type_int() }}
        ) as named_contact_count,
        cast(
            coalesce(layer_counts.named_but_silent_count, 0) as {{ dbt.type_int() }}
        ) as named_but_silent_count,

        -- booleans
        opportunity_moments.is_late_stage,
        case
            when opportunity_moments.is_late_stage then layer_rules.is_required_late_stage
            else layer_rules.is_required
        end as is_required_layer,
        coalesce(layer_counts.engaged_contact_count, 0) > 0 as is_engaged,
        coalesce(layer_counts.engaged_contact_count, 0) + coalesce(layer_counts.named_contact_count, 0) > 0
            as is_covered,

        -- timestamps
        opportunity_moments.moment_at

    from opportunity_moments
    cross join layer_rules
    left join layer_counts
        on
            opportunity_moments.opportunity_id = layer_counts.opportunity_id
            and opportunity_moments.moment = layer_counts.moment
            and layer_rules.decision_layer = layer_counts.decision_layer

)

select * from final
