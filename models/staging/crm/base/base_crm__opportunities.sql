{{ checked_raw_rows(
    'crm',
    'opportunity',
    latest_by='last_modified_date',
    event_times=['created_date'],
    row_checks=[
        ("amount < 0", 'negative_amount'),
        ("amount > " ~ var('implausible_amount'), 'implausible_amount'),
    ]
) }}
