{#
    What a daily run changes in the signals mart: one row per signal that is new, changed or gone since the
    last run, the change log every incremental model downstream reads to know what to recompute (the
    persons to score again, the decision units and days whose readiness can have moved, the journeys to
    credit again), instead of scanning all signals.

    The chain's signals (int_signals_hashed) are compared with the stored mart (previous_state('signals'),
    read before the mart is updated) on signal_id and signal_row_hash, one full outer join (then the stored
    keys of the changed ones):
      - inserted: a signal_id the mart does not hold yet;
      - replaced: a stored signal whose content changed (an edited source row, a contact whose title now
        gives another layer, a new taxonomy row, a contract that opens a renewal window);
      - deleted:  a stored signal the chain no longer gives (its source row deleted or quarantined).
    The row holds the new version's columns (null when deleted) and the stored version's keys and day
    (previous_*: null when inserted), since a change can move a signal to another person, unit or day.
    Empty on a full refresh and on the first build: everything downstream is built from nothing then.
#}

{%- set stored = previous_state('signals') -%}
{%- set key_columns = [
    'contact_id', 'lead_id', 'account_id', 'decision_unit_id', 'opportunity_id', 'source_system', 'signal_date',
] -%}

-- depends_on: {{ ref('int_run_kind') }}

with

hashed as (

    select * from {{ ref('int_signals_hashed') }}

),

{% if stored is none %}

final as (

    select
        {%- for column in signal_columns() %}
        {{ column }},
        {%- endfor %}
        signal_row_hash,
        {%- for column in key_columns %}
        {{ column }} as previous_{{ column }},
        {%- endfor %}
        cast(null as {{ dbt.type_string() }}) as change_type
    from hashed
    where 1 = 0

)

{% else %}

stored as (

    select
        signal_id,
        signal_row_hash,
        {%- for column in key_columns %}
        {{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ stored }}

),

{#- the join of 12M signals on their id and hash alone: carrying the stored keys through it made the hash
    table three times as slow to build; the changed rows take their stored keys after. The stored table is
    read in each place, not through one CTE, which DuckDB would write aside whole. #}
changed as (

    select
        coalesce(hashed.signal_id, stored_hashes.signal_id) as signal_id,
        {%- for column in signal_columns() if column != 'signal_id' %}
        hashed.{{ column }},
        {%- endfor %}
        hashed.signal_row_hash,
        case
            when stored_hashes.signal_id is null then 'inserted'
            when hashed.signal_id is null then 'deleted'
            else 'replaced'
        end as change_type
    from hashed
    full outer join (select signal_id, signal_row_hash from {{ stored }}) as stored_hashes
        on hashed.signal_id = stored_hashes.signal_id
    where
        stored_hashes.signal_id is null
        or hashed.signal_id is null
        or hashed.signal_row_hash <> stored_hashes.signal_row_hash

),

final as (

    select
        {%- for column in signal_columns() %}
        changed.{{ column }},
        {%- endfor %}
        changed.signal_row_hash,
        {%- for column in key_columns %}
        stored.{{ column }} as previous_{{ column }},
        {%- endfor %}
        changed.change_type
    from changed
    left join stored
        on changed.signal_id = stored.signal_id

)

{% endif %}

select * from final
