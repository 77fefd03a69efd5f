"""`lens check`: the Great Expectations checkpoint passes on a good build, names what broke on a bad one."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

# The hand-written dataset spans ten months with a handful of records per source, so its latest marketing,
# intent and campaign signals are weeks older than its as-of day (real feeds are not): relax only those.
SPARSE_FEEDS = (
    "--set",
    "max_days_stale_marketing_automation=60",
    "--set",
    "max_days_stale_intent_provider=60",
    "--set",
    "max_days_stale_crm_campaign=90",
)
# Its populations are below min_rows_for_distribution, so shares are skipped; judge them anyway.
JUDGE_SHARES = ("--set", "min_rows_for_distribution=1", "--set", "max_handoffs_without_decision_unit_share=1")


def _failures(out: str) -> list[str]:
    return [line.strip() for line in out.splitlines() if line.strip().startswith("FAILED ")]


def _break(db_path, *statements: str) -> None:
    with duckdb.connect(str(db_path)) as connection:
        for statement in statements:
            connection.execute(statement)


def test_check_passes_on_the_fixture_build_and_writes_data_docs(lens, small_build_copy):
    modified = small_build_copy.db_path.stat().st_mtime_ns
    # a reader holds the file: a writable connection in this process would be refused
    with duckdb.connect(str(small_build_copy.db_path), read_only=True):
        code, out, err = lens("check", "--db", str(small_build_copy.db_path), *SPARSE_FEEDS)

    assert code == 0, out + err
    assert small_build_copy.db_path.stat().st_mtime_ns == modified
    assert _failures(out) == []
    assert " 0 failed" in out
    for suite in (
        "raw_tables",
        "signals",
        "contacts",
        "decision_unit_weeks",
        "handoffs",
        "attribution_by_model",
    ):
        assert f"\n{suite} " in out
    # shares over a handful of rows are listed, not judged
    assert "rows < 200 (min_rows_for_distribution)" in out
    docs = small_build_copy.db_path.parent / "quality"
    assert (docs / "index.html").is_file()
    pages = list((docs / "validations").rglob("*.html"))
    assert {page.parts[len(docs.parts) + 1] for page in pages} >= {"signals", "raw_tables", "opportunities"}
    assert "Data docs: " in out and str(docs / "index.html") in out


def test_the_fixture_passes_its_shares_when_they_are_judged(lens, small_build, tmp_path):
    code, out, err = lens(
        "check",
        "--db",
        str(small_build.db_path),
        "--out",
        str(tmp_path / "docs"),
        *SPARSE_FEEDS,
        *JUDGE_SHARES,
    )

    assert code == 0, out + err
    assert ", 0 failed, 0 skipped" in out


def test_stale_feeds_fail_freshness(lens, small_build, tmp_path):
    code, out, _ = lens("check", "--db", str(small_build.db_path), "--out", str(tmp_path / "docs"))

    assert code == 1
    failures = "\n".join(_failures(out))
    assert (
        "FAILED signals: column_values_to_be_between 0..7 on days_stale_marketing_automation: 37" in failures
    )
    assert "days_stale_intent_provider" in failures
    assert "days_stale_crm_activity" not in failures


BREAKAGES = {
    "duplicate handoff key": (
        ["insert into main_marts.handoffs select * from main_marts.handoffs limit 1"],
        "handoffs",
        "column_values_to_be_unique",
        "handoff_id",
    ),
    "signals fanned out": (
        [
            "insert into main_marts.signals "
            "select * from main_marts.signals where source_system = 'marketing_automation'"
        ],
        "signals",
        "column_values_to_be_between 0.9..1",
        "interaction_signals_per_raw_row",
    ),
    "a signal after the as-of day": (
        [
            "update main_marts.signals "
            "set signal_date = (select max(date_day) + 1 from main_marts.time_spine_days) "
            "where signal_id = (select max_by(signal_id, signal_date) from main_marts.signals "
            "where source_system = 'crm_opportunity')"
        ],
        "signals",
        "column_values_to_be_between 0..45",
        "days_stale_crm_opportunity",
    ),
    "a won opportunity left open": (
        ["update main_marts.opportunities set is_closed = false where is_won"],
        "opportunities",
        "column_pair_values_to_be_in_set",
        "is_closed, is_won",
    ),
    "every contact an approver": (
        ["update main_marts.contacts set decision_layer = 'approver', authority_tier = 'authority'"],
        "contacts",
        "column_values_to_be_between 0.05..0.4",
        "authority_share",
    ),
    "fewer opportunities than the raw rows allow": (
        ["delete from main_marts.opportunities where not is_won"],
        "opportunities",
        "table_row_count_to_be_between",
        "(rows)",
    ),
}


@pytest.mark.parametrize("breakage", BREAKAGES, ids=list(BREAKAGES))
def test_a_broken_mart_fails_naming_the_suite_and_expectation(lens, small_build_copy, tmp_path, breakage):
    statements, suite, expectation, column = BREAKAGES[breakage]
    _break(small_build_copy.db_path, *statements)

    code, out, err = lens(
        "check",
        "--db",
        str(small_build_copy.db_path),
        "--out",
        str(tmp_path / "docs"),
        *SPARSE_FEEDS,
        *JUDGE_SHARES,
    )

    assert code == 1, out + err
    assert any(
        line.startswith(f"FAILED {suite}: {expectation}") and f" on {column}: " in line
        for line in _failures(out)
    ), out
    # the data docs show the failing validation too
    page = next((tmp_path / "docs" / "validations" / suite).rglob("*.html"))
    assert "Failed" in page.read_text()


def test_a_missing_database_is_a_clear_error(lens, tmp_path):
    code, out, err = lens("check", "--db", str(tmp_path / "missing.duckdb"))

    assert code == 2
    assert "does not exist" in err and "lens build" in err
    assert "Traceback" not in err + out


def test_an_unknown_threshold_is_a_clear_error(lens, small_build):
    code, _, err = lens("check", "--db", str(small_build.db_path), "--set", "max_everything=1")

    assert code == 2
    assert "max_everything=1" in err and "min_rows_for_distribution" in err


def test_the_command_line_imports_great_expectations_only_to_check():
    script = "import sys, decision_lens.cli; sys.exit('great_expectations' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", script], check=False).returncode == 0
