{{ checked_raw_rows(
    'crm',
    'opportunity_history',
    latest_by='created_date',
    event_times=['created_date'],
    row_checks=[
        ("opportunity_id is null", 'missing_opportunity_id'),
        ("stage_name is null", 'missing_stage_name'),
        ("created_date is null", 'missing_created_date'),
        ("amount < 0", 'negative_amount'),
        ("amount > " ~ var('implausible_amount'), 'implausible_amount'),
    ]
) }}
