"""Shared fixtures: the project root, the hand-written raw dataset, and a way to call `lens`."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
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


def build_without_unit_tests(*args: str) -> int:
    """`lens build ARGS` with dbt's unit tests left out: they read the rows written in their YAML, not the raw
    data, so every build would run the same 55 of them (a quarter of a small build's time). `make test`
    runs them once, in `lens run --preset ci`."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DBT_EXCLUDE_RESOURCE_TYPES", "unit_test")
        return main(["build", *args])


@dataclass(frozen=True)
class PrintedBuild:
    """A build (conftest's build_without_unit_tests) and what `lens build` printed: the summary, source
    freshness and the reports (dbt's own output goes straight to the terminal)."""

    workspace: object  # decision_lens.project.Workspace
    code: int
    out: str

    def rows(self, sql: str) -> list[tuple]:
        """The rows of a query on the built database (read-only)."""
        with duckdb.connect(str(self.workspace.db_path), read_only=True) as connection:
            return connection.execute(sql).fetchall()

    def problems(self) -> list[tuple[str, str]]:
        """The nodes of the build that warned, failed or errored: (unique id, status)."""
        results = json.loads((self.workspace.target_dir / "run_results.json").read_text())["results"]
        return [(r["unique_id"], r["status"]) for r in results if r["status"] in ("warn", "fail", "error")]


def printed_build(raw_dir: Path, tmp_path_factory, *args: str) -> PrintedBuild:
    """`lens build` of raw_dir into a new database (args: more options, e.g. --vars), what it printed kept."""
    from decision_lens.project import Workspace

    db_path = tmp_path_factory.mktemp(raw_dir.name) / "lens.duckdb"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = build_without_unit_tests("--raw-dir", str(raw_dir), "--db", str(db_path), "--quiet", *args)
    return PrintedBuild(Workspace(raw_dir=raw_dir, db_path=db_path), code, printed.getvalue())


@pytest.fixture(scope="session")
def small_build(tmp_path_factory):
    """The whole project built once on the hand-written dataset, for tests that only read it (or copy it)."""
    from decision_lens.project import Workspace

    db_path = tmp_path_factory.mktemp("small_build") / "lens.duckdb"
    args = ("--raw-dir", str(RAW_SMALL), "--db", str(db_path), "--quiet", "--no-reports")
    assert build_without_unit_tests(*args) == 0
    return Workspace(raw_dir=RAW_SMALL, db_path=db_path)


@pytest.fixture
def small_build_copy(small_build, tmp_path):
    """A writable copy of the built database and its artifacts, for tests that write to it."""
    from decision_lens.project import Workspace

    copy = Workspace(raw_dir=small_build.raw_dir, db_path=tmp_path / "lens.duckdb")
    shutil.copyfile(small_build.db_path, copy.db_path)
    shutil.copytree(small_build.target_dir, copy.target_dir, ignore=shutil.ignore_patterns("logs"))
    return copy


def skipped_checks(out: str) -> dict[str, str]:
    """The expectations `lens check` printed as skipped: {column: reason}."""
    rows = [re.split(r"\s{2,}", line.strip()) for line in out.splitlines()]
    return {row[2]: row[3] for row in rows if len(row) == 5 and row[4] == "skipped"}
