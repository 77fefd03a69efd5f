{#
    The contexts (macro signal_contexts) the signals mart was last built with: written after the mart, so
    the next daily run's int_signal_changes compares the contexts as they are then with these, and compares
    only the signals of the contexts that changed and of the rows written in between.
#}

-- depends_on: {{ ref('signals') }}

{{ signal_contexts() }}
