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
    "q_exponent_amount": ({"amount": " 1e3 "}, None),
    "q_bad_date": ({"created_date": "2026-13-45"}, "unparsable_created_date"),
    "q_no_such_day": ({"created_date": "2026-02-29 10:00:00"}, "unparsable_created_date"),
    "q_no_such_minute": ({"created_date": "2026-01-01 10:60"}, "unparsable_created_date"),
    "q_offset": ({"created_date": "2026-01-01T01:00:00-08:00"}, None),
    "q_offset_no_such_day": ({"created_date": "2026-02-30T01:00:00+02:00"}, "unparsable_created_date"),
    "q_bad_flag": ({"is_won": "maybe"}, "unparsable_is_won"),
    "q_future": ({"created_date": "2099-01-01 10:00:00"}, "future_created_date"),
    "q_future_and_negative": ({"created_date": "2099-01-01 10:00:00", "amount": "-5"}, "future_created_date"),
    "q_negative": ({"amount": "-5"}, "negative_amount"),
    "q_huge": ({"amount": "2000000000"}, "implausible_amount"),
    "q_deleted": ({"is_deleted": "true"}, None),
}
HAND_MADE_ROWS = (
    "select coalesce(id, ''), amount, raw_copies, quarantine_reason from {schema}.base_crm__opportunities "
    "where coalesce(id, '') = '' or id like 'q_%'"
)


def add_hand_made_opportunities(raw) -> None:
    """HAND_MADE's rows, q_edited in two versions (the later one with amount 1) and q_ok twice, added to
    crm/opportunity.csv of the raw folder."""
    path = raw / "crm" / "opportunity.csv"
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


def assert_hand_made_reasons(got: list[tuple]) -> None:
    reasons = {key: reason for key, _, _, reason in got if key != "q_edited"}
    assert reasons == {key: reason for key, (_, reason) in HAND_MADE.items()}
    assert sorted((amount, reason) for key, amount, _, reason in got if key == "q_edited") == [
        (1.0, None),
        (2.0, "duplicate_key"),
    ], "the latest version is kept"
    assert [copies for key, _, copies, _ in got if key == "q_ok"] == [2]
    assert [amount for key, amount, _, _ in got if key == "q_exponent_amount"] == [1000.0]


def test_each_rule_on_hand_made_rows_first_reason_wins(raw_copy, tmp_path):
    from decision_lens.project import Workspace, run_dbt

    add_hand_made_opportunities(raw_copy)
    workspace = Workspace(raw_dir=raw_copy, db_path=tmp_path / "lens.duckdb")
    assert run_dbt(ROOT, workspace, ["run", "--select", "base_crm__opportunities"], silent=True) == 0
    assert_hand_made_reasons(query(workspace.db_path, HAND_MADE_ROWS.format(schema="main_staging")))


@pytest.mark.postgres
def test_postgres_gives_hand_made_rows_the_same_reasons(lens, raw_copy, tmp_path, postgres):
    """Postgres before 16 has no try_cast: a value that does not parse must be a reason, not an error."""
    from decision_lens.project import Workspace, run_dbt

    add_hand_made_opportunities(raw_copy)
    assert lens("load", "--target", "postgres", "--raw-dir", str(raw_copy))[0] == 0
    workspace = Workspace(
        raw_dir=raw_copy, db_path=tmp_path / "lens.duckdb", target="postgres", engine="postgres"
    )
    assert run_dbt(ROOT, workspace, ["run", "--select", "+base_crm__opportunities"], silent=True) == 0
    assert_hand_made_reasons(postgres(HAND_MADE_ROWS.format(schema="analytics_staging")))


# Text as a CSV delivery may hold it, read as each contract type: every engine must read it as DuckDB does.
TEXT_VALUES = {
    "bigint": ["12", " 12 ", "+12", "-3", "12x", "1.0", "1e3", "1.5", "-2.5", "", "1e30"],
    "double": ["1.5", ".5", "5.", "1E-3", "NaN", "-Infinity", "1,5", " 2 ", "-0", "abc", "1e-5"],
    "boolean": ["true", "TRUE", "t", "f", "1", "0", "yes", "No", "y", "n", "maybe", "2", " true "],
    "date": [
        *("2026-01-05", "2026-1-5", "2026-13-45", "2026-02-29", "2024-02-29", "2026-01-05T10:00"),
        *("01/05/2026", "2026-04-31", "2026-01-00", "2026-01-05 10:00:00"),
    ],
    "timestamp": [
        *("2026-01-05", "2026-01-05 10:00", "2026-01-05T10:00:00.123456", "2026-01-05 24:00", "lots"),
        *("2026-01-05 23:60", "2026-02-30 10:00", "2026-01-05 1:2:3", "2026-01-05 23:59:59.5", "10:00"),
    ],
}
TYPE_MACROS = {
    "bigint": "dbt.type_bigint()",
    "double": "type_double()",
    "boolean": "dbt.type_boolean()",
    "date": "'date'",
    "timestamp": "dbt.type_timestamp()",
}


def text_values_as_read(workspace) -> dict[tuple[str, str], object]:
    """TEXT_VALUES through macro try_cast on the workspace's engine (dbt show): {(type, text): value}, numbers
    as floats, other values as text."""
    import subprocess

    from decision_lens.project import dbt_environment, tool

    texts = [(kind, text) for kind, values in TEXT_VALUES.items() for text in values]
    rows = " union all ".join(f"select {i}, '{kind}', '{text}'" for i, (kind, text) in enumerate(texts))
    cases = " ".join(
        f"when '{kind}' then cast({{{{ try_cast('raw_text', {macro}) }}}} as {{{{ dbt.type_string() }}}})"
        for kind, macro in TYPE_MACROS.items()
    )
    sql = f"select i, case kind {cases} end as value from ({rows}) as texts (i, kind, raw_text) order by i"
    command = [tool("dbt"), "show", "--inline", sql, "--output", "json", "--limit", "-1", "--quiet"]
    completed = subprocess.run(
        command, cwd=ROOT, env=dbt_environment(ROOT, workspace), capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    values = [row["value"] for row in json.loads(completed.stdout)["show"]]
    assert len(values) == len(texts)
    return {
        (kind, text): str(float(value)) if value is not None and kind in ("bigint", "double") else value
        for (kind, text), value in zip(texts, values, strict=True)
    }


def assert_text_values_read_as_on_duckdb(tmp_path, target: str) -> None:
    from decision_lens.project import Workspace

    on_duckdb = text_values_as_read(Workspace(raw_dir=tmp_path, db_path=tmp_path / "lens.duckdb"))
    on_target = text_values_as_read(
        Workspace(raw_dir=tmp_path, db_path=tmp_path / "lens.duckdb", target=target, engine=target)
    )
    assert on_target == on_duckdb
    unread = {key for key, value in on_duckdb.items() if value is None}
    assert ("bigint", "12x") in unread and ("timestamp", "2026-02-30 10:00") in unread  # the test has teeth
    assert ("timestamp", "2026-01-05 1:2:3") not in unread


@pytest.mark.postgres
def test_postgres_reads_text_values_as_duckdb_does(tmp_path, postgres):
    assert_text_values_read_as_on_duckdb(tmp_path, "postgres")


@pytest.mark.spark
def test_spark_reads_text_values_as_duckdb_does(tmp_path, monkeypatch):
    monkeypatch.setenv("DECISION_LENS_SPARK_DIR", str(tmp_path / "spark"))
    assert_text_values_read_as_on_duckdb(tmp_path, "spark")
