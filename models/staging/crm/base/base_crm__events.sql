{{ checked_raw_rows(
    'crm',
    'event',
    latest_by='created_date',
    event_times=['created_date'],
    row_checks=[
        ("start_date_time is null and created_date is null", 'missing_start_date_time'),
    ]
) }}
