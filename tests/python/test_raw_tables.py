"""Sources that are warehouse tables (var raw_from_files: false), as an ELT tool lands them: the base models
read them as the raw contract describes them, whatever their column spelling and types; an absent optional
table is empty; a missing required table or column stops the run with every problem at once."""

from __future__ import annotations

import datetime as dt

import duckdb

from conftest import RAW_SMALL, build_without_unit_tests
from decision_lens.raw_contract import TABLES

WAREHOUSE_TABLES = "{raw_from_files: false}"


def _land(db_path, skip=(), spell=None) -> None:
    """Load the hand-written CSV files into raw_<source> tables, typed by DuckDB's own sniffing (as an ELT
    tool would type them), created_date of crm.contact as a timestamp with a time zone."""
    with duckdb.connect(str(db_path)) as connection:
        connection.execute("set TimeZone = 'America/Los_Angeles'")
        for table in TABLES:
            if table.key in skip:
                continue
            connection.execute(f"create schema if not exists raw_{table.source}")
            connection.execute(
                f'create table raw_{table.source}."{table.name}" as '
                f"select * from read_csv('{RAW_SMALL / table.source / table.name}.csv', header = true)"
            )
        connection.execute(
            "alter table raw_crm.contact alter created_date type timestamptz "
            "using timezone('UTC', created_date)"
        )
        for table, (old, new) in (spell or {}).items():
            connection.execute(f'alter table {table} rename column "{old}" to "{new}"')


def test_warehouse_tables_are_read_as_the_contract_says(tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    db_path = tmp_path / "lens.duckdb"
    _land(db_path, skip={"crm.lead_history"}, spell={"raw_crm.account": ("bed_count_c", "BedCount__c")})
    code = build_without_unit_tests(
        "--raw-dir", str(tmp_path), "--db", str(db_path), "--select", "+path:models/staging", "--quiet",
        "--vars", "{raw_from_files: false, account_custom_fields: {bed_count_c: bedcount_c}}",
    )  # fmt: skip
    assert code == 0
    with duckdb.connect(str(db_path), read_only=True) as connection:
        (history,) = connection.execute(
            "select count(*) from main_staging.stg_crm__lead_history_entries"
        ).fetchone()
        beds = connection.execute(
            "select bed_count from main_staging.stg_crm__accounts where account_id = '001000000000002'"
        ).fetchone()
        created = connection.execute(
            "select created_at from main_staging.stg_crm__contacts where contact_id = '003000000000001'"
        ).fetchone()
    assert history == 0
    assert beds == (420,)
    assert created == (dt.datetime(2023, 5, 2, 10, 0),)  # 2023-05-02 10:00:00 in the CSV, UTC


def test_missing_required_warehouse_tables_and_columns_stop_the_run_at_once(tmp_path, capfd):
    db_path = tmp_path / "lens.duckdb"
    _land(db_path, skip={"crm.account"}, spell={"raw_crm.contact": ("id", "contact_key")})
    code = build_without_unit_tests(
        "--raw-dir",
        str(tmp_path),
        "--db",
        str(db_path),
        "--select",
        "base_crm__users",
        "--vars",
        WAREHOUSE_TABLES,
    )
    out = capfd.readouterr().out
    assert code != 0
    assert "The raw data cannot be built (2 problem(s)" in out
    assert "crm.account: required table not found (raw_crm.account)" in out
    assert "crm.contact: required column id is missing" in out
