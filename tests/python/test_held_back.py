"""Held-back days (`lens generate --hold-back-days`, `lens append-day`) and the whole-database comparison the
benchmark's incremental step uses to prove an incremental build equals a full refresh."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pyarrow.compute as pc
import pyarrow.parquet as pq

from decision_lens.bench.incremental import compare_databases
from decision_lens.generate.datasets import dataset_matches
from decision_lens.generate.held_back import APPEARANCE_COLUMNS, HELD_BACK_DIR
from decision_lens.raw_contract import TABLES

AS_OF = dt.date(2026, 10, 30)


def _rows_by_day(path, column) -> dict[dt.date, int]:
    table = pq.read_table(path)
    days = table.column(column)
    days = days if str(days.type).startswith("date") else pc.cast(days, "date32")
    counts: dict[dt.date, int] = {}
    for day in days.to_pylist():
        counts[day] = counts.get(day, 0) + 1
    return counts


def test_the_last_days_are_held_back_and_appended_one_at_a_time(lens, tmp_path):
    whole, cut = tmp_path / "whole", tmp_path / "cut"
    base = ("generate", "--preset", "ci", "--as-of", AS_OF.isoformat())
    assert lens(*base, "--out", str(whole))[0] == 0
    code, out, err = lens(*base, "--out", str(cut), "--hold-back-days", "2")
    assert code == 0, err
    assert "2026-10-29" in out and "2026-10-30" in out
    assert not dataset_matches(cut, "ci", 7, AS_OF, "parquet"), "a cut dataset is not the preset's"

    activity = "marketing/activity.parquet"
    before = _rows_by_day(whole / activity, "occurred_at")
    after = _rows_by_day(cut / activity, "occurred_at")
    assert max(after) == AS_OF - dt.timedelta(days=2)
    assert {day: n for day, n in before.items() if day < AS_OF - dt.timedelta(days=1)} == after

    code, out, err = lens("append-day", "--raw-dir", str(cut), "--db", str(tmp_path / "x.duckdb"))
    assert code == 0, err
    assert "Appended 2026-10-29" in out and "Held back still: 2026-10-30" in out
    part = cut / "marketing" / "activity" / "2026-10-29.parquet"
    assert _rows_by_day(part, "occurred_at") == {
        AS_OF - dt.timedelta(days=1): before[AS_OF - dt.timedelta(days=1)]
    }
    assert json.loads((cut / "_generation.json").read_text())["appended"] == ["2026-10-29"]

    assert lens("append-day", "--raw-dir", str(cut), "--db", str(tmp_path / "x.duckdb"))[0] == 0
    # every row of every held-back table is back, once
    for table in TABLES:
        if table.key not in APPEARANCE_COLUMNS:
            continue
        parts = [cut / table.source / f"{table.name}.parquet", *(cut / table.source / table.name).glob("*")]
        rows = sum(pq.read_metadata(path).num_rows for path in parts)
        assert rows == pq.read_metadata(whole / table.source / f"{table.name}.parquet").num_rows, table.key
    assert not list((cut / HELD_BACK_DIR).glob("*/*/*.parquet"))

    code, _, err = lens("append-day", "--raw-dir", str(cut), "--db", str(tmp_path / "x.duckdb"))
    assert code == 2 and "no held-back day" in err and "--hold-back-days" in err


def test_holding_back_needs_parquet_and_no_corruption(lens, tmp_path):
    code, _, err = lens(
        "generate", "--preset", "ci", "--out", str(tmp_path), "--format", "csv", "--hold-back-days", "1"
    )
    assert code == 2 and "Parquet" in err
    code, _, err = lens(
        "generate", "--preset", "ci", "--out", str(tmp_path), "--corrupt", "--hold-back-days", "1"
    )
    assert code == 2 and "do not go together" in err


def _database(path, rows):
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema main_marts")
        connection.execute("create table main_marts.t (id varchar, amount decimal(18, 2), share double)")
        connection.executemany("insert into main_marts.t values (?, ?, ?)", rows)
        connection.execute("create schema other")  # not a schema the build writes: never compared
        connection.execute("create table other.scratch as select 1 as x")


def test_append_day_refuses_a_folder_without_a_manifest_and_moves_nothing(lens, tmp_path):
    """A held-back day in a folder lens generate did not write (no manifest): an error, the day kept."""
    held = tmp_path / HELD_BACK_DIR / "marketing" / "activity" / "2026-10-30.parquet"
    held.parent.mkdir(parents=True)
    held.write_bytes(b"not read")
    code, _, err = lens("append-day", "--raw-dir", str(tmp_path), "--db", str(tmp_path / "x.duckdb"))
    assert code == 2 and "_generation.json" in err and "not a dataset lens generate wrote" in err
    assert held.read_bytes() == b"not read"
    assert not (tmp_path / "marketing").exists() and not (tmp_path / "_generation.json").exists()


def test_equal_databases_compare_equal_up_to_the_last_bits_of_a_double(tmp_path):
    _database(tmp_path / "a.duckdb", [("1", 10.5, 0.1 + 0.2), ("2", 3, 0.5)])
    _database(tmp_path / "b.duckdb", [("2", 3, 0.5), ("1", 10.5, 0.3)])
    assert compare_databases(tmp_path / "a.duckdb", tmp_path / "b.duckdb", tmp_path) == []


def test_doubles_a_rounding_boundary_apart_compare_equal_and_a_real_change_does_not(tmp_path):
    boundary = 476.2387669435  # rounds to ...669 or ...670 at 9 decimals, whichever side the last bits fall
    _database(tmp_path / "a.duckdb", [("1", 1, boundary + 1e-13), ("2", 1, 0.5), ("2", 1, 0.25)])
    _database(tmp_path / "b.duckdb", [("1", 1, boundary - 1e-13), ("2", 1, 0.25), ("2", 1, 0.5)])
    assert compare_databases(tmp_path / "a.duckdb", tmp_path / "b.duckdb", tmp_path) == []
    _database(tmp_path / "c.duckdb", [("1", 1, boundary + 1e-6), ("2", 1, 0.5), ("2", 1, 0.25)])
    (difference,) = compare_databases(tmp_path / "c.duckdb", tmp_path / "b.duckdb", tmp_path)
    assert (difference.only_incremental, difference.only_full_refresh) == (1, 1)


def test_a_changed_duplicated_or_missing_row_is_a_difference(tmp_path):
    _database(tmp_path / "a.duckdb", [("1", 10.5, 0.25), ("2", 3, 0.5), ("2", 3, 0.5)])
    _database(tmp_path / "b.duckdb", [("1", 10.51, 0.25), ("2", 3, 0.5)])
    (difference,) = compare_databases(tmp_path / "a.duckdb", tmp_path / "b.duckdb", tmp_path)
    assert difference.table == "main_marts.t"
    assert (difference.rows_incremental, difference.rows_full_refresh) == (3, 2)
    assert (difference.only_incremental, difference.only_full_refresh) == (2, 1)


def test_a_table_only_one_side_has_is_a_difference(tmp_path):
    _database(tmp_path / "a.duckdb", [("1", 1, 0.5)])
    _database(tmp_path / "b.duckdb", [("1", 1, 0.5)])
    with duckdb.connect(str(tmp_path / "b.duckdb")) as connection:
        connection.execute("create table main_marts.extra as select 1 as x")
    (difference,) = compare_databases(tmp_path / "a.duckdb", tmp_path / "b.duckdb", tmp_path)
    assert difference.table == "main_marts.extra" and difference.rows_incremental == -1
