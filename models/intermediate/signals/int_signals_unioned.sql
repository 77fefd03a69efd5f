{#
    Every signal of every source in one shape (the per-source int_signals__* models), plus the three texts
    the signal taxonomy matches: the URL without its query string, the asset name and the subject, lower-cased
    (macros signal_match_url and signal_match_text). int_signal_types_classified classifies each distinct
    combination once; int_signals_classified joins the result back.
#}

{{ signals_unioned() }}
