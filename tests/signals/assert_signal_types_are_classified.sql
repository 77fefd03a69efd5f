{#
    Reports the kinds of signal no signal_taxonomy row matches, with how many signals each has. They are kept
    in the signals mart as unclassified (weight 0) and counted; this test warns so someone classifies them:
    add a row to seeds/signal_taxonomy.csv, then rebuild signals with --full-refresh.
#}

{{ config(severity='warn') }}

select
    source_system,
    signal_type,
    count(*) as unclassified_signals,
    min(signal_at) as first_signal_at,
    max(signal_at) as last_signal_at
from {{ ref('signals') }}
where signal_class = 'unclassified'
group by
    source_system,
    signal_type
