{{ checked_raw_rows(
    'marketing',
    'activity',
    latest_by='occurred_at',
    event_times=['occurred_at']
) }}
