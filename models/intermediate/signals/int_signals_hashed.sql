{#
    Every signal of the chain typed as the signals mart stores it, with signal_row_hash, a hash of all its
    columns: what the mart is built from on a full refresh, and what int_signal_changes compares with the
    stored mart on a daily run. A view: the 12M-row chain is written once, as signals.
#}

{{ signals_hashed(ref('int_signals_timed')) }}
