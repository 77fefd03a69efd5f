"""Bad raw input: a dataset with known faults (`lens generate --corrupt`) builds, and every fault is found.

The faults and their counts are in <raw>/faults.json (src/decision_lens/generate/corrupt.py); the project
must quarantine exactly those rows (or null exactly those values) and account for every raw row.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json

import duckdb
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from conftest import ROOT, build_without_unit_tests
from decision_lens.cli import main
from decision_lens.generate.corrupt import FAULTS_FILE
from decision_lens.raw_contract import TABLES


@pytest.fixture(scope="module")
def corrupted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corrupted")
    raw, db = folder / "raw", folder / "lens.duckdb"
    assert main(["generate", "--preset", "ci", "--out", str(raw), "--corrupt"]) == 0
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = build_without_unit_tests("--raw-dir", str(raw), "--db", str(db), "--quiet", "--no-reports")
    assert code == 0, "it must succeed"
    out = printed.getvalue()
    assert "Needs attention" in out and "Source freshness" not in out, "--no-reports: the summary only"
    return raw, db


def query(db, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def raw_row_count(raw, key: str) -> int:
    source, name = key.split(".")
    parquet = raw / source / f"{name}.parquet"
    if parquet.exists():
        return pq.read_metadata(parquet).num_rows
    return pacsv.read_csv(raw / source / f"{name}.csv").num_rows


def test_every_injected_fault_is_found_and_nothing_else(corrupted):
    raw, db = corrupted
    faults = json.loads((raw / FAULTS_FILE).read_text())
    expected = {
        (table, reason): rows for table, reasons in faults.items() for reason, rows in reasons.items()
    }
    found = query(db, "select source_table, reason, count(*) from main_quality.raw_quarantine group by all")
    assert {(table, reason): count for table, reason, count in found} == expected


def test_every_raw_row_is_staged_quarantined_deleted_or_a_copy(corrupted):
    raw, db = corrupted
    rows = query(
        db,
        "select source_table, rows_in, staged_rows + quarantined_rows + deleted_rows + exact_duplicate_rows "
        "from main_quality.raw_reconciliation",
    )
    assert {table for table, _, _ in rows} == {table.key for table in TABLES}
    for table, rows_in, accounted in rows:
        assert rows_in == raw_row_count(raw, table), table  # counted from the file, not from the models
        assert accounted == rows_in, table


def test_quarantined_rows_reach_no_mart_and_nulled_values_are_null(corrupted):
    _, db = corrupted
    in_mart = query(
        db,
        "select count(*) from main_quality.raw_quarantine as q "
        "join main_marts.opportunities as o on q.record_key = o.opportunity_id "
        "where q.source_table = 'crm.opportunity' and q.handling = 'row_quarantined'",
    )
    assert in_mart == [(0,)], "a quarantined opportunity is in the opportunities mart"
    future_contacts = query(
        db,
        "select count(*) from main_quality.raw_quarantine as q join main_marts.contacts as c "
        "on q.record_key = c.contact_id where q.reason = 'future_created_date'",
    )
    assert future_contacts == [(0,)]
    nulled = query(
        db,
        "select count(*), count(s.email) from main_quality.raw_quarantine as q "
        "join main_staging.stg_crm__contacts as s on q.record_key = s.contact_id "
        "where q.reason = 'malformed_email'",
    )
    assert nulled == [(4, 0)], "the contacts are staged, without their malformed email"


def test_corrupting_a_csv_dataset_is_refused(lens, tmp_path):
    code, _, err = lens("generate", "--preset", "ci", "--out", str(tmp_path), "--format", "csv", "--corrupt")
    assert code == 2
    assert "Parquet" in err


# Hand-made rows of crm.opportunity (CSV, so values can be of the wrong type), and the reason each must get:
# the first rule of macros/quality/checked_raw_rows.sql that applies, in its order.
HAND_MADE = {
    "q_ok": ({}, None),
    "": ({}, "null_key"),
    "q_text_amount": ({"amount": "lots"}, "unparsable_amount"),
    "q_bad_date": ({"created_date": "2026-13-45"}, "unparsable_created_date"),
    "q_bad_flag": ({"is_won": "maybe"}, "unparsable_is_won"),
    "q_future": ({"created_date": "2099-01-01 10:00:00"}, "future_created_date"),
    "q_future_and_negative": ({"created_date": "2099-01-01 10:00:00", "amount": "-5"}, "future_created_date"),
    "q_negative": ({"amount": "-5"}, "negative_amount"),
    "q_huge": ({"amount": "2000000000"}, "implausible_amount"),
    "q_deleted": ({"is_deleted": "true"}, None),
}


def test_each_rule_on_hand_made_rows_first_reason_wins(raw_copy, tmp_path):
    from decision_lens.project import Workspace, run_dbt

    path = raw_copy / "crm" / "opportunity.csv"
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    template = {**rows[0], "last_modified_date": "2026-01-01 10:00:00", "created_date": "2026-01-01 09:00:00"}
    added = [{**template, "id": key, **changes} for key, (changes, _) in HAND_MADE.items()]
    edited = {**template, "id": "q_edited", "amount": "1"}
    older = {**edited, "amount": "2", "last_modified_date": "2025-12-31 10:00:00"}
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows([*rows, *added, edited, older, added[0]])  # q_ok twice: an identical copy
    workspace = Workspace(raw_dir=raw_copy, db_path=tmp_path / "lens.duckdb")
    assert run_dbt(ROOT, workspace, ["run", "--select", "base_crm__opportunities"], silent=True) == 0
    got = query(
        workspace.db_path,
        "select coalesce(id, ''), amount, raw_copies, quarantine_reason "
        "from main_staging.base_crm__opportunities where coalesce(id, '') = '' or id like 'q_%'",
    )
    reasons = {key: reason for key, _, _, reason in got if key != "q_edited"}
    assert reasons == {key: reason for key, (_, reason) in HAND_MADE.items()}
    assert sorted((amount, reason) for key, amount, _, reason in got if key == "q_edited") == [
        (1.0, None),
        (2.0, "duplicate_key"),
    ], "the latest version is kept"
    assert [copies for key, _, copies, _ in got if key == "q_ok"] == [2]
