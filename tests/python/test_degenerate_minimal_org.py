"""The smallest legal CRM (fixtures/raw_minimal_org: one account, one contact, no activity at all) builds
green, and every command reads its build: no signal means no as-of day, and each says so. One build for the
whole file."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, printed_build, skipped_checks

RAW_MINIMAL_ORG = ROOT / "tests" / "python" / "fixtures" / "raw_minimal_org"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return printed_build(RAW_MINIMAL_ORG, tmp_path_factory)


def test_every_model_and_test_of_the_build_passes(built):
    assert built.code == 0, built.out
    assert built.problems() == [], "no test warns or fails on this data"
    assert "Traceback" not in built.out
    assert "raw data   " + str(RAW_MINIMAL_ORG) + ": 2 of 15 tables delivered:" in built.out
    assert "crm.opportunity                no file: read as empty" in built.out


def test_each_report_prints_a_sentence(built):
    for sentence in (
        "The two lenses, latest week (semantic-layer metrics): No signals yet: no decision unit has an as-of "
        "week to read.",
        "Handoffs judged at their own moment (semantic-layer metrics): No handoffs yet.",
        "(analyses/attribution_model_comparison.sql): No opportunities yet: nothing to attribute.",
    ):
        assert sentence in built.out


def test_freshness_judges_only_the_two_tables_with_rows(built):
    line = next(line for line in built.out.splitlines() if "Source freshness (" in line)
    assert ", 11 empty (no rows, not judged)" in line
    assert "stalest crm.account" in line or "stalest crm.contact" in line
    empty = built.out.split("\n    empty: ")[1].splitlines()[0]
    assert "crm.account" not in empty and "crm.contact" not in empty
    assert len(empty.split(", ")) == 11


def test_lens_check_passes_and_says_why_it_skips(built, lens, tmp_path):
    code, out, err = lens("check", "--db", str(built.workspace.db_path), "--out", str(tmp_path / "docs"))

    assert code == 0, out + err
    assert "(no as-of day: no signal yet)" in out
    assert ", 0 failed, " in out
    reasons = skipped_checks(out)
    assert reasons["days_stale_crm_activity"] == "no as-of day (no signal yet, var as_of_date not set)"
    assert reasons["signal_rows"] == "no raw rows in marketing.activity, crm.task, crm.event"
    assert reasons["week_rows"] == "no signals, so no decision-unit weeks"
    assert reasons["min_weight"] == "no rows"
    assert "required_table_row_count" not in reasons, "accounts and contacts must still have rows"


def test_the_marts_hold_the_one_unit_and_contact_and_nothing_else(built):
    assert built.rows("select decision_unit_id, current_readiness_state from main_marts.decision_units") == [
        ("001000000000001", "unaware")
    ]
    assert built.rows("select contact_id, decision_layer from main_marts.contacts") == [
        ("003000000000001", "approver")
    ]
    for mart in (
        "signals",
        "decision_unit_weeks",
        "handoffs",
        "opportunities",
        "attribution_credit",
        "time_spine_days",
    ):
        assert built.rows(f"select count(*) from main_marts.{mart}") == [(0,)], mart


def test_the_semantic_layer_answers_without_rows(built, lens):
    db = str(built.workspace.db_path)
    code, out, _ = lens(
        "query", "--db", db, "--metrics", "engaged_accounts", "--group-by", "metric_time__week"
    )
    assert code == 0
    assert out.strip() == "No rows. Columns: metric_time__week, engaged_accounts"
    code, out, _ = lens("query", "--db", db, "--saved-query", "alignment_scorecard", "--format", "json")
    assert code == 0
    assert json.loads(out) == []
