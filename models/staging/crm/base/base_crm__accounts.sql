{{ checked_raw_rows(
    'crm',
    'account',
    latest_by='last_modified_date',
    event_times=['created_date'],
    value_checks=[
        ('website', is_malformed_domain('website'), 'malformed_website'),
        ('bed_count_c', 'bed_count_c < 0', 'negative_bed_count'),
        (
            'fiscal_year_start_month_c',
            'fiscal_year_start_month_c not between 1 and 12',
            'fiscal_month_out_of_range',
        ),
    ],
    optional_values=[
        'number_of_employees',
        'annual_revenue',
        'bed_count_c',
        'fiscal_year_start_month_c',
        'is_independent_decider_c',
    ],
    parsers={'fiscal_year_start_month_c': try_cast_month('fiscal_year_start_month_c')}
) }}
