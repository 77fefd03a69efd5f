{{ checked_raw_rows(
    'crm',
    'task',
    latest_by='created_date',
    event_times=['created_date']
) }}
