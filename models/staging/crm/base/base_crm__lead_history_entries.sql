{{ checked_raw_rows(
    'crm',
    'lead_history',
    latest_by='created_date',
    event_times=['created_date']
) }}
