{#
    The contexts (macro signal_contexts) that changed since the signals mart was last built: the facts
    present now and not in int_signal_contexts (is_current true), or there and gone now (false). Read by
    int_signal_changes (the signals to compare) and int_decision_unit_changes (a unit whose renewal ends or
    fiscal year changed is judged again from the first day they move). Empty on a full refresh, on the first
    build, and when no contexts are stored (int_signal_changes then compares every signal).
#}

{%- set compared = previous_state('int_signal_contexts') -%}

-- depends_on: {{ ref('int_run_kind') }}
-- the contexts' models (macro signal_contexts), read on a daily run:
-- depends_on: {{ ref('int_contacts_classified') }}, {{ ref('int_leads_classified') }}
-- depends_on: {{ ref('int_accounts_rolled_up') }}, {{ ref('int_renewal_windows') }}
-- depends_on: {{ ref('stg_crm__campaigns') }}
{%- for base_models in signal_rows_read_again().values() %}{% for base_model in base_models %}
-- depends_on: {{ ref(base_model) }}
{%- endfor %}{% endfor %}

{% if compared is none or previous_state('signals') is none %}

select
    cast(null as {{ dbt.type_string() }}) as context_type,
    cast(null as {{ dbt.type_string() }}) as context_id,
    cast(null as {{ dbt.type_string() }}) as context_value,
    cast(null as {{ dbt.type_boolean() }}) as is_current
where 1 = 0

{% else %}

with

contexts as (

    {{ signal_contexts() }}

),

compared_contexts as (

    select * from {{ compared }}

),

final as (

    select
        coalesce(contexts.context_type, compared_contexts.context_type) as context_type,
        coalesce(contexts.context_id, compared_contexts.context_id) as context_id,
        coalesce(contexts.context_value, compared_contexts.context_value) as context_value,
        contexts.context_type is not null as is_current
    from contexts
    full outer join compared_contexts
        on
            contexts.context_type = compared_contexts.context_type
            and contexts.context_id = compared_contexts.context_id
            and contexts.context_value = compared_contexts.context_value
    where contexts.context_type is null or compared_contexts.context_type is null

)

select * from final

{% endif %}
