{{ checked_raw_rows(
    'contracts',
    'contract',
    row_checks=[
        ("annual_value < 0", 'negative_amount'),
        ("annual_value > " ~ var('implausible_amount'), 'implausible_amount'),
        ("end_date < start_date", 'ends_before_start'),
    ]
) }}
