"""`lens check`: the Great Expectations checkpoint passes on a good build, names what broke on a bad one."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from decision_lens.check.offline_page import offline_page_path

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


def _offline_page(out: str) -> str:
    """The offline page whose path `lens check` printed, once checked to reach no other host."""
    page = Path(re.search(r"^Offline page: (.+) \(", out, re.MULTILINE).group(1)).read_text()
    assert "http://" not in page and "https://" not in page
    assert "<script" not in page and "<link" not in page and "@import" not in page and "url(" not in page
    assert all(target.startswith("#") for target in re.findall(r"(?:href|src)=\"([^\"]*)\"", page))
    return page


FAILED_ROW = re.compile(r'<tr class="fail">\n<td class="result">(?:failed|error)</td>(.*?)</tr>', re.DOTALL)


def _failed_rows(page: str) -> list[str]:
    """The cells of the offline page's failed expectations, after the result."""
    return FAILED_ROW.findall(page)


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
    # the data docs show the failing validation too, and so does the offline page
    page = next((tmp_path / "docs" / "validations" / suite).rglob("*.html"))
    assert "Failed" in page.read_text()
    assert any(f"<code>{column}</code>" in row for row in _failed_rows(_offline_page(out))), column


def test_the_offline_page_lists_every_suite_and_reaches_no_other_host(lens, small_build_copy):
    from decision_lens.check.suites import BUILDERS  # every suite (imports Great Expectations)

    code, out, err = lens("check", "--db", str(small_build_copy.db_path), *SPARSE_FEEDS)

    assert code == 0, out + err
    path = offline_page_path(small_build_copy.db_path.parent / "quality")
    assert f"Offline page: {path} " in out
    page = _offline_page(out)
    assert path.read_text() == page
    assert re.findall(r'<h2 id="suite-(\w+)">', page) == list(BUILDERS)
    assert "expectations passed</p>" in page and "0 failed" in page
    assert f"<code>{small_build_copy.db_path}</code>" in page
    # a skipped expectation says why
    assert "rows &lt; 200 (min_rows_for_distribution)" in page


def test_the_offline_page_puts_a_failure_first_with_its_reason(lens, small_build, tmp_path):
    code, out, _ = lens("check", "--db", str(small_build.db_path), "--out", str(tmp_path / "docs"))

    assert code == 1
    page = _offline_page(out)
    assert "expectations failed</p>" in page
    assert re.findall(r'<h2 id="suite-(\w+)">', page)[0] == "signals"  # the failing suite first
    assert page.index('class="result">failed') < page.index('class="result">passed')
    stale = next(row for row in _failed_rows(page) if "days_stale_marketing_automation" in row)
    assert "column values to be between" in stale and "<td>0..7</td>" in stale and "<td>37</td>" in stale
    assert "Days from the latest marketing_automation signal to the as-of day" in stale


def test_the_offline_page_escapes_what_the_data_holds(lens, small_build_copy, tmp_path):
    _break(
        small_build_copy.db_path,
        "update main_marts.handoffs set handoff_type = '<script>alert(1)</script>' "
        "where handoff_id = (select min(handoff_id) from main_marts.handoffs)",
    )

    code, out, err = lens(
        "check", "--db", str(small_build_copy.db_path), "--out", str(tmp_path / "docs"), *SPARSE_FEEDS
    )

    assert code == 1, out + err
    handoff_type = next(row for row in _failed_rows(_offline_page(out)) if "handoff_type" in row)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in handoff_type


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


def test_the_offline_page_is_found_without_great_expectations():
    script = (
        "import sys; from decision_lens.check.offline_page import offline_page_path; "
        "sys.exit('great_expectations' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", script], check=False).returncode == 0


def test_a_database_without_its_manifest_is_a_clear_error(lens, small_build_copy):
    (small_build_copy.target_dir / "manifest.json").unlink()

    code, out, err = lens("check", "--db", str(small_build_copy.db_path))

    assert code == 2
    assert "No dbt manifest" in err and "lens build" in err
    assert "Traceback" not in err + out


def test_value_sets_are_the_accepted_values_of_the_build(lens, small_build_copy):
    manifest_path = small_build_copy.target_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    for node in manifest["nodes"].values():
        test = node.get("test_metadata") or {}
        on_signals = node.get("attached_node", "").endswith(".signals")
        if test.get("name") == "accepted_values" and on_signals and node["column_name"] == "signal_class":
            test["kwargs"]["values"] = ["intent", "unclassified"]  # the build's signals hold engagement
    manifest_path.write_text(json.dumps(manifest))

    code, out, err = lens("check", "--db", str(small_build_copy.db_path), *SPARSE_FEEDS)

    assert code == 1, out + err
    assert [line for line in _failures(out) if "signal_class" in line]


def _manifest(*tests: dict) -> dict:
    model = {"resource_type": "model", "name": "handoffs"}
    nodes = {"model.decision_lens.handoffs": model, **{f"test.{i}": test for i, test in enumerate(tests)}}
    return {"metadata": {"project_name": "decision_lens"}, "nodes": nodes}


def _test(name: str, attached: str, values: list[str]) -> dict:
    kwargs = {"column_name": "handoff_type", "values": values}
    return {
        "resource_type": "test",
        "attached_node": attached,
        "column_name": "handoff_type",
        "test_metadata": {"name": name, "kwargs": kwargs},
    }


def test_value_sets_read_only_the_projects_accepted_values_tests(tmp_path):
    from decision_lens.check.value_sets import accepted, read_value_sets
    from decision_lens.project import LensError

    manifest = _manifest(
        _test("accepted_values", "model.decision_lens.handoffs", ["conversion", "status_change"]),
        _test("accepted_values", "model.other_package.handoffs", ["elsewhere"]),
        _test("not_null", "model.decision_lens.handoffs", []),
    )
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest))

    value_sets = read_value_sets(path)

    assert value_sets == {("handoffs", "handoff_type"): ["conversion", "status_change"]}
    with pytest.raises(LensError, match=r"no accepted_values test on handoffs\.handoff_quality"):
        accepted(value_sets, "handoffs", "handoff_quality")
