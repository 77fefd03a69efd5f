{{ checked_raw_rows(
    'marketing',
    'activity',
    latest_by='occurred_at',
    event_times=['occurred_at'],
    row_checks=[
        ("occurred_at is null", 'missing_occurred_at'),
    ],
    references=[
        ('contact_id', 'base_crm__contacts'),
        ('lead_id', 'base_crm__leads'),
    ]
) }}
