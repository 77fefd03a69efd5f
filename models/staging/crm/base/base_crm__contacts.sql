{{ checked_raw_rows(
    'crm',
    'contact',
    latest_by='last_modified_date',
    event_times=['created_date'],
    references=[
        ('account_id', 'base_crm__accounts'),
    ],
    value_checks=[('email', is_malformed_email('email'), 'malformed_email')]
) }}
