{{ checked_raw_rows(
    'crm',
    'lead',
    latest_by='last_modified_date',
    event_times=['created_date'],
    value_checks=[('email', is_malformed_email('email'), 'malformed_email')]
) }}
