"""A team without opportunities, intent or contract data (fixtures/raw_marketing_only) builds green, and
every command reads its build: the reports say what there is not, freshness says "empty", `lens check`
passes, the semantic layer answers. One build for the whole file."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, printed_build, skipped_checks

RAW_MARKETING_ONLY = ROOT / "tests" / "python" / "fixtures" / "raw_marketing_only"
EMPTY_TABLES = (
    "crm.opportunity",
    "crm.opportunity_contact_role",
    "crm.opportunity_history",
    "intent.topic_score",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return printed_build(RAW_MARKETING_ONLY, tmp_path_factory)


def test_every_model_and_test_of_the_build_passes(built):
    assert built.code == 0, built.out
    assert built.problems() == [], "no test warns or fails on this data"
    assert "Traceback" not in built.out


def test_the_reports_print_the_handoffs_and_say_there_is_nothing_to_attribute(built):
    out = built.out
    assert "Attribution models side by side: % of pipeline by channel " in out
    assert "(analyses/attribution_model_comparison.sql): No opportunities yet: nothing to attribute." in out
    handoffs = out.split("Handoffs judged at their own moment (semantic-layer metrics):\n")[1].splitlines()
    assert handoffs[0].split() == [
        "handoff_quality",
        "handoffs",
        "share_of_handoffs",
        "opportunity_rate",
        "win_rate",
    ]
    assert handoffs[2].split() == ["premature", "3", "1.000"], "no outcome observed yet: rates blank"
    assert "measure (week of 2025-09-22)" in out


def test_freshness_counts_the_empty_sources_apart_and_judges_the_others(built):
    line = next(line for line in built.out.splitlines() if "Source freshness (" in line)
    assert "(13 sources with a load time)" in line
    assert ", 4 empty (no rows, not judged)" in line
    stalest = re.search(r"stalest (\S+), (\d+) days", line)
    assert stalest and stalest.group(1) not in EMPTY_TABLES
    assert int(stalest.group(2)) < 10_000, "an empty source's load time (0001-01-01) is not an age"
    assert f"    empty: {', '.join(EMPTY_TABLES)}" in built.out


def test_lens_check_passes_and_skips_the_feeds_that_have_no_rows(built, lens, tmp_path):
    code, out, err = lens("check", "--db", str(built.workspace.db_path), "--out", str(tmp_path / "docs"))

    assert code == 0, out + err
    assert "(as of 2025-09-22)" in out and ", 0 failed, " in out
    reasons = skipped_checks(out)
    for column, table in (
        ("days_stale_intent_provider", "intent.topic_score"),
        ("days_stale_crm_opportunity", "crm.opportunity_history"),
        ("days_stale_contract_system", "contracts.contract"),
    ):
        assert reasons[column] == f"no raw rows in {table}"
    assert "days_stale_marketing_automation" not in reasons, "a feed with rows is still judged"


def test_the_marts_hold_handoffs_and_signals_but_no_pipeline(built):
    for mart in ("opportunities", "attribution_credit", "attribution_by_model", "pipeline_days"):
        assert built.rows(f"select count(*) from main_marts.{mart}") == [(0,)], mart
    assert built.rows("select source_system, count(*) from main_marts.signals group by 1 order by 1") == [
        ("crm_activity", 7),
        ("crm_campaign", 6),
        ("marketing_automation", 24),
    ]
    handoffs = built.rows(
        "select handoff_id, handoff_type, opportunity_id from main_marts.handoffs order by 1"
    )
    assert handoffs == [
        ("lead-00Q000000000001", "status_change", None),
        ("lead-00Q000000000002", "conversion", None),  # converted without an opportunity
        ("lead-00Q000000000004", "handoff_task", None),
    ]


def test_the_semantic_layer_answers_with_and_without_rows(built, lens):
    db = str(built.workspace.db_path)
    code, out, _ = lens("query", "--db", db, "--saved-query", "sales_pipeline")
    assert code == 0
    assert out.startswith("No rows. Columns: metric_time__month, pipeline_created")
    code, out, _ = lens(
        "query", "--db", db, "--metrics", "handoffs,premature_handoff_rate", "--format", "csv"
    )
    assert code == 0
    assert out.splitlines() == ["handoffs,premature_handoff_rate", "3,1.0"]


def test_lens_summary_reads_the_build_again(built, lens):
    code, out, _ = lens("summary", "--db", str(built.workspace.db_path), "--raw-dir", str(RAW_MARKETING_ONLY))
    assert code == 0
    assert "0 warned, 0 failed" in out
