"""Shares of unclassified values: above the warn share a test warns, above the fail share the build fails,
only over at least var share_test_min_rows rows; the summary gives the share, threshold and top values."""

from __future__ import annotations

import json

import duckdb

from conftest import ROOT
from decision_lens.project import run_dbt

TESTS = ["unclassified_title_share_warns", "unclassified_title_share_fails"]


def run_share_tests(workspace, capfd, warn: float, fail: float, min_rows: int = 1) -> tuple[int, str]:
    capfd.readouterr()
    shares = json.dumps(
        {"unclassified_title_share": {"warn": warn, "fail": fail}, "share_test_min_rows": min_rows}
    )
    code = run_dbt(ROOT, workspace, ["test", "--select", *TESTS, "--vars", shares])
    return code, capfd.readouterr().out


def unclassified_titles(workspace) -> tuple[int, int, list[tuple[str, int]]]:
    """(contacts whose title no row matched, all contacts, [(title, contacts)] most frequent first)."""
    with duckdb.connect(str(workspace.db_path), read_only=True) as db:
        (matching, total) = db.execute(
            "select count(*) filter (where is_title_unmatched), count(*) from main_marts.contacts"
        ).fetchone()
        titles = db.execute(
            "select coalesce(title, '(none)'), count(*) from main_marts.contacts "
            "where is_title_unmatched group by 1 order by 2 desc, 1"
        ).fetchall()
    return matching, total, titles


def test_above_the_warn_share_the_test_warns_and_the_build_goes_on(small_build_copy, capfd):
    matching, _, _ = unclassified_titles(small_build_copy)
    assert matching > 0  # the fixture has titles no pattern matches
    code, out = run_share_tests(small_build_copy, capfd, 0.0, 1.0)
    assert code == 0, out
    # dbt counts the matching rows (the test's fail_calc), not the rows the test returns
    assert f"WARN {matching} unclassified_title_share_warns" in out, out
    assert "PASS unclassified_title_share_fails" in out, out


def test_a_share_over_fewer_rows_than_the_minimum_is_not_judged(small_build_copy, capfd):
    _, total, _ = unclassified_titles(small_build_copy)
    code, out = run_share_tests(small_build_copy, capfd, 0.0, 0.0, min_rows=total + 1)
    assert code == 0, out
    assert all(f"PASS {test}" in out for test in TESTS), out


def test_above_the_fail_share_the_build_fails_and_the_summary_gives_the_facts(small_build_copy, capfd, lens):
    matching, total, titles = unclassified_titles(small_build_copy)
    code, out = run_share_tests(small_build_copy, capfd, 0.0, 0.01, min_rows=total)  # judged from total
    assert code == 1, out
    assert f"FAIL {matching} unclassified_title_share_fails" in out, out
    code, out, _ = lens(
        "summary", "--raw-dir", str(small_build_copy.raw_dir), "--db", str(small_build_copy.db_path)
    )
    assert code == 0
    lines = out.splitlines()
    for name, threshold in (
        ("unclassified_title_share_warns", "0.0%"),
        ("unclassified_title_share_fails", "1.0%"),
    ):
        at = next(i for i, line in enumerate(lines) if f"{name}: Got {matching} results" in line)
        detail = lines[at + 1]
        assert (
            f"{matching / total:.1%} of {total:,} rows ({matching:,}), above the {threshold} threshold"
            in detail
        )
        top = ", ".join(f"{title} ({count:,})" for title, count in titles[:5])
        assert detail.endswith(f"most frequent: {top}"), detail
