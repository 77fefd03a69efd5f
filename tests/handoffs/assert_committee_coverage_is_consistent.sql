-- Per opportunity, moment and layer: a layer is covered exactly when a contact in it is engaged or named, a
-- named-but-silent contact is a named one, and a layer is required exactly when the var for the stage at the
-- moment (committee_required_layers, or committee_required_layers_late_stage) lists it.
-- Returns the rows that break it.
{%- set required = "('" ~ var('committee_required_layers') | join("', '") ~ "')" %}
{%- set required_late = "('" ~ var('committee_required_layers_late_stage') | join("', '") ~ "')" %}

with

coverage as (

    select * from {{ ref('int_opportunity_committee_coverage') }}

)

select * from coverage
where
    is_covered != (engaged_contact_count > 0 or named_contact_count > 0)
    or is_engaged != (engaged_contact_count > 0)
    or named_but_silent_count > named_contact_count
    or is_required_layer != (
        case
            when is_late_stage
                then decision_layer in {{ required_late }}
            else decision_layer in {{ required }}
        end
    )
