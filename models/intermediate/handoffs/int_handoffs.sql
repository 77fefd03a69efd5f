{#
    One row per handoff (DOMAIN.md §8): the moment marketing passed a lead or a contact to sales.
      - a lead: the first of its moves to a handoff status in the lead history (field Status, a status with
        lead_status_map.is_handoff; a move to a status of funnel stage 'converted' is a conversion), its
        conversion (the lead's converted date, used only when the history holds no move to a converted
        status), or an explicit handoff task on the lead (lower-cased subject LIKE var
        handoff_task_subject_pattern; its moment is the start of its activity date, as the signals mart times
        a task, else when it was logged), whichever comes first; ties go to the status change, then the
        conversion, then the task.
      - a contact: its first explicit handoff task.
    handoff_id is the handed-off record's id with a prefix ('lead-', 'contact-'), so a handoff keeps its id
    when a later event is added or removed. Deleted leads (not in staging) have no handoff.
    Long because: a lead's handoff is the first of three kinds of event
    (status change, conversion, handoff task) ranked together, and a contact's the first handoff task; the
    kinds share one tie-break, so they are ranked in one place.
#}

with

lead_history_entries as (

    select * from {{ ref('stg_crm__lead_history_entries') }}

),

lead_status_map as (

    select * from {{ ref('lead_status_map') }}

),

leads_classified as (

    select * from {{ ref('int_leads_classified') }}

),

contacts_classified as (

    select * from {{ ref('int_contacts_classified') }}

),

tasks as (

    select * from {{ ref('stg_crm__tasks') }}

),

status_changes as (

    select
        lead_history_entries.lead_id,
        lead_history_entries.created_at as handed_off_at,
        case
            when lead_status_map.funnel_stage = 'converted' then 'conversion'
            else 'status_change'
        end as handoff_type,
        case when lead_status_map.funnel_stage = 'converted' then 2 else 1 end as type_priority,
        lead_history_entries.lead_history_entry_id as source_record_id
    from lead_history_entries
    inner join lead_status_map
        on lead_history_entries.new_value = lead_status_map.lead_status
    where
        lead_history_entries.field_name = 'Status'
        and lead_status_map.is_handoff
        and lead_history_entries.created_at is not null

),

conversions_without_history as (

    -- a converted lead whose history does not show the move to a converted status: its converted date
    -- (a day, taken at its start) is the moment
    select
        leads_classified.lead_id,
        cast(leads_classified.converted_date as {{ dbt.type_timestamp() }}) as handed_off_at,
        'conversion' as handoff_type,
        2 as type_priority,
        leads_classified.lead_id as source_record_id
    from leads_classified
    where
        leads_classified.is_converted
        and leads_classified.converted_date is not null
        and not exists (
            select status_changes.lead_id
            from status_changes
            where
                status_changes.lead_id = leads_classified.lead_id
                and status_changes.handoff_type = 'conversion'
        )

),

handoff_tasks as (

    select
        lead_id,
        contact_id,
        -- the day the task was done (as the signals mart times a task), else when it was logged
        coalesce(cast(activity_date as {{ dbt.type_timestamp() }}), created_at) as handed_off_at,
        'handoff_task' as handoff_type,
        3 as type_priority,
        task_id as source_record_id
    from tasks
    where
        lower(subject) like '{{ var("handoff_task_subject_pattern") }}'
        and coalesce(activity_date, created_at) is not null
        and (lead_id is not null or contact_id is not null)

),

lead_events as (

    select * from status_changes
    union all
    select * from conversions_without_history
    union all
    select
        lead_id,
        handed_off_at,
        handoff_type,
        type_priority,
        source_record_id
    from handoff_tasks
    where lead_id is not null

),

lead_events_ranked as (

    select
        lead_events.*,
        row_number() over (
            partition by lead_events.lead_id
            order by lead_events.handed_off_at, lead_events.type_priority, lead_events.source_record_id
        ) as event_rank
    from lead_events
    -- only live leads: history and tasks of deleted leads are not handoffs
    inner join leads_classified
        on lead_events.lead_id = leads_classified.lead_id

),

lead_handoffs as (

    select
        {{ dbt.concat(["'lead-'", "lead_events_ranked.lead_id"]) }} as handoff_id,
        lead_events_ranked.lead_id,
        leads_classified.converted_contact_id as contact_id,
        leads_classified.converted_opportunity_id,
        leads_classified.decision_unit_id,
        lead_events_ranked.handoff_type,
        lead_events_ranked.handed_off_at
    from lead_events_ranked
    inner join leads_classified
        on lead_events_ranked.lead_id = leads_classified.lead_id
    where lead_events_ranked.event_rank = 1

),

contact_events_ranked as (

    select
        handoff_tasks.*,
        row_number() over (
            partition by handoff_tasks.contact_id
            order by handoff_tasks.handed_off_at, handoff_tasks.source_record_id
        ) as event_rank
    from handoff_tasks
    where handoff_tasks.contact_id is not null

),

contact_handoffs as (

    select
        {{ dbt.concat(["'contact-'", "contact_events_ranked.contact_id"]) }} as handoff_id,
        cast(null as {{ dbt.type_string() }}) as lead_id,
        contact_events_ranked.contact_id,
        cast(null as {{ dbt.type_string() }}) as converted_opportunity_id,
        contacts_classified.decision_unit_id,
        contact_events_ranked.handoff_type,
        contact_events_ranked.handed_off_at
    from contact_events_ranked
    -- a task on a contact that is not (or no longer) in staging is kept, without a decision unit
    left join contacts_classified
        on contact_events_ranked.contact_id = contacts_classified.contact_id
    where contact_events_ranked.event_rank = 1

),

final as (

    select
        -- ids
        handoff_id,
        lead_id,
        contact_id,
        converted_opportunity_id,
        decision_unit_id,

        -- strings
        handoff_type,

        -- timestamps
        handed_off_at

    from lead_handoffs

    union all

    select
        handoff_id,
        lead_id,
        contact_id,
        converted_opportunity_id,
        decision_unit_id,
        handoff_type,
        handed_off_at
    from contact_handoffs

)

select * from final
