{#
    What a daily run changes in the signals mart: one row per signal that is new, changed or gone since the
    last run, the change log every incremental model downstream reads to know what to recompute (the
    persons to score again, the decision units and days whose readiness can have moved, the journeys to
    credit again), instead of scanning all signals.

    The chain's signals (the steps of int_signals_hashed) are compared with the stored mart
    (previous_state('signals'), read before the mart is updated) on signal_id and signal_row_hash, one full
    outer join:
      - inserted: a signal_id the mart does not hold yet;
      - replaced: a stored signal whose content changed (an edited source row, a contact whose title now
        gives another layer, an account moved to another decision unit, a contract that opens a renewal
        window);
      - deleted:  a stored signal the chain no longer gives (its source row deleted or quarantined).
    The row holds the new version's columns (null when deleted) and the stored version's keys and day
    (previous_*: null when inserted), since a change can move a signal to another person, unit or day.

    Only the signals that can have changed are computed and compared, the same on both sides (the chain's
    macros run over the scope's source rows, so the chain and its hash read only those):
      - of the sources compared row by row (macro signal_rows_read_again), the rows written since the last
        comparison (base rows of a dbt command int_signal_contexts has not seen), and the stored signals of
        every context that changed (int_signal_context_changes: a person, an account, a unit's renewal
        ends, a campaign): the scope CTE;
      - every signal of the other sources.
    Without stored contexts (the first daily run after an upgrade) every signal is compared. Seeds and vars
    are not contexts: after changing one, run --full-refresh.
    Empty on a full refresh and on the first build: everything downstream is built from nothing then.
    Long because: the scope, the chain's macros run over it and the compare
    with the stored mart share the scope's filter; a split would store the day's chain aside only to read it
    back in the full outer join.
#}

{%- set stored = previous_state('signals') -%}
{%- set compared = previous_state('int_signal_contexts') -%}
{%- set read_again = signal_rows_read_again() -%}
{%- set key_columns = [
    'contact_id', 'lead_id', 'account_id', 'decision_unit_id', 'opportunity_id', 'source_system', 'signal_date',
] -%}
{%- set context_columns = [
    ('contact', 'contact_id'), ('lead', 'lead_id'), ('account', 'account_id'), ('account', 'decision_unit_id'),
    ('renewal_end', 'decision_unit_id'), ('campaign', 'campaign_id'),
] -%}
-- depends_on: {{ ref('int_run_kind') }}
-- depends_on: {{ ref('int_signal_context_changes') }}
-- the chain's models, read through its macros (macros/signals/signal_chain.sql) on a daily run:
-- depends_on: {{ ref('int_signal_types_classified') }}, {{ ref('int_signal_channels') }}
-- depends_on: {{ ref('int_contacts_classified') }}, {{ ref('int_leads_classified') }}
-- depends_on: {{ ref('int_accounts_rolled_up') }}, {{ ref('int_renewal_windows') }}
{%- for source_model in signal_source_models() %}
-- depends_on: {{ ref(source_model) }}
{%- endfor %}
{%- for base_models in read_again.values() %}{% for base_model in base_models %}
-- depends_on: {{ ref(base_model) }}
{%- endfor %}{% endfor %}

with

{% if stored is none %}

hashed as (

    select * from {{ ref('int_signals_hashed') }}

),

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

{% if compared is not none %}

changed_contexts as (

    select * from {{ ref('int_signal_context_changes') }}

),

written_rows as (

    {%- for source_system, base_models in read_again.items() %}
    {%- for base_model in base_models %}
    select
        '{{ source_system }}' as source_system,
        cast(written.id as {{ dbt.type_string() }}) as scope_key
    from {{ ref(base_model) }} as written
    inner join changed_contexts
        on
            changed_contexts.context_type = 'rows_written_by'
            and changed_contexts.context_id = '{{ base_model }}'
            and changed_contexts.is_current
            and written.dbt_invocation_id = changed_contexts.context_value
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

context_rows as (

    {%- for context_type, column in context_columns %}
    select
        stored.source_system,
        stored.source_record_id as scope_key
    from {{ stored }} as stored
    inner join changed_contexts
        on
            changed_contexts.context_type = '{{ context_type }}'
            and stored.{{ column }} = changed_contexts.context_id
    where stored.source_system in ('{{ read_again.keys() | join("', '") }}')
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

{#- a source record of a row-by-row source (an id two of them share brings in both, on both sides) #}
scope as (

    select distinct scope_key
    from (
        select * from written_rows
        union all
        select * from context_rows
    ) as scoped

),

unioned_in_scope as (

    {{ signals_unioned(scope='scope') }}

),

classified_in_scope as (

    {{ signals_classified('unioned_in_scope') }}

),

timed_in_scope as (

    {{ signals_timed('classified_in_scope') }}

),

hashed_in_scope as (

    {{ signals_hashed('timed_in_scope') }}

),

stored_in_scope as (

    select stored.*
    from {{ stored }} as stored
    where
        stored.source_system not in ('{{ read_again.keys() | join("', '") }}')
        or stored.source_record_id in (select scope.scope_key from scope)

),

{% else %}

hashed_in_scope as (

    select * from {{ ref('int_signals_hashed') }}

),

stored_in_scope as (

    select * from {{ stored }}

),

{% endif %}

final as (

    select
        coalesce(hashed_in_scope.signal_id, stored_in_scope.signal_id) as signal_id,
        {%- for column in signal_columns() if column != 'signal_id' %}
        hashed_in_scope.{{ column }},
        {%- endfor %}
        hashed_in_scope.signal_row_hash,
        {%- for column in key_columns %}
        stored_in_scope.{{ column }} as previous_{{ column }},
        {%- endfor %}
        case
            when stored_in_scope.signal_id is null then 'inserted'
            when hashed_in_scope.signal_id is null then 'deleted'
            else 'replaced'
        end as change_type
    from hashed_in_scope
    full outer join stored_in_scope
        on hashed_in_scope.signal_id = stored_in_scope.signal_id
    where
        stored_in_scope.signal_id is null
        or hashed_in_scope.signal_id is null
        or hashed_in_scope.signal_row_hash <> stored_in_scope.signal_row_hash

)

{% endif %}

select * from final
