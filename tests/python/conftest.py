"""Shared fixtures: the project root, the hand-written raw dataset, and a way to call `lens`."""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import httpx
import pytest

from decision_lens.cli import main
from decision_lens.semantic import MANIFEST_FILE
from decision_lens.serve.snapshot import SnapshotStore

# the browser tests' fixtures (chromium, browser_page), beside their helpers
pytest_plugins = ["browser"]

ROOT = Path(__file__).resolve().parents[2]
RAW_SMALL = ROOT / "tests" / "python" / "fixtures" / "raw_small"

# The tests read dbt's results, never its debug log file, whose writing costs about a tenth of a small build.
os.environ.setdefault("DBT_LOG_LEVEL_FILE", "none")


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


def build_without_unit_tests(*args: str, data_tests: bool = True) -> int:
    """`lens build ARGS` with dbt's unit tests left out: they read the rows written in their YAML, not the raw
    data, so every build would run the same 55 of them (a quarter of a small build's time). `make test`
    runs them once, in `lens run --preset ci`. data_tests=False leaves the data tests out too, for a test
    that compares values and has no use for them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DBT_EXCLUDE_RESOURCE_TYPES", "unit_test" if data_tests else "unit_test test")
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


def made_once(tmp_path_factory, name: str, make) -> Path:
    """A folder `make(folder)` fills once per test run, shared by pytest-xdist's workers (the first to ask
    makes it, the others wait for it), for what tests only read: a build, a parse."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    folder, done = root / name, root / f"{name}.done"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also when make fails
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def small_build(tmp_path_factory):
    """The whole project built once on the hand-written dataset, for tests that only read it (or copy it)."""
    from decision_lens.project import Workspace

    def build(folder: Path) -> None:
        args = ("--raw-dir", str(RAW_SMALL), "--db", str(folder / "lens.duckdb"), "--quiet", "--no-reports")
        assert build_without_unit_tests(*args) == 0

    folder = made_once(tmp_path_factory, "small_build", build)
    return Workspace(raw_dir=RAW_SMALL, db_path=folder / "lens.duckdb")


@pytest.fixture(scope="session")
def parsed_project(tmp_path_factory):
    """The target folder `dbt parse` writes (manifest.json, semantic_manifest.json; no database needed)."""
    from decision_lens.project import Workspace, run_dbt

    def parse(folder: Path) -> None:
        workspace = Workspace(raw_dir=folder / "raw", db_path=folder / "parse.duckdb")
        assert run_dbt(ROOT, workspace, ["parse"], silent=True) == 0

    return made_once(tmp_path_factory, "parse", parse) / "target"  # Workspace.target_dir, beside the database


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


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL cluster (Debian's binaries) on loopback, for the tests marked postgres."""
    from decision_lens.engines.postgres_cluster import postgres_cluster

    with postgres_cluster("decision_lens") as server:
        yield server


@pytest.fixture
def postgres(postgres_server, monkeypatch):
    """The postgres output pointed at the throwaway server; a session time zone far from UTC (PGTZ)."""
    import psycopg2

    server = postgres_server
    for name, value in (("HOST", server.host), ("PORT", server.port), ("USER", server.user)):
        monkeypatch.setenv(f"DECISION_LENS_PG_{name}", str(value))
    monkeypatch.setenv("DECISION_LENS_PG_DATABASE", server.database)
    monkeypatch.setenv("PGTZ", "America/Los_Angeles")

    def rows(sql: str) -> list[tuple]:
        connection = psycopg2.connect(
            host=server.host, port=server.port, user=server.user, dbname=server.database
        )
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchall()
        finally:
            connection.close()

    return rows


# Requests that once added the nine attribution models' credit up (nine times the pipeline). Each must credit
# the pipeline once, by the default model, on every path (CLI, HTTP, GraphQL, Flight SQL, exports).
ATTRIBUTION_MODEL = "attribution_credit__attribution_model"
ATTRIBUTION_BYPASSES = {
    "no model named": {},
    "by month": {"group_by": ["metric_time__month"]},
    "a filter naming the model that always holds": {
        "where": [f"'{ATTRIBUTION_MODEL}' = '{ATTRIBUTION_MODEL}'"]
    },
    "all models but one": {"where": [f"{{{{ Dimension('{ATTRIBUTION_MODEL}') }}}} <> 'linear'"]},
    "grouped by model": {"group_by": [ATTRIBUTION_MODEL]},
}
DEFAULT_ATTRIBUTION_MODEL = "decision_aware"


def credit_by_model(db_path: Path) -> dict[str, float]:
    """The pipeline credited by each attribution model, summed on the mart (each: the pipeline once)."""
    with duckdb.connect(str(db_path), read_only=True) as connection:
        return dict(
            connection.execute(
                "select attribution_model, sum(credit_amount) from main_marts.attribution_credit group by 1"
            ).fetchall()
        )


@pytest.fixture(scope="session")
def small_build_credit(small_build, tmp_path_factory) -> dict[str, float]:
    """credit_by_model of the session's build, read from a copy: a test module's SemanticLayer may hold the
    build open in a mode beside which DuckDB opens no other connection in the same process."""
    copy = tmp_path_factory.mktemp("credit") / "lens.duckdb"
    shutil.copyfile(small_build.db_path, copy)
    return credit_by_model(copy)


def free_port() -> int:
    """A TCP port free on loopback now, for a server a test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class ServedProcess:
    """A `lens serve` subprocess: its HTTP port, and its output once it has stopped."""

    process: subprocess.Popen
    port: int
    output: str = ""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextlib.contextmanager
def lens_serve(db_path: Path, folder: Path, token: str, *options: str) -> Iterator[ServedProcess]:
    """`lens serve` on a free loopback port, once /health answers: the token in a file of folder, snapshots
    in folder/snap. On exit it is terminated and its output kept (the caller checks how it ended)."""
    token_file = folder / "token"
    token_file.write_text(token + "\n")
    token_file.chmod(0o600)
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "DECISION_LENS_API_TOKEN"}
    process = subprocess.Popen(
        [
            sys.executable, "-m", "decision_lens.cli", "serve", "--db", str(db_path), "--port", str(port),
            "--token-file", str(token_file), "--snapshot-dir", str(folder / "snap"), *options,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    served = ServedProcess(process, port)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stdout.read()
            try:
                if httpx.get(f"{served.base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not come up"
            time.sleep(0.2)
        yield served
    finally:
        process.terminate()
        served.output, _ = process.communicate(timeout=30)


@pytest.fixture(scope="module")
def store(small_build, tmp_path_factory):
    """One snapshot of the session's build, shared by a module's in-process servers (no polling)."""
    opened = SnapshotStore(
        small_build.db_path,
        small_build.target_dir / MANIFEST_FILE,
        snapshot_root=tmp_path_factory.mktemp("snapshots"),
    )
    opened.open()
    yield opened
    opened.close()
