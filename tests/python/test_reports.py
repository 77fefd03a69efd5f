"""The reports `lens build` prints: the two-lens figures come from the semantic layer and equal the marts."""

import duckdb
import pytest

from conftest import ROOT
from decision_lens.freshness import check_freshness, render_freshness
from decision_lens.project import Workspace
from decision_lens.raw_contract import TABLES
from decision_lens.reports import handoff_quality, lens_reconciliation, render_reports
from decision_lens.semantic import SemanticLayer


def mart_sql(workspace: Workspace, sql: str) -> list[tuple]:
    with duckdb.connect(str(workspace.db_path), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def test_the_reconciliation_counts_the_as_of_week_of_the_mart(small_build):
    (counts,) = mart_sql(
        small_build,
        """
        select
            sum((readiness_state <> 'unaware')::int),
            sum((readiness_state = 'decision_ready')::int),
            sum((readiness_state <> 'unaware' and is_missing_authority)::int),
            sum((readiness_state <> 'unaware' and not is_in_window)::int),
            sum((readiness_state <> 'unaware' and is_single_layer)::int),
            sum(is_mqa::int),
            sum((is_mqa and readiness_state = 'decision_ready')::int),
            sum((is_mqa and is_missing_authority)::int),
            sum((is_mqa and not is_in_window)::int),
            sum((not is_mqa and readiness_state = 'decision_ready')::int)
        from main_marts.decision_unit_weeks where is_as_of_week
        """,
    )
    (as_of_week,) = mart_sql(
        small_build, "select distinct week_start_date from main_marts.decision_unit_weeks where is_as_of_week"
    )[0]
    with SemanticLayer.for_workspace(small_build) as layer:
        columns, rows = lens_reconciliation(layer)
    assert columns[0] == f"measure (week of {as_of_week})"
    assert [value for _, _, value in rows] == list(counts)
    assert counts[1] > 0 and 0 in counts, "the fixture has decision-ready units, and lines no unit matches"


def test_handoff_quality_reads_observed_outcomes_from_the_mart(small_build):
    expected = mart_sql(
        small_build,
        """
        select handoff_quality, count(*),
               count(*) / sum(count(*)) over (),
               sum((is_outcome_observed and has_opportunity_within_90_days)::int)
                   / nullif(sum(is_outcome_observed::int), 0),
               sum((is_outcome_observed and coalesce(is_won, false))::int)
                   / nullif(sum(is_outcome_observed::int), 0)
        from main_marts.handoffs group by 1 order by 1 desc
        """,
    )
    with SemanticLayer.for_workspace(small_build) as layer:
        columns, rows = handoff_quality(layer)
    assert columns == ["handoff_quality", "handoffs", "share_of_handoffs", "opportunity_rate", "win_rate"]
    assert expected, "the fixture has handoffs"
    assert [tuple(row) for row in rows] == [pytest.approx(tuple(row)) for row in expected]


def test_a_report_that_cannot_run_says_why_and_the_others_still_print(small_build_copy):
    (small_build_copy.target_dir / "semantic_manifest.json").unlink()
    with duckdb.connect(str(small_build_copy.db_path)) as connection:  # and the one the database keeps
        connection.execute("drop table lens_build.semantic_manifest")
    text = render_reports(ROOT, small_build_copy)
    assert "semantic-layer reports skipped: No semantic manifest" in text
    assert "Attribution models side by side" in text


def test_source_freshness_is_judged_for_every_source_with_a_load_time(small_build_copy):
    results = check_freshness(ROOT, small_build_copy)
    timed = {table.key for table in TABLES} - {"crm.user", "contracts.contract"}  # no load timestamp
    assert {result.source for result in results} == timed
    # the fixture's newest rows are from 2025: every source is stale against today, which warns only
    assert {result.status for result in results} == {"warn"}
    assert all(result.age_days and result.age_days > 30 for result in results)
    text = render_freshness(results)
    assert f"({len(timed)} sources with a load time): 0 fresh, {len(timed)} stale (warn), 0 error" in text
    assert (small_build_copy.target_dir / "run_results.json").exists(), "the build's results are kept"
