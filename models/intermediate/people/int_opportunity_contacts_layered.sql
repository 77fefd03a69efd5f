{#
    One row per contact named on an opportunity (OpportunityContactRole), with the decision layer that
    contact has on that deal (DOMAIN.md §3): a role that overrides the title (contact_role_map.overrides_title)
    gives its own layer; role Other, a role the map does not know, or no role keeps the layer of the
    contact's title. A contact with several roles on one deal keeps the strongest: authority tier first
    (authority, then process, then usage: an Economic Buyer who is also the Technical Buyer counts as the
    financial owner), then the highest layer_order, ties broken by role name, then by the contact role id.
#}

with

opportunity_contact_roles as (

    select * from {{ ref('stg_crm__opportunity_contact_roles') }}

),

contacts_classified as (

    select * from {{ ref('int_contacts_classified') }}

),

contact_role_map as (

    select * from {{ ref('contact_role_map') }}

),

decision_layers as (

    select * from {{ ref('decision_layers') }}

),

roles_joined as (

    select
        opportunity_contact_roles.opportunity_contact_role_id,
        opportunity_contact_roles.opportunity_id,
        opportunity_contact_roles.contact_id,
        contacts_classified.decision_unit_id,
        opportunity_contact_roles.contact_role,
        contact_role_map.contact_role as mapped_contact_role,
        contact_role_map.decision_layer as role_decision_layer,
        coalesce(contacts_classified.decision_layer, 'unclassified') as title_decision_layer,
        coalesce(contact_role_map.overrides_title, false) as role_overrides_title,
        coalesce(opportunity_contact_roles.is_primary, false) as is_primary,
        opportunity_contact_roles.created_at
    from opportunity_contact_roles
    left join contacts_classified
        on opportunity_contact_roles.contact_id = contacts_classified.contact_id
    left join contact_role_map
        on opportunity_contact_roles.contact_role = contact_role_map.contact_role

),

roles_with_layer as (

    select
        *,
        case
            when role_overrides_title and role_decision_layer is not null then role_decision_layer
            else title_decision_layer
        end as decision_layer,
        role_overrides_title and role_decision_layer is not null as is_role_override,
        contact_role is not null and mapped_contact_role is null as has_unmapped_role
    from roles_joined

),

roles_ranked as (

    select
        roles_with_layer.*,
        decision_layers.authority_tier,
        decision_layers.layer_order,
        count(*) over (
            partition by roles_with_layer.opportunity_id, roles_with_layer.contact_id
        ) as role_count,
        max(case when roles_with_layer.is_primary then 1 else 0 end) over (
            partition by roles_with_layer.opportunity_id, roles_with_layer.contact_id
        ) as primary_flag,
        row_number() over (
            partition by roles_with_layer.opportunity_id, roles_with_layer.contact_id
            order by
                case decision_layers.authority_tier
                    when 'authority' then 3
                    when 'process' then 2
                    when 'usage' then 1
                    else 0
                end desc,
                case
                    when roles_with_layer.decision_layer = 'unclassified' then 0
                    else coalesce(decision_layers.layer_order, 0)
                end desc,
                case when roles_with_layer.contact_role is null then 1 else 0 end asc,
                roles_with_layer.contact_role asc,
                roles_with_layer.opportunity_contact_role_id asc
        ) as role_rank
    from roles_with_layer
    left join decision_layers
        on roles_with_layer.decision_layer = decision_layers.decision_layer

),

final as (

    select
        -- ids
        opportunity_id,
        contact_id,
        opportunity_contact_role_id,
        decision_unit_id,

        -- strings
        contact_role,
        title_decision_layer,
        decision_layer,
        coalesce(authority_tier, 'unknown') as authority_tier,

        -- numerics
        layer_order,
        role_count,

        -- booleans
        primary_flag = 1 as is_primary,
        is_role_override,
        has_unmapped_role,

        -- timestamps
        created_at

    from roles_ranked
    where role_rank = 1

)

select * from final
