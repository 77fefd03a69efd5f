{{ checked_raw_rows(
    'crm',
    'opportunity_contact_role',
    latest_by='last_modified_date',
    event_times=['created_date'],
    references=[
        ('contact_id', 'base_crm__contacts'),
    ]
) }}
