"""Shared fixtures: the project root, the hand-written raw dataset, and a way to call `lens`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from decision_lens.cli import main

ROOT = Path(__file__).resolve().parents[2]
RAW_SMALL = ROOT / "tests" / "python" / "fixtures" / "raw_small"


@pytest.fixture
def lens(capfd, monkeypatch):
    """Run the `lens` command line in process from the project root; returns (exit code, stdout, stderr)."""
    monkeypatch.chdir(ROOT)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capfd.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture
def raw_copy(tmp_path) -> Path:
    """A writable copy of the hand-written raw dataset, for tests that break it."""
    copy = tmp_path / "raw"
    shutil.copytree(RAW_SMALL, copy)
    return copy
