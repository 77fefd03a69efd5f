"""decision_unit_weeks is point in time: a week's row never depends on signals dated after the week.

The CI dataset is built twice with `lens build --select +decision_unit_weeks`: once as generated, once with
the marketing activities and sales tasks dated on or after a cutoff day removed, as if the data had been read
before that day. Every week ending before the cutoff must come out identical, column for column. (The as-of
day differs between the two builds, so only those weeks are compared; no var needs passing.)

Only models and seeds are built (DBT_INDIRECT_SELECTION=empty skips the data and unit tests, which the full
test suite runs anyway), which keeps the two builds to a few seconds each.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from conftest import ROOT, build_without_unit_tests

CUTOFF_DAYS_BEFORE_AS_OF = 180
WEEKS_QUERY = "select * from main_marts.decision_unit_weeks where week_end_date < ? order by all"


def _signal_day(table: pa.Table, *columns: str) -> pa.Array:
    """The day a raw row becomes a signal: the first non-null of the columns, as a date."""
    return pc.coalesce(*(pc.cast(table[column], pa.date32()) for column in columns))


def _drop_from(path: Path, cutoff: dt.date, *day_columns: str) -> int:
    """Rewrite a raw Parquet file without its rows dated on or after the cutoff; returns the rows dropped."""
    table = pq.read_table(path)
    kept = table.filter(pc.less(_signal_day(table, *day_columns), pa.scalar(cutoff, pa.date32())))
    pq.write_table(kept, path)
    return table.num_rows - kept.num_rows


def _build(raw_dir: Path, db_path: Path) -> None:
    """`lens build --select +decision_unit_weeks`, models and seeds only: the weeks are compared."""
    args = ["--raw-dir", str(raw_dir), "--db", str(db_path), "--select", "+decision_unit_weeks", "--quiet"]
    assert build_without_unit_tests(*args, data_tests=False) == 0, f"lens build failed on {raw_dir}"


def _weeks_before(db_path: Path, cutoff: dt.date) -> list[tuple]:
    with duckdb.connect(str(db_path), read_only=True) as connection:
        return connection.execute(WEEKS_QUERY, [cutoff]).fetchall()


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """(cutoff, full database, cut database, rows dropped) for the CI dataset, seed 7."""
    from decision_lens.generate.datasets import regenerate

    base = tmp_path_factory.mktemp("point_in_time")
    full_raw = base / "full"
    report = regenerate("ci", 7, full_raw, "parquet", None)
    cutoff = report.as_of - dt.timedelta(days=CUTOFF_DAYS_BEFORE_AS_OF)

    cut_raw = base / "cut"
    shutil.copytree(full_raw, cut_raw)
    # the signal day of each source, as the signal models take it: an activity's occurred_at, a task's
    # activity date falling back to its creation
    dropped = _drop_from(cut_raw / "marketing" / "activity.parquet", cutoff, "occurred_at")
    dropped += _drop_from(cut_raw / "crm" / "task.parquet", cutoff, "activity_date", "created_date")

    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        _build(full_raw, base / "full.duckdb")
        _build(cut_raw, base / "cut.duckdb")
    return cutoff, base / "full.duckdb", base / "cut.duckdb", dropped


def test_weeks_ending_before_the_cutoff_ignore_later_signals(builds):
    cutoff, full_db, cut_db, _ = builds
    full_weeks = _weeks_before(full_db, cutoff)
    cut_weeks = _weeks_before(cut_db, cutoff)
    assert len(full_weeks) == len(cut_weeks)
    for full_row, cut_row in zip(full_weeks, cut_weeks, strict=True):
        assert full_row == cut_row


def test_the_comparison_is_not_vacuous(builds):
    """Guard: the cut removed signals, the compared weeks hold every state, and later weeks do change."""
    cutoff, full_db, cut_db, dropped = builds
    assert dropped > 100
    with duckdb.connect(str(full_db), read_only=True) as connection:
        states = {
            row[0]
            for row in connection.execute(
                "select distinct readiness_state from main_marts.decision_unit_weeks where week_end_date < ?",
                [cutoff],
            ).fetchall()
        }
    assert {"engaged", "evaluating", "decision_ready"} <= states
    later = "select * from main_marts.decision_unit_weeks where week_end_date >= ? order by all"
    with duckdb.connect(str(full_db), read_only=True) as connection:
        full_later = connection.execute(later, [cutoff]).fetchall()
    with duckdb.connect(str(cut_db), read_only=True) as connection:
        cut_later = connection.execute(later, [cutoff]).fetchall()
    assert full_later != cut_later
