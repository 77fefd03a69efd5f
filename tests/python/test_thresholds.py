"""Shares of unclassified values: above the warn share a test warns, above the fail share the build fails."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from decision_lens.project import run_dbt

TESTS = ["unclassified_title_share_warns", "unclassified_title_share_fails"]


def run_share_tests(workspace, capfd, warn: float, fail: float) -> tuple[int, str]:
    capfd.readouterr()
    shares = json.dumps({"unclassified_title_share": {"warn": warn, "fail": fail}})
    code = run_dbt(ROOT, workspace, ["test", "--select", *TESTS, "--vars", shares])
    return code, capfd.readouterr().out


@pytest.mark.parametrize(
    ("warn", "fail", "exit_code", "warned"),
    [(1.0, 1.0, 0, False), (0.0, 1.0, 0, True), (0.0, 0.0, 1, True)],
    ids=["below both", "above warn", "above fail"],
)
def test_the_unclassified_title_share_warns_then_fails(
    small_build_copy, capfd, warn, fail, exit_code, warned
):
    code, out = run_share_tests(small_build_copy, capfd, warn, fail)
    assert code == exit_code, out
    assert ("WARN 1 unclassified_title_share_warns" in out) == warned, out
    if exit_code:
        assert "FAIL 1 unclassified_title_share_fails" in out, out
