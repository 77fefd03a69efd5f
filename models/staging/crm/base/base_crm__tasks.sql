{{ checked_raw_rows(
    'crm',
    'task',
    latest_by='created_date',
    event_times=['created_date'],
    row_checks=[
        ("activity_date is null and created_date is null", 'missing_activity_date'),
    ]
) }}
