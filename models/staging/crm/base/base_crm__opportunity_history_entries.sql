{{ checked_raw_rows(
    'crm',
    'opportunity_history',
    latest_by='created_date',
    event_times=['created_date'],
    row_checks=[
        ("amount < 0", 'negative_amount'),
        ("amount > " ~ var('implausible_amount'), 'implausible_amount'),
    ]
) }}
