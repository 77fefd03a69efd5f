{{ checked_raw_rows(
    'crm',
    'user'
) }}
