{#
    One row: is_daily_run is true when this run updates the stored incremental tables (a daily run), false
    when it builds them from nothing (the first build, --full-refresh, or an engine that rebuilds them
    whole: previous_state). On a daily run the data tests of the large incremental tables check only the
    rows the run wrote (macro get_where_subquery); otherwise they check every row. Built before the change
    logs, which read the stored tables the same way.
#}

select {{ 'true' if previous_state('signals') is not none else 'false' }} as is_daily_run
