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

This module is the entry point (the options of `lens bench` and the run); the steps are in
decision_lens.bench.measure, the Markdown in decision_lens.bench.report. It imports neither DuckDB nor the
steps, so `lens --help` stays quick.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `lens bench` (the command line's subparser)."""
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


def main(root: Path, args: argparse.Namespace, command: str) -> int:
    """Measure every step (add_arguments' options), write bench.md and bench.json; 0 when the build
    succeeded and the daily runs equal a full refresh. command: the command line, kept with the figures."""
    import datetime as dt
    import json
    from dataclasses import asdict

    from decision_lens.bench.incremental import measure_incremental
    from decision_lens.bench.measure import (
        BenchResult,
        machine,
        measure_build,
        measure_direct,
        measure_generation,
        measure_semantic,
        run_measured,
    )
    from decision_lens.bench.report import render
    from decision_lens.project import Workspace

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
        command=command,
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
