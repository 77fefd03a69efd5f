{#
    The config of a staging view over a base model: on a daily run of `dbt build`, its data tests read the
    rows of the keys the run wrote into the base model (each base row names the dbt command that wrote it,
    dbt_invocation_id), as the base model's own tests do. keys maps the view's columns to the base's key.
#}
{% macro tested_on_written_base_rows(base_model, keys) %}
    {{ config(meta={'tested_on_daily_run': {
        'log': base_model, 'keys': keys, 'invocation_column': 'dbt_invocation_id',
    }}) }}
{% endmacro %}
