{{ checked_raw_rows(
    'crm',
    'lead_history',
    latest_by='created_date',
    event_times=['created_date'],
    row_checks=[
        ("lead_id is null", 'missing_lead_id'),
        ("field is null", 'missing_field'),
        ("created_date is null", 'missing_created_date'),
    ]
) }}
