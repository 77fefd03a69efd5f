{{ checked_raw_rows(
    'crm',
    'opportunity',
    latest_by='last_modified_date',
    event_times=['created_date'],
    row_checks=[
        ("created_date is null", 'missing_created_date'),
        ("amount < 0", 'negative_amount'),
        ("amount > " ~ var('implausible_amount'), 'implausible_amount'),
    ]
) }}
