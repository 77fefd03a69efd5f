"""The steps of `lens bench`, each measured: generation, the full build, the same SQL run directly, the daily
runs (decision_lens.bench.incremental) and the semantic layer (decision_lens.bench.semantic)."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from decision_lens.project import Workspace, dbt_environment, tool
from decision_lens.summary import node_seconds_by_type, run_result_nodes, slowest_nodes

# The default as-of day (2026-10-31) is a Saturday: holding back two days makes the appended day a Friday.
HELD_BACK_DAYS = 2
# The model that reads every distinct title (normalisation, abbreviations, taxonomy rows): its share of the
# full build bounds what reading titles costs.
TITLE_READING_NODE = "model.decision_lens.int_titles_classified"


@dataclass
class Measured:
    seconds: float
    peak_mib: float
    exit_code: int


@dataclass
class BenchResult:
    dataset: str
    date: str
    machine: str
    command: str
    generator: dict = field(default_factory=dict)
    build: dict = field(default_factory=dict)
    direct: dict = field(default_factory=dict)
    incremental: dict = field(default_factory=dict)
    semantic: dict = field(default_factory=dict)


def run_measured(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Measured:
    """Run a command; its wall time, its own peak resident memory and its exit code."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measured(time.perf_counter() - started, usage.ru_maxrss / 1024, process.returncode)


def machine() -> str:
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {memory_gib:.0f} GiB, {platform.system()} {platform.machine()}"


def measure_generation(preset: str, seed: int, raw_dir: Path, scratch: Path) -> dict:
    """Generate the preset (measured), then hold its last days back for the incremental step."""
    from decision_lens.generate.held_back import hold_back

    report_file = scratch / "generation.json"
    code = (
        "import json; from pathlib import Path; from decision_lens.generate.datasets import regenerate; "
        f"r = regenerate({preset!r}, {seed}, Path({str(raw_dir)!r}), 'parquet', None); "
        f"Path({str(report_file)!r}).write_text(json.dumps({{'rows': r.total_rows, 'seconds': r.seconds, "
        "'as_of': r.as_of.isoformat()}))"
    )
    measured = run_measured([sys.executable, "-c", code])
    report = json.loads(report_file.read_text())
    hold_back(raw_dir, dt.date.fromisoformat(report["as_of"]), HELD_BACK_DAYS)
    return {
        "rows": report["rows"],
        "seconds": report["seconds"],
        "rows_per_second": report["rows"] / report["seconds"],
        "peak_mib": measured.peak_mib,
        "exit_code": measured.exit_code,
    }


def raw_rows(raw_dir: Path) -> dict[str, int]:
    """Rows per raw table the build reads: <table>.parquet and its parts, or <table>.csv."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    from decision_lens.raw_contract import TABLES

    rows = {}
    for table in TABLES:
        base = raw_dir / table.source
        files = [*base.glob(f"{table.name}.parquet"), *base.glob(f"{table.name}/*.parquet")]
        rows[table.key] = sum(pq.read_metadata(path).num_rows for path in files)
        if (base / f"{table.name}.csv").is_file():
            rows[table.key] += pacsv.read_csv(base / f"{table.name}.csv").num_rows
    return rows


def measure_build(root: Path, workspace: Workspace) -> dict:
    rows = raw_rows(workspace.raw_dir)
    env = dbt_environment(root, workspace)
    # a full build starts from nothing: an earlier build's file (free blocks, old tables) is not reused
    for path in (workspace.db_path, workspace.db_path.with_name(workspace.db_path.name + ".wal")):
        path.unlink(missing_ok=True)
    (workspace.target_dir / "run_results.json").unlink(missing_ok=True)  # never report an earlier build
    measured = run_measured([tool("dbt"), "--quiet", "build", "--full-refresh"], env=env, cwd=root)
    results = run_result_nodes(workspace.target_dir)
    return {
        "raw_rows": sum(rows.values()),
        "activity_rows": rows["marketing.activity"],
        "seconds": measured.seconds,
        "peak_mib": measured.peak_mib,
        "exit_code": measured.exit_code,
        "nodes": len(results),
        "node_seconds": sum(result["execution_time"] for result in results),
        "node_seconds_by_type": node_seconds_by_type(results),
        "slowest": slowest_nodes(results),
        "title_reading_seconds": sum(
            result["execution_time"] for result in results if result["unique_id"] == TITLE_READING_NODE
        ),
    }


def measure_direct(workspace: Workspace, scratch: Path) -> dict:
    """The build's compiled SQL run straight in DuckDB, on a copy of the built database."""
    copy = scratch / "direct.duckdb"
    shutil.copyfile(workspace.db_path, copy)
    manifest = workspace.target_dir / "manifest.json"
    measured = run_measured(
        [sys.executable, "-m", "decision_lens.bench.direct", str(manifest), str(copy), str(workspace.db_path)]
    )
    copy.unlink(missing_ok=True)
    return {"seconds": measured.seconds, "peak_mib": measured.peak_mib, "exit_code": measured.exit_code}


def measure_semantic(workspace: Workspace, runs: int, mf_runs: int) -> dict:
    from decision_lens.bench.semantic import measure

    timings, catalog = measure(workspace, runs, mf_runs)
    return {"queries": [asdict(timing) for timing in timings], **catalog}
