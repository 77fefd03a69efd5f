"""The daily runs of `lens bench`: append the next held-back day, then a day of edits, deletions and late
rows, then nothing; build each without --full-refresh, then prove the result equals a full refresh on the
same raw data, table by table.

Equal means the same multiset of rows in every table the build writes (base, intermediate, marts, quality),
but the run logs (config meta run_log: what one run changed, empty after a full refresh) and the base
models' dbt_invocation_id (the command that wrote each row: a daily run keeps the rows it did not read again);
doubles are compared at 9 decimals, since a sum's last bits depend on the order rows are added in. Each
table is first compared by row count and the sum of its rows' hashes, one scan per side (EXCEPT ALL over
every table took over 10 minutes at 12M rows); only a table whose fingerprints differ is compared both ways
with EXCEPT ALL, to count the rows only one side has. Two doubles 1e-13 apart can still round to two
neighbouring 9th decimals (476.2387669435 +- 1e-13): rows left over on both sides are paired by their other
columns, and a pair whose doubles are at most one 9th-decimal step apart is equal.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from decision_lens.project import Workspace, dbt_environment, duckdb_settings, tool
from decision_lens.summary import node_seconds_by_type, run_result_nodes, slowest_nodes

# The daily run: models and data tests. Unit tests check the SQL on hand-made rows, not the day's data, so a
# production run leaves them to CI (dbt's own advice); the full build of the bench runs them.
INCREMENTAL_COMMAND = "dbt build --exclude-resource-type unit_test"
# The reference it is compared with: seeds and models from nothing. Its data tests would only repeat the daily
# run's on the same data (the comparison is of the tables), and its unit tests the full build's.
REFERENCE_COMMAND = "dbt build --full-refresh --exclude-resource-type unit_test test"
COMPARED_SCHEMAS = ("main_staging", "main_intermediate", "main_marts", "main_quality")
DOUBLE_DECIMALS = 9
DOUBLE_TYPES = ("DOUBLE", "FLOAT")
# Which dbt command wrote a base row: a daily run and a full refresh differ there by design.
RUN_COLUMNS = ("dbt_invocation_id",)


@dataclass
class TableDifference:
    table: str
    rows_incremental: int
    rows_full_refresh: int
    only_incremental: int
    only_full_refresh: int


def _tables(connection: duckdb.DuckDBPyConnection, catalog: str) -> list[str]:
    rows = connection.execute(
        "select schema_name || '.' || table_name from duckdb_tables() "
        "where database_name = ? and schema_name in (select unnest(?)) order by 1",
        [catalog, list(COMPARED_SCHEMAS)],
    ).fetchall()
    return [row[0] for row in rows]


def _columns(connection: duckdb.DuckDBPyConnection, catalog: str, table: str) -> list[tuple[str, str]]:
    schema, name = table.split(".")
    return connection.execute(
        "select column_name, data_type from duckdb_columns() "
        "where database_name = ? and schema_name = ? and table_name = ? "
        "and column_name not in (select unnest(?)) order by column_index",
        [catalog, schema, name, list(RUN_COLUMNS)],
    ).fetchall()


def _column_names(connection: duckdb.DuckDBPyConnection, catalog: str, table: str) -> list[str]:
    return [name for name, _ in _columns(connection, catalog, table)]


def _select_list(connection: duckdb.DuckDBPyConnection, catalog: str, table: str) -> str:
    columns = _columns(connection, catalog, table)
    return ", ".join(
        f'round("{column}", {DOUBLE_DECIMALS}) as "{column}"' if data_type in DOUBLE_TYPES else f'"{column}"'
        for column, data_type in columns
    )


def _fingerprint(connection: duckdb.DuckDBPyConnection, catalog: str, table: str, columns: str) -> tuple:
    """(rows, sum of row hashes): equal for equal multisets of rows, whatever their order."""
    names = ", ".join(f'"{name}"' for name in _column_names(connection, catalog, table))
    return connection.execute(
        f"select count(*), sum(hash({names})) from (select {columns} from {catalog}.{table})"
    ).fetchone()


def _unpaired(
    connection: duckdb.DuckDBPyConnection, columns: list[tuple[str, str]], a: str, b: str
) -> tuple[int, int]:
    """Rows of a not in b and of b not in a (EXCEPT ALL), less the pairs whose doubles are one step apart.

    Without doubles nothing pairs: a row cannot be left over on both sides of EXCEPT ALL."""
    keys = [f'"{name}"' for name, data_type in columns if data_type not in DOUBLE_TYPES]
    doubles = [f'"{name}"' for name, data_type in columns if data_type in DOUBLE_TYPES]
    step = 1.5 * 10**-DOUBLE_DECIMALS
    numbered = (
        f"select *, row_number() over (partition by {', '.join(keys) or '1'} "
        f"order by {', '.join(doubles) or '1'}) as pair_number from ({{}})"
    )
    paired = " and ".join(
        [f"only_a.{key} is not distinct from only_b.{key}" for key in keys]
        + ["only_a.pair_number = only_b.pair_number"]
        + [
            f"(only_a.{column} is null and only_b.{column} is null "
            f"or abs(only_a.{column} - only_b.{column}) <= {step})"
            for column in doubles
        ]
    )
    only_a, only_b, pairs = connection.execute(
        f"with only_a as ({numbered.format(f'{a} except all {b}')}), "
        f"only_b as ({numbered.format(f'{b} except all {a}')}) "
        "select (select count(*) from only_a), (select count(*) from only_b), "
        f"(select count(*) from only_a inner join only_b on {paired})"
    ).fetchone()
    return only_a - pairs, only_b - pairs


def run_log_tables(target_dir: Path) -> set[str]:
    """The schema.table of the models whose rows are what one run changed (config meta run_log, e.g.
    int_signal_changes): a daily run's log is not a full refresh's, which is empty by design."""
    manifest = json.loads((target_dir / "manifest.json").read_text())
    return {
        f"{node['schema']}.{node['alias']}"
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["config"].get("meta", {}).get("run_log")
    }


def compare_databases(
    incremental: Path, full_refresh: Path, scratch: Path, skipped: frozenset[str] = frozenset()
) -> list[TableDifference]:
    """Every compared table of both databases whose rows differ (or that only one has), but the skipped
    ones: empty when equal."""
    config = {**duckdb_settings(), "temp_directory": str(scratch / "compare.tmp")}
    connection = duckdb.connect(config=config)
    connection.execute(f"attach '{incremental}' as inc (read_only)")
    connection.execute(f"attach '{full_refresh}' as ful (read_only)")
    differences = []
    left, right = set(_tables(connection, "inc")) - skipped, set(_tables(connection, "ful")) - skipped
    for table in sorted(left | right):
        if table not in left or table not in right:
            differences.append(
                TableDifference(table, -1 if table not in left else 0, -1 if table not in right else 0, 0, 0)
            )
            continue
        columns = _select_list(connection, "ful", table)
        if _fingerprint(connection, "inc", table, columns) == _fingerprint(connection, "ful", table, columns):
            continue
        a, b = f"select {columns} from inc.{table}", f"select {columns} from ful.{table}"
        rows_a, rows_b = connection.execute(
            f"select (select count(*) from inc.{table}), (select count(*) from ful.{table})"
        ).fetchone()
        only_a, only_b = _unpaired(connection, _columns(connection, "ful", table), a, b)
        if only_a or only_b or rows_a != rows_b:
            differences.append(TableDifference(table, rows_a, rows_b, only_a, only_b))
    connection.close()
    return differences


def _daily_run(root: Path, workspace: Workspace, run_measured, name: str, delivered: dict[str, int]) -> dict:
    """One daily run (INCREMENTAL_COMMAND) after a delivery: its time, memory and nodes."""
    env = dbt_environment(root, workspace)
    (workspace.target_dir / "run_results.json").unlink(missing_ok=True)
    measured = run_measured([tool("dbt"), "--quiet", *INCREMENTAL_COMMAND.split()[1:]], env=env, cwd=root)
    results = run_result_nodes(workspace.target_dir)
    return {
        "name": name,
        "rows_delivered": sum(delivered.values()),
        "delivered": delivered,
        "seconds": measured.seconds,
        "peak_mib": measured.peak_mib,
        "exit_code": measured.exit_code,
        "node_seconds_by_type": node_seconds_by_type(results),
        "slowest": slowest_nodes(results),
    }


def measure_incremental(root: Path, workspace: Workspace, scratch: Path, run_measured) -> dict:
    """Three days, each built as a daily run, then a full refresh beside them, compared after the last two:
      1. the next held-back day appended (new rows: the daily run the ratios are about);
      2. edits, deletions and late rows of that day (decision_lens.generate.changes);
      3. nothing new.
    Days 2 and 3 read the same raw data, so one full refresh is compared with the database after each."""
    import datetime as dt

    from decision_lens.generate.changes import append_changes
    from decision_lens.generate.held_back import append_day, held_back_days

    if not held_back_days(workspace.raw_dir):
        return {"skipped": "no held-back day in the raw data (generate with --hold-back-days)"}
    day, rows = append_day(workspace.raw_dir)
    days = [_daily_run(root, workspace, run_measured, f"append {day}", rows)]
    changes = append_changes(workspace.raw_dir, dt.date.fromisoformat(day))
    days.append(
        _daily_run(root, workspace, run_measured, f"edits, deletions and late rows of {day}", changes)
    )
    after_changes = scratch / "after_changes.duckdb"
    shutil.copyfile(workspace.db_path, after_changes)
    days.append(_daily_run(root, workspace, run_measured, "nothing new", {}))

    reference = Workspace(
        raw_dir=workspace.raw_dir, db_path=scratch / "full_refresh" / "decision_lens.duckdb"
    )
    reference.db_path.parent.mkdir(parents=True, exist_ok=True)
    reference_env = dbt_environment(root, reference)
    full = run_measured([tool("dbt"), "--quiet", *REFERENCE_COMMAND.split()[1:]], env=reference_env, cwd=root)
    logs = frozenset(run_log_tables(workspace.target_dir))
    for compared, database in ((days[1], after_changes), (days[2], workspace.db_path)):
        differences = compare_databases(database, reference.db_path, scratch, logs)
        compared["equal_to_full_refresh"] = (
            not differences and compared["exit_code"] == 0 and full.exit_code == 0
        )
        compared["differences"] = [asdict(difference) for difference in differences]
    after_changes.unlink()
    shutil.rmtree(reference.db_path.parent, ignore_errors=True)
    return {
        **days[0],
        "day": day,
        "rows_appended": sum(rows.values()),
        "later_days": days[1:],
        "full_refresh_seconds": full.seconds,
        "full_refresh_exit_code": full.exit_code,
        "equal_to_full_refresh": all(later["equal_to_full_refresh"] for later in days[1:]),
        "differences": [difference for later in days[1:] for difference in later["differences"]],
    }
