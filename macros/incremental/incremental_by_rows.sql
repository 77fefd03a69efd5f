{#
    How the incremental models (signals, int_person_scores) replace the rows a run recomputes, per engine:
      - DuckDB and Postgres: delete+insert on the unique key;
      - Spark with a table format that updates rows (var spark_file_format: delta, iceberg or hudi): merge;
      - Spark on plain Parquet (the local session's default): no format-level row replacement, so the model
        is a table, rebuilt whole on every run: what an incremental run would give, since an incremental
        run equals a full refresh by design.
    A model uses both: materialized=incremental_materialization(), incremental_strategy=incremental_strategy().
#}
{% macro replaces_rows() %}
    {{ return(target.type != 'spark' or var('spark_file_format', 'parquet') in ('delta', 'iceberg', 'hudi')) }}
{% endmacro %}

{% macro incremental_materialization() %}
    {{ return('incremental' if replaces_rows() else 'table') }}
{% endmacro %}

{% macro incremental_strategy() %}
    {{ return('merge' if target.type == 'spark' else 'delete+insert') }}
{% endmacro %}


{#
    The strategy of a model whose pre-hook (delete_recomputed_rows) has deleted every row it recomputes:
    append, as delete+insert would delete them again (a join of the whole table with the new rows on the
    unique key); merge on Spark.
#}
{% macro strategy_after_pre_hook_delete() %}
    {{ return('merge' if target.type == 'spark' else 'append') }}
{% endmacro %}


{#
    The config of a model recomputed by one key on a daily run from a run log (the attribution models, by
    opportunity): incremental, the rows of every key the log lists deleted first (pre-hook
    delete_recomputed_rows), then those keys' rows inserted again (strategy_after_pre_hook_delete). The
    model reads the log (ref) and selects only its keys when is_incremental().
#}
{% macro recomputed_from_log(log_model, key_column, unique_key) %}
    {{ return({
        'materialized': incremental_materialization(),
        'incremental_strategy': strategy_after_pre_hook_delete(),
        'unique_key': unique_key,
        'on_schema_change': 'fail',
        'pre_hook': "{{ delete_recomputed_rows(this, 'select " ~ key_column ~ " from ' ~ ref('"
            ~ log_model ~ "'), ['" ~ key_column ~ "']) }}",
    }) }}
{% endmacro %}
