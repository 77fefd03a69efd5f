"""Every problem of a raw folder at once, before any model runs: `lens doctor`, `lens build` and plain dbt.

Only crm.account and crm.contact are required, and in every table its key (and a contact's account): the
rest may be absent (read as empty) or lack columns (read as null), and the build says so.
"""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import ROOT
from decision_lens.project import Workspace, run_dbt


def _drop_column(path: Path, column: str) -> None:
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = [name for name in rows[0] if name != column]
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _break(raw: Path) -> None:
    """Two missing-table-or-column problems of the kind dbt's hook also sees."""
    (raw / "crm" / "account.csv").unlink()
    _drop_column(raw / "crm" / "contact.csv", "account_id")


def test_doctor_reports_every_problem_at_once(raw_copy, lens):
    _break(raw_copy)
    _drop_column(raw_copy / "intent" / "topic_score.csv", "topic")
    (raw_copy / "marketing" / "activity.csv").unlink()
    (raw_copy / "marketing" / "activity.parquet").write_bytes(b"not a parquet file")
    code, out, _ = lens(
        "doctor", "--raw-dir", str(raw_copy), "--vars", "{raw_time_zones: {crm: Nowhere/Zone}}"
    )
    assert code == 1
    assert "5 problem(s) stop the build" in out
    assert "crm.account: required file not found: expected " + str(raw_copy / "crm" / "account") in out
    assert "crm.contact: required column account_id is missing (read from " + str(raw_copy) in out
    assert "intent.topic_score: required column topic is missing" in out
    assert "marketing.activity: cannot read " + str(raw_copy / "marketing" / "activity.parquet") in out
    assert "var raw_time_zones: crm: 'Nowhere/Zone' is not a time zone" in out


def test_build_stops_before_any_model_with_the_same_report(raw_copy, tmp_path, lens):
    _break(raw_copy)
    db_path = tmp_path / "x.duckdb"
    code, out, _ = lens("build", "--raw-dir", str(raw_copy), "--db", str(db_path), "--quiet")
    assert code == 1
    assert "2 problem(s) stop the build" in out
    assert "crm.account: required file not found" in out
    assert "crm.contact: required column account_id is missing" in out
    assert not db_path.exists()  # dbt never started


def test_plain_dbt_stops_with_every_missing_table_and_column_in_one_error(raw_copy, tmp_path, capfd):
    _break(raw_copy)
    workspace = Workspace(raw_dir=raw_copy, db_path=tmp_path / "x.duckdb")
    code = run_dbt(ROOT, workspace, ["build", "--select", "base_crm__users"], quiet=True)
    out = capfd.readouterr().out
    assert code != 0
    assert "The raw data cannot be built (2 problem(s)" in out
    assert "crm.account: required file not found" in out
    assert "crm.contact: required column account_id is missing" in out


def test_doctor_says_what_is_read_as_empty_or_null(raw_copy, lens):
    (raw_copy / "intent" / "topic_score.csv").unlink()
    _drop_column(raw_copy / "crm" / "account.csv", "gpo_c")
    _drop_column(raw_copy / "crm" / "contact.csv", "title")
    (raw_copy / "crm" / "opportunity_line_item.csv").write_text("id\n00k000000000001\n")
    code, out, _ = lens("doctor", "--raw-dir", str(raw_copy))
    assert code == 0
    assert "nothing stops the build" in out
    assert "14 of 15 tables delivered" in out
    lines = {line.split()[0]: line for line in out.splitlines()[3:]}
    assert "no file: read as empty" in lines["intent.topic_score"]
    assert "column(s) absent, read as null: gpo_c" in lines["crm.account"]
    assert "column(s) absent, read as null: title" in lines["crm.contact"]
    assert "crm/opportunity_line_item.csv" in lines["ignored"]


def test_custom_fields_are_read_under_the_orgs_names(raw_copy, lens):
    account = raw_copy / "crm" / "account.csv"
    account.write_text(account.read_text().replace("bed_count_c", "Licensed_Beds__c", 1))
    code, out, _ = lens("doctor", "--raw-dir", str(raw_copy))
    assert code == 0
    assert "bed_count_c" in out  # absent under its contract name
    code, out, _ = lens(
        "doctor",
        "--raw-dir",
        str(raw_copy),
        "--vars",
        "{account_custom_fields: {bed_count_c: licensed_beds_c}}",
    )
    assert code == 0
    assert "bed_count_c <- Licensed_Beds__c" in out
    assert "absent" not in out


def test_an_unknown_custom_field_or_bad_vars_is_a_clear_error(raw_copy, lens):
    code, out, _ = lens("doctor", "--raw-dir", str(raw_copy), "--vars", "{account_custom_fields: {beds: x}}")
    assert code == 1
    assert "var account_custom_fields names beds, not a column of crm.account" in out
    code, _, err = lens("doctor", "--raw-dir", str(raw_copy), "--vars", "[1, 2]")
    assert code == 2
    assert "--vars must be a YAML mapping" in err
