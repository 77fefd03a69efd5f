"""`lens bench`: the whole pipeline at one size, measured in one run, as a Markdown table and a JSON file.

Steps, each in a process of its own so its peak memory is its own (os.wait4 reports the child's max RSS):
  1. generate the preset: rows per second and peak memory;
  2. `dbt build --full-refresh` (models, tests, unit tests) into an empty database file: wall time, peak
     memory, the slowest nodes and node time by type (target/run_results.json);
  3. dbt's overhead: the same compiled SQL (target/manifest.json), models and data tests, run directly in
     DuckDB in dependency order on a copy of the built database; the ratio build / direct;
  4. the daily runs (decision_lens.bench.incremental): the dataset is generated with its last HELD_BACK_DAYS
     days held back; the first of them is appended and built as a daily run would (models and data tests,
     without --full-refresh), then a day of edits, deletions and late rows, then a day with nothing new;
     each run's time, node time by type and slowest nodes; then a full refresh of the seeds and models on
     the same raw data is built beside them and every table compared; the daily-run targets as ratios;
  5. the semantic layer (decision_lens.bench.semantic): saved queries and single metrics, median and p95.
The figures for this machine, with the command that produced them, are in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
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

from decision_lens.bench.incremental import INCREMENTAL_COMMAND, measure_incremental
from decision_lens.project import Workspace, dbt_environment, project_root, tool
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


def render_by_type(step: dict) -> str:
    names = {"model": "models", "test": "data tests", "unit_test": "unit tests"}
    by_type = step.get("node_seconds_by_type", {})
    return ", ".join(f"{names[kind]} {by_type[kind]:.1f} s" for kind in names if kind in by_type)


def render_slowest(title: str, nodes: list[dict]) -> list[str]:
    return ["", title, "", "| node | s |", "|---|---|"] + [
        f"| `{node['node']}` | {node['seconds']:.1f} |" for node in nodes
    ]


def render_daily_run(day: dict, build: dict) -> str:
    """A row of the steps table: one daily run, its share of the full build."""
    tests_share = day["node_seconds_by_type"].get("test", 0.0) / build["seconds"]
    return (
        f"| daily run: {day['name']}, {INCREMENTAL_COMMAND} | {day['seconds']:.1f} | "
        f"{day['peak_mib']:,.0f} | "
        f"{day['rows_delivered']:,} rows; {day['seconds'] / build['seconds']:.0%} of the full build "
        f"({render_by_type(day)}; the data tests alone take {tests_share:.0%} of it) |"
    )


def target_figures(build: dict, direct: dict, daily: dict) -> list[tuple[str, float, float]]:
    """(what, figure, at most) of the daily-run targets: day 1's wall time and its models' node time as
    shares of the full build's, and the full build's wall time, its unit tests aside (the direct run has
    none), over the same SQL run directly."""
    figures = [
        ("daily run, tests included / full build (wall time)", daily["seconds"] / build["seconds"], 0.20),
        (
            "daily run's models / full build's models (node time)",
            daily["node_seconds_by_type"].get("model", 0.0) / build["node_seconds_by_type"]["model"],
            0.10,
        ),
    ]
    if direct.get("seconds"):
        unit_tests = build["node_seconds_by_type"].get("unit_test", 0.0)
        figures.append(
            (
                "full build, unit tests aside / the same SQL directly",
                (build["seconds"] - unit_tests) / direct["seconds"],
                1.2,
            )
        )
    return figures


def render_targets(build: dict, direct: dict, daily: dict) -> list[str]:
    lines = ["", "Daily-run targets:", "", "| ratio | figure | target | met |", "|---|---|---|---|"]
    for what, figure, limit in target_figures(build, direct, daily):
        lines.append(
            f"| {what} | {figure:.2f} | at most {limit:.2f} | {'yes' if figure <= limit else 'no'} |"
        )
    equal = "yes" if daily["equal_to_full_refresh"] else "no"
    lines.append(
        "| equal to a full refresh after edits, deletions, late rows and a day with nothing new | | | "
        f"{equal} |"
    )
    return lines


def render(result: BenchResult) -> str:
    g, b, d, i = result.generator, result.build, result.direct, result.incremental
    ratio = b["seconds"] / d["seconds"] if d.get("seconds") else None
    lines = [
        f"Decision Lens benchmark, {result.dataset}, {result.date}, {result.machine}",
        f"command: {result.command}",
        "",
        "| step | wall s | peak memory MiB | figure |",
        "|---|---|---|---|",
    ]
    if g:
        lines.append(
            f"| generate | {g['seconds']:.1f} | {g['peak_mib']:,.0f} | "
            f"{g['rows'] or 0:,} rows, {g['rows_per_second'] or 0:,.0f} rows/s |"
        )
    lines.append(
        f"| dbt build --full-refresh | {b['seconds']:.1f} | {b['peak_mib']:,.0f} | "
        f"{b['raw_rows']:,} raw rows ({b['activity_rows']:,} activities); {b['nodes']} nodes, "
        f"{b['node_seconds']:.1f} s of node time ({render_by_type(b)}) |"
    )
    if "title_reading_seconds" in b:
        lines.append(
            f"| reading titles (`int_titles_classified`) | {b['title_reading_seconds']:.1f} | | "
            f"{b['title_reading_seconds'] / b['seconds']:.1%} of the full build |"
        )
    if d:
        lines.append(
            f"| the same SQL in DuckDB directly | {d['seconds']:.1f} | {d['peak_mib']:,.0f} | "
            f"dbt overhead ratio {ratio:.2f} |"
        )
    if i.get("day"):
        for day in [i, *i.get("later_days", [])]:
            lines.append(render_daily_run(day, b))
        equal = "yes" if i["equal_to_full_refresh"] else "NO"
        lines.append(
            f"| full refresh of seeds and models on the same raw data | {i['full_refresh_seconds']:.1f} | | "
            f"the daily runs after days 2 and 3 equal to it: {equal} |"
        )
        lines += [
            f"| differs: `{t['table']}` | | | {t['rows_incremental']:,} vs {t['rows_full_refresh']:,} rows, "
            f"{t['only_incremental']:,} / {t['only_full_refresh']:,} only on one side |"
            for t in i["differences"]
        ]
    elif i:
        lines.append(f"| daily runs | | | skipped: {i['skipped']} |")
    if i.get("day"):
        lines += render_targets(b, d, i)
    lines += render_slowest("Slowest nodes of the full build:", b["slowest"])
    if i.get("slowest"):
        lines += render_slowest("Slowest nodes of the daily run (day 1):", i["slowest"])
    if result.semantic:
        from decision_lens.bench.semantic import Timing
        from decision_lens.bench.semantic import render as render_semantic

        timings = [Timing(**timing) for timing in result.semantic["queries"]]
        catalog = {k: v for k, v in result.semantic.items() if k != "queries"}
        lines += ["", "Semantic layer (ms):", "", render_semantic(timings, catalog)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lens bench", description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="large")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-generate", action="store_true", help="use the preset's raw data as it is")
    parser.add_argument(
        "--raw-dir",
        type=Path,
        help="read this raw dataset as it is (implies --skip-generate; the incremental step needs held-back "
        "days: lens generate --hold-back-days 2)",
    )
    parser.add_argument(
        "--db",
        type=Path,
        help="build into this database, deleted first: the full build starts from an empty file "
        "(default: the preset's)",
    )
    parser.add_argument("--semantic-runs", type=int, default=10, help="warm runs per query (0: skip)")
    parser.add_argument(
        "--build-only",
        action="store_true",
        help="generate and build only (the scaling curve's points: python -m decision_lens.bench.scaling)",
    )
    parser.add_argument(
        "--out", type=Path, help="write bench.md and bench.json here (default: beside the db)"
    )
    args = parser.parse_args(argv)
    root = project_root()
    workspace = Workspace.for_preset(root, args.preset)
    if args.raw_dir or args.db:
        workspace = Workspace(
            raw_dir=(args.raw_dir or workspace.raw_dir).resolve(),
            db_path=(args.db or workspace.db_path).resolve(),
        )
    result = BenchResult(
        dataset=f"raw data {workspace.raw_dir}" if args.raw_dir else f"preset {args.preset}",
        date=dt.date.today().isoformat(),
        machine=machine(),
        command="lens bench " + " ".join(argv if argv is not None else sys.argv[1:]),
    )
    out = args.out or workspace.db_path.parent / "bench"
    out.mkdir(parents=True, exist_ok=True)
    if not (args.skip_generate or args.raw_dir):
        result.generator = measure_generation(args.preset, args.seed, workspace.raw_dir, out)
    result.build = measure_build(root, workspace)
    if result.build["exit_code"] != 0:
        print(
            f"lens bench: the build failed (exit code {result.build['exit_code']}); "
            f"see {workspace.target_dir}"
        )
        args.build_only = True
    if args.build_only:
        args.semantic_runs = 0
    else:
        result.direct = measure_direct(workspace, out)
        result.incremental = measure_incremental(root, workspace, out, run_measured)
    if args.semantic_runs:
        result.semantic = measure_semantic(workspace, args.semantic_runs, mf_runs=1)
    text = render(result)
    (out / "bench.md").write_text(text + "\n")
    (out / "bench.json").write_text(json.dumps(asdict(result), indent=2) + "\n")
    print(text)
    print(f"\nwrote {out / 'bench.md'} and {out / 'bench.json'}")
    incremental_ok = result.incremental.get("equal_to_full_refresh", True)
    return 0 if result.build["exit_code"] == 0 and incremental_ok else 1
