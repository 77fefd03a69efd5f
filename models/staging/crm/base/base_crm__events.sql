{{ checked_raw_rows(
    'crm',
    'event',
    latest_by='created_date',
    event_times=['created_date']
) }}
