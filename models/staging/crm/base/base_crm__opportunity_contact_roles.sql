{{ checked_raw_rows(
    'crm',
    'opportunity_contact_role',
    latest_by='last_modified_date',
    event_times=['created_date'],
    row_checks=[
        ("opportunity_id is null", 'missing_opportunity_id'),
        ("contact_id is null", 'missing_contact_id'),
    ],
    references=[
        ('contact_id', 'base_crm__contacts'),
    ]
) }}
