{{ checked_raw_rows(
    'intent',
    'topic_score',
    key_columns=['domain', 'week_start_date', 'topic'],
    latest_by='composite_score',
    event_times=['week_start_date'],
    row_checks=[
        (is_malformed_domain('domain'), 'malformed_domain'),
        ("composite_score < 0 or composite_score > 100", 'score_out_of_range'),
    ]
) }}
