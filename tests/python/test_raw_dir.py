"""Pointing the project at another raw directory: the hand-written dataset, in CSV and in Parquet.

These build the whole project with `lens build --raw-dir ... --db ...`, the documented flag, and check what
staging keeps against counts computed here from the raw files themselves.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from conftest import RAW_SMALL, ROOT, build_without_unit_tests
from decision_lens.raw_contract import TABLES

STAGING_MODEL = {
    "crm.account": "stg_crm__accounts",
    "crm.contact": "stg_crm__contacts",
    "crm.lead": "stg_crm__leads",
    "crm.lead_history": "stg_crm__lead_history_entries",
    "crm.opportunity": "stg_crm__opportunities",
    "crm.opportunity_contact_role": "stg_crm__opportunity_contact_roles",
    "crm.opportunity_history": "stg_crm__opportunity_history_entries",
    "crm.campaign": "stg_crm__campaigns",
    "crm.campaign_member": "stg_crm__campaign_members",
    "crm.task": "stg_crm__tasks",
    "crm.event": "stg_crm__events",
    "crm.user": "stg_crm__users",
    "marketing.activity": "stg_marketing__activities",
    "intent.topic_score": "stg_intent__topic_scores",
    "contracts.contract": "stg_contracts__contracts",
}


def expected_staged_rows(raw_dir: Path) -> dict[str, int]:
    """Rows staging must keep: the raw rows, once each (exact duplicates collapse), minus deleted rows."""
    expected = {}
    for table in TABLES:
        with open(raw_dir / table.source / f"{table.name}.csv", newline="") as handle:
            rows = [tuple(row[column] for column in table.column_names) for row in csv.DictReader(handle)]
        position = table.column_names.index("is_deleted") if "is_deleted" in table.column_names else None
        kept = {row for row in rows if position is None or row[position] != "true"}
        expected[table.key] = len(kept)
    return expected


def staged_rows(db_path: Path) -> dict[str, int]:
    with duckdb.connect(str(db_path), read_only=True) as connection:
        return {
            key: connection.execute(f"select count(*) from main_staging.{model}").fetchone()[0]
            for key, model in STAGING_MODEL.items()
        }


def staged_table(db_path: Path, model: str) -> list[tuple]:
    with duckdb.connect(str(db_path), read_only=True) as connection:
        return connection.execute(f"select * from main_staging.{model} order by all").fetchall()


@pytest.fixture
def csv_build(small_build):
    """The whole project built on the hand-written CSV files (conftest's small_build asserts it succeeded)."""
    return 0, small_build.db_path


def test_build_on_another_raw_directory_succeeds(csv_build):
    code, db_path = csv_build
    assert code == 0
    assert db_path.exists()


def test_staging_keeps_every_row_except_deleted_rows_and_exact_duplicates(csv_build):
    _, db_path = csv_build
    assert staged_rows(db_path) == expected_staged_rows(RAW_SMALL)


def test_the_fixture_exercises_duplicates_and_deletions():
    """Guard for the test above: the dataset must contain the cases it is meant to prove."""
    raw_rows = {
        table.key: len((RAW_SMALL / table.source / f"{table.name}.csv").read_text().splitlines()) - 1
        for table in TABLES
    }
    expected = expected_staged_rows(RAW_SMALL)
    assert raw_rows["crm.contact"] - expected["crm.contact"] >= 2  # one duplicate, one deleted
    assert raw_rows["marketing.activity"] - expected["marketing.activity"] >= 1


def test_unmapped_values_are_kept_and_reported(csv_build, capfd):
    _, db_path = csv_build
    with duckdb.connect(str(db_path), read_only=True) as connection:
        unknown = connection.execute(
            "select count(*) from main_staging.stg_marketing__activities "
            "where activity_type not in (select signal_type from main_reference.signal_taxonomy "
            "where signal_type is not null)"
        ).fetchone()[0]
    assert unknown >= 1
    from decision_lens.cli import main

    assert main(["summary", "--db", str(db_path), "--raw-dir", str(RAW_SMALL)]) == 0
    assert "unmapped_activity_types" in capfd.readouterr().out


def test_parquet_files_give_the_same_staged_data_as_csv(csv_build, tmp_path):
    _, csv_db = csv_build
    parquet_dir = tmp_path / "raw"
    for table in TABLES:
        (parquet_dir / table.source).mkdir(parents=True, exist_ok=True)
        arrow = pacsv.read_csv(
            RAW_SMALL / table.source / f"{table.name}.csv",
            convert_options=pacsv.ConvertOptions(
                column_types=table.schema, include_columns=table.column_names, strings_can_be_null=True
            ),
        )
        pq.write_table(arrow, parquet_dir / table.source / f"{table.name}.parquet")
    parquet_db = tmp_path / "lens.duckdb"
    staging = ("--select", "+path:models/staging")  # with the data tests of what it builds (cautious)
    assert (
        build_without_unit_tests("--raw-dir", str(parquet_dir), "--db", str(parquet_db), *staging, "--quiet")
        == 0
    )
    for model in STAGING_MODEL.values():
        assert staged_table(parquet_db, model) == staged_table(csv_db, model), model


def test_a_missing_required_column_fails_naming_table_and_column(raw_copy, tmp_path, lens):
    contact = raw_copy / "crm" / "contact.csv"
    with open(contact, newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open(contact, "w", newline="") as handle:
        columns = [column for column in rows[0] if column != "account_id"]
        writer = csv.DictWriter(handle, columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    code, out, _ = lens("build", "--raw-dir", str(raw_copy), "--db", str(tmp_path / "x.duckdb"), "--quiet")
    assert code != 0
    assert "crm.contact: required column account_id is missing" in out


def test_a_missing_required_raw_file_fails_naming_the_table(raw_copy, tmp_path, lens):
    (raw_copy / "crm" / "account.csv").unlink()
    code, out, _ = lens("build", "--raw-dir", str(raw_copy), "--db", str(tmp_path / "x.duckdb"), "--quiet")
    assert code != 0
    assert "crm.account: required file not found" in out


def test_the_build_report_puts_every_attribution_model_side_by_side(csv_build):
    from decision_lens.project import Workspace
    from decision_lens.reports import render_reports, run_report

    _, db_path = csv_build
    workspace = Workspace(raw_dir=RAW_SMALL, db_path=db_path)
    assert "Attribution models side by side" in render_reports(ROOT, workspace)
    columns, rows = run_report(workspace, "attribution_model_comparison")
    models = ["first_touch", "last_touch", "u_shaped", "w_shaped", "full_path", "linear", "time_decay"]
    assert columns == ["channel", *models, "decision_aware", "data_driven", "spread_points", "most_generous"]
    assert rows, "the hand-written dataset's opportunities have touches"
    for index in range(1, 10):  # each model's channel shares are percentages summing to 100
        assert abs(sum(float(row[index]) for row in rows) - 100) <= 0.05 * len(rows), columns[index]
