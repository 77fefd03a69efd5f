{{ checked_raw_rows(
    'crm',
    'account',
    latest_by='last_modified_date',
    event_times=['created_date'],
    value_check=('website', is_malformed_domain('website'), 'malformed_website')
) }}
