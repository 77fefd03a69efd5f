{{ checked_raw_rows(
    'crm',
    'campaign_member',
    latest_by='created_date',
    event_times=['created_date'],
    row_checks=[
        ("campaign_id is null", 'missing_campaign_id'),
    ],
    references=[
        ('campaign_id', 'base_crm__campaigns'),
        ('contact_id', 'base_crm__contacts'),
        ('lead_id', 'base_crm__leads'),
    ]
) }}
