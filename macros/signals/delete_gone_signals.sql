{#- Post-hook of the signals mart: on a daily run, delete the signals int_signal_changes found gone. -#}
{% macro delete_gone_signals(relation) %}
    {%- if is_incremental() -%}
    delete from {{ relation }}
    where signal_id in (
        select gone.signal_id from {{ ref('int_signal_changes') }} as gone
        where gone.change_type = 'deleted'
    )
    {%- endif -%}
{% endmacro %}
