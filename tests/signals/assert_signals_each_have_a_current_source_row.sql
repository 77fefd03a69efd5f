{#
    Signals stored in the incremental signals mart whose source row is gone from staging (deleted or merged
    away in Salesforce, removed from the marketing platform, an intent score revised below the surge
    threshold, a history entry that is no longer a stage change). A daily run deletes them (int_signal_changes
    lists them as deleted), so a row here is a signal the change log missed.
#}

with

signals as (

    select * from {{ ref('signals') }}

),

current_signals as (

    select signal_id from {{ ref('int_signals_unioned') }}

),

final as (

    select
        signals.source_system,
        signals.signal_id,
        signals.signal_at
    from signals
    left join current_signals
        on signals.signal_id = current_signals.signal_id
    where current_signals.signal_id is null

)

select * from final
