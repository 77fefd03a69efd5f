{{ checked_raw_rows(
    'crm',
    'campaign_member',
    latest_by='created_date',
    event_times=['created_date']
) }}
