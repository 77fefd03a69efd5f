"""`lens`: the Decision Lens command line."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from decision_lens import __version__
from decision_lens import bench as bench_module
from decision_lens.bi_files import BI_STORAGE_VERSION, BiDatabase
from decision_lens.project import DEFAULT_PRESET, DUCKDB_TARGET, LensError, Workspace, project_root, run_dbt

PRESETS = ("ci", "demo", "small", "medium", "large")
DEFAULT_SEED = 7
# The exit status when the reader of stdout goes away first (`lens query ... | head -1`): 141, 128 + SIGPIPE
# (13), what a shell reports for a tool the signal ended (`seq 1000000 | head -1`), so a script under
# `set -o pipefail` learns that the output was cut short, as it would from any other tool.
EXIT_BROKEN_PIPE = 141

# the verbs, each with its one-line help, are listed by argparse below this (lens --help)
DESCRIPTION = "Decision Lens: decision-aware models of how healthcare buys, built with dbt on DuckDB."


# lens report's unit filters: flag -> words (the dashboard's filters of the same names)
REPORT_UNIT_FILTERS = {"--region": "region", "--unit-type": "unit type", "--bed-count-band": "bed-count band"}


def _workspace(root: Path, args: argparse.Namespace) -> Workspace:
    preset_space = Workspace.for_preset(root, args.preset)
    raw_dir = Path(args.raw_dir).resolve() if args.raw_dir else preset_space.raw_dir
    db_path = Path(args.db).resolve() if args.db else preset_space.db_path
    dbt_vars = getattr(args, "dbt_vars", None)
    target = getattr(args, "target", None) or DUCKDB_TARGET
    engine = "duckdb" if target == DUCKDB_TARGET else _target_engine(root, target, dbt_vars)
    return Workspace(raw_dir=raw_dir, db_path=db_path, dbt_vars=dbt_vars, target=target, engine=engine)


def _duckdb_workspace(root: Path, args: argparse.Namespace) -> Workspace:
    """The workspace of a verb that reads the DuckDB file itself (Great Expectations over its tables, the
    title read-out): on a warehouse target, an error that says what to run instead."""
    workspace = _workspace(root, args)
    if not workspace.is_duckdb:
        raise LensError(
            f"lens {args.verb} reads the DuckDB build; on {workspace.engine}, `lens build --target "
            f"{workspace.target}` runs every dbt test and `lens query --target {workspace.target}` asks "
            "the semantic layer."
        )
    return workspace


def _load_in_own_process(workspace: Workspace) -> int:
    """`lens load` of the workspace's raw files, in a process of its own: a local Spark session keeps its
    metastore (an embedded Derby database) locked until its process ends, and dbt's session is next."""
    command = [sys.executable, "-m", "decision_lens.cli", "load", "--target", workspace.target]
    command += ["--raw-dir", str(workspace.raw_dir)]
    if workspace.dbt_vars:
        command += ["--vars", workspace.dbt_vars]
    return subprocess.run(command, check=False).returncode


def _target_engine(root: Path, target: str, dbt_vars: str | None) -> str:
    import yaml

    from decision_lens.engines.profile import read_target

    return read_target(root, target, yaml.safe_load(dbt_vars) if dbt_vars else {}).type


def _add_vars_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--vars",
        dest="dbt_vars",
        metavar="YAML",
        help="dbt vars for this run, as dbt takes them, e.g. '{account_custom_fields: {bed_count_c: "
        "licensed_beds_c}, raw_time_zones: {marketing: America/Chicago}}'",
    )


# what --db means to each verb: build into it, read it, or only place files beside it
BUILD_DB = "build into this DuckDB file instead"
READ_DB = "read this DuckDB file instead (opened read-only)"


def _add_workspace_options(parser: argparse.ArgumentParser, db_help: str = BUILD_DB) -> None:
    parser.add_argument(
        "--preset",
        choices=PRESETS,
        default=DEFAULT_PRESET,
        help="dataset whose folders to use: data/<preset>/raw and data/<preset>/decision_lens.duckdb "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--raw-dir",
        help="read the raw files from this folder instead (<dir>/<source>/<table>.parquet or .csv)",
    )
    parser.add_argument("--db", help=db_help)
    parser.add_argument(
        "--target",
        default=DUCKDB_TARGET,
        help="the profiles.yml output to build with: duckdb (the default), or a warehouse such as postgres "
        "or spark (its raw schemas loaded with lens load; lens run loads them itself)",
    )


def _add_generate_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default: %(default)s)")
    parser.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        help="last day of the data, YYYY-MM-DD (default: fixed per version)",
    )
    parser.add_argument(
        "--format",
        dest="file_format",
        choices=("parquet", "csv"),
        default="parquet",
        help="raw file format (default: %(default)s)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lens", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"lens {__version__}")
    verbs = parser.add_subparsers(
        title="verbs", dest="verb", required=True, metavar="VERB", help="lens VERB --help for its options"
    )

    run = verbs.add_parser(
        "run",
        help="generate a preset's dataset if it is not there yet, build everything, print a summary, export "
        "the saved queries as tables",
    )
    run.set_defaults(func=cmd_run)
    _add_workspace_options(run)
    _add_vars_option(run)
    _add_generate_options(run)
    run.add_argument("--quiet", action="store_true", help="show only dbt's errors, then the summary")

    bench = verbs.add_parser(
        "bench",
        help="benchmark the whole pipeline at one size: generate, build, dbt's overhead, the semantic layer",
        description=bench_module.__doc__.splitlines()[0],
    )
    bench.set_defaults(func=cmd_bench)
    bench_module.add_arguments(bench)

    generate = verbs.add_parser(
        "generate",
        help="write the synthetic raw dataset (15 tables of CRM, marketing, intent and contract data)",
    )
    generate.set_defaults(func=cmd_generate)
    generate.add_argument(
        "--preset", choices=PRESETS, default=DEFAULT_PRESET, help="size (default: %(default)s)"
    )
    generate.add_argument("--out", help="output folder (default: data/<preset>/raw)")
    generate.add_argument(
        "--corrupt",
        action="store_true",
        help="then inject known faults for the data-quality tests, counted in <out>/faults.json (Parquet)",
    )
    generate.add_argument(
        "--hold-back-days",
        type=int,
        default=0,
        metavar="N",
        help="keep the rows of the last N days out of the raw files, for lens append-day (Parquet)",
    )
    _add_generate_options(generate)

    append = verbs.add_parser(
        "append-day",
        help="move the next held-back day of a dataset into its raw files (see generate --hold-back-days)",
    )
    append.set_defaults(func=cmd_append_day)
    _add_workspace_options(append, db_help="not used: append-day changes the raw files only")

    build = verbs.add_parser(
        "build",
        help="check the raw files (as doctor), run `dbt build` (seeds, models, tests), print a summary",
    )
    build.set_defaults(func=cmd_build)
    _add_workspace_options(build)
    _add_vars_option(build)
    build.add_argument("--select", help="dbt node selection, passed to dbt build --select")
    build.add_argument("--full-refresh", action="store_true", help="rebuild incremental models from scratch")
    build.add_argument("--quiet", action="store_true", help="show only dbt's errors, then the summary")
    build.add_argument(
        "--no-reports",
        action="store_true",
        help="skip source freshness and the reports after the build (the summary still prints)",
    )

    doctor = verbs.add_parser(
        "doctor",
        help="check a raw directory against the raw contract: every problem that would stop a build, at once",
        description="Read every raw table of the raw directory once and report, at once, every problem "
        "that would stop a build (a missing required table or column, an unreadable file, a var that cannot "
        "work) and how the rest will be read (absent tables as empty, absent columns as null). Exit code 1 "
        "when the build cannot run.",
    )
    doctor.set_defaults(func=cmd_doctor)
    _add_workspace_options(doctor, db_help="not used: doctor reads the raw files only")
    _add_vars_option(doctor)

    load = verbs.add_parser(
        "load",
        help="load a raw directory into a warehouse's raw schemas (PostgreSQL, Spark), to build there",
        description="Load each raw table of DIR (the files `lens build` reads on DuckDB) into the raw schema "
        "of its source (vars <source>_schema: raw_crm, ...) of the warehouse of a profiles.yml output, "
        "replacing the table: the file's columns, Parquet types kept, CSV columns as text. The raw schemas "
        "mirror DIR: a contract table DIR does not have is dropped. Nothing is loaded while DIR has a "
        "problem (as lens doctor); exit code 1 then.",
    )
    load.set_defaults(func=cmd_load)
    load.add_argument(
        "--target", required=True, help="output of profiles.yml to load into (postgres, spark: its type)"
    )
    load.add_argument(
        "--raw-dir", required=True, help="the raw folder: <dir>/<source>/<table>.parquet or .csv"
    )
    _add_vars_option(load)

    summary = verbs.add_parser("summary", help="print the summary of the last build again")
    summary.set_defaults(func=cmd_summary)
    _add_workspace_options(
        summary, db_help="read this DuckDB file (opened read-only) and dbt's results beside it instead"
    )

    lint = verbs.add_parser("lint", help="run sqlfluff, ruff and yamllint (the lint gate of make test)")
    lint.set_defaults(func=cmd_lint)
    _add_workspace_options(
        lint,
        db_help="the DuckDB file sqlfluff's dbt templater opens instead (make lint gives it a scratch one)",
    )

    query = verbs.add_parser(
        "query",
        help="query metrics of the semantic layer (MetricFlow, in process, read-only)",
        description="Query the semantic layer's metrics with MetricFlow, in process, on a read-only "
        "database. Names are MetricFlow's: metric_time__month, decision_unit__region, ...",
    )
    query.set_defaults(func=cmd_query)
    _add_workspace_options(query, db_help=READ_DB)
    _add_query_options(query)

    export = verbs.add_parser(
        "export",
        help="saved queries as tables in the `semantic` schema (and as files BI tools with DuckDB 1.x read)",
        description="Write each saved query as a table in the `semantic` schema of the build's database; "
        "with --parquet and --bi-db, also as files for BI tools that bundle an older DuckDB (Superset, "
        "Evidence), each written whole and then renamed into place.",
    )
    export.set_defaults(func=_export_verb)
    _add_workspace_options(export)
    export.add_argument(
        "--parquet",
        type=Path,
        metavar="DIR",
        help="also write each saved query to DIR/<saved query>.parquet (the folder is made if missing)",
    )
    export.add_argument(
        "--bi-db",
        type=Path,
        metavar="PATH",
        help="also write the tables (as semantic.<saved query>) to a DuckDB file of their own, in a storage "
        "format older DuckDB clients open (see --storage-version)",
    )
    export.add_argument(
        "--storage-version",
        default=BI_STORAGE_VERSION,
        metavar="VERSION",
        help="the DuckDB release whose storage format --bi-db writes (default: %(default)s, which DuckDB 1.0 "
        "and later read; DuckDB 2.0's own format, v2.0.0, no DuckDB 1.x reads)",
    )

    glossary = verbs.add_parser(
        "glossary",
        help="write the metric dictionary (Markdown and HTML) from the semantic layer's definitions",
    )
    glossary.set_defaults(func=cmd_glossary)
    _add_workspace_options(
        glossary,
        db_help="use the folder of this DuckDB file instead, for dbt's target/ and the glossary (the file "
        "itself is not read)",
    )
    glossary.add_argument(
        "--out", type=Path, default=None, help="output folder (default: glossary/ beside the database)"
    )

    report = verbs.add_parser(
        "report",
        help="write the dashboard as one standalone HTML file (the page lens serve shows at /dashboard)",
    )
    report.set_defaults(func=cmd_report)
    _add_workspace_options(report, db_help="read this DuckDB file instead (read-only)")
    report.add_argument(
        "--out", type=Path, default=None, help="the HTML file (default: report/dashboard.html beside the db)"
    )
    report.add_argument("--months", default=None, help="the period: months to the as-of week (default: 12)")
    for flag, words in REPORT_UNIT_FILTERS.items():
        report.add_argument(flag, default=None, help=f"only the decision units of this {words}")

    check = verbs.add_parser(
        "check",
        help="Great Expectations suites on the raw files and the marts, with data docs (read-only); "
        "non-zero on a failure",
    )
    check.set_defaults(func=cmd_check)
    _add_workspace_options(
        check, db_help="read this DuckDB file instead (opened read-only; the data docs go beside it)"
    )
    check.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder of the data docs and the offline page (default: quality/ beside the database)",
    )
    check.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a threshold of src/decision_lens/check/thresholds.py for this run (repeatable)",
    )

    serve = verbs.add_parser(
        "serve",
        help="the semantic layer as an HTTP API (catalog, queries as JSON, CSV or Arrow), read-only",
        description="Serve the semantic layer over HTTP from a read-only snapshot of the database, swapped "
        "when a build finishes. A token (DECISION_LENS_API_TOKEN or --token-file) is required to listen "
        "beyond loopback.",
        allow_abbrev=False,  # `--token x` must not pass for --token-file
    )
    serve.set_defaults(func=cmd_serve)
    _add_workspace_options(
        serve, db_help="read this DuckDB file instead (through read-only snapshots of it; never written)"
    )
    _add_serve_options(serve)

    titles = verbs.add_parser(
        "titles",
        help="each distinct title, how many people carry it, its layer and the taxonomy row that decided it",
        description="Each distinct title (and department) of the built database, how many contacts and "
        "leads carry it, its decision layer and the role_taxonomy row that decided it, most people first. "
        "Edit seeds/role_taxonomy.csv (or role_taxonomy_exclusions.csv, title_abbreviations.csv) and run "
        "with --refresh to see the effect; the people models and the marts change only with the next "
        "`lens build`.",
    )
    titles.set_defaults(func=cmd_titles)
    _add_workspace_options(
        titles,
        db_help="read this DuckDB file instead (opened read-only; --refresh rebuilds the title models in it)",
    )
    titles.add_argument(
        "--unclassified",
        action="store_true",
        help="only the titles no role_taxonomy row matched (to classify)",
    )
    titles.add_argument("--limit", type=int, help="at most this many titles")
    titles.add_argument(
        "--refresh",
        action="store_true",
        help="first rebuild the title seeds and int_titles_classified (seconds; the marts follow at the next "
        "lens build)",
    )
    return parser


def verb_parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Each verb's parser by name, as build_parser's subparsers hold them (the one list of the verbs)."""
    return next(
        action.choices for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )


class _RefuseTokenArgument(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None) -> None:
        parser.error(
            "a token on the command line shows in shell history and `ps`: "
            "set DECISION_LENS_API_TOKEN or pass --token-file FILE"
        )


def _add_serve_options(parser: argparse.ArgumentParser) -> None:
    from decision_lens import serve as defaults

    parser.add_argument(
        "--host", default=defaults.DEFAULT_HOST, help="address to listen on (default: %(default)s)"
    )
    parser.add_argument("--port", type=int, default=defaults.DEFAULT_PORT, help="port (default: %(default)s)")
    parser.add_argument(
        "--row-cap",
        type=int,
        default=defaults.DEFAULT_ROW_CAP,
        help="most rows in one answer; more are cut off and flagged truncated (default: %(default)s)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=defaults.DEFAULT_TIMEOUT_S,
        help="seconds a query may run before it is stopped with 504 (default: %(default)s)",
    )
    parser.add_argument(
        "--token-file", type=Path, help="file holding the bearer token (else DECISION_LENS_API_TOKEN)"
    )
    parser.add_argument(
        "--snapshot-dir", type=Path, help="where to keep the database copies (default: .serve/ beside it)"
    )
    parser.add_argument(
        "--poll-interval",
        type=float,
        default=defaults.DEFAULT_POLL_S,
        help="seconds between looks at the database for a finished rebuild (default: %(default)s)",
    )
    parser.add_argument(
        "--max-request-bytes",
        type=int,
        default=defaults.DEFAULT_MAX_REQUEST_BYTES,
        help="larger request bodies are refused with 413 before they are read (default: %(default)s)",
    )
    parser.add_argument(
        "--flight-port",
        type=_flight_port,
        default=defaults.DEFAULT_FLIGHT_PORT,
        help="port of dbt's Semantic Layer JDBC API (Arrow Flight SQL), or off (default: %(default)s)",
    )
    parser.add_argument("--token", nargs="?", action=_RefuseTokenArgument, help=argparse.SUPPRESS)


def _flight_port(text: str) -> int | None:
    if text == "off":
        return None
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number or off") from None


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


def _add_query_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--metrics", type=_names, default=(), help="metric names, comma-separated")
    parser.add_argument(
        "--group-by",
        type=_names,
        default=(),
        help="dimensions, e.g. metric_time__month,decision_unit__region",
    )
    parser.add_argument(
        "--where",
        action="append",
        default=[],
        help="filter, e.g. \"{{ Dimension('decision_unit__region') }} = 'West'\" (repeatable: all must hold)",
    )
    parser.add_argument(
        "--order", type=_names, default=(), help="order by these names; a leading - sorts descending"
    )
    parser.add_argument("--limit", type=int, help="at most this many rows")
    parser.add_argument("--start", type=dt.date.fromisoformat, help="first day of metric_time, YYYY-MM-DD")
    parser.add_argument("--end", type=dt.date.fromisoformat, help="last day of metric_time, YYYY-MM-DD")
    parser.add_argument("--saved-query", help="run this saved query (where, order and limit still apply)")
    parser.add_argument("--format", dest="output_format", choices=("table", "csv", "json"), default="table")
    parser.add_argument("--explain", action="store_true", help="print the SQL instead of running it")


def _attach_dash_values(argv: list[str]) -> list[str]:
    """`--order -metric_time__month` as `--order=-metric_time__month`: argparse takes "-x" for an option."""
    joined: list[str] = []
    for arg in argv:
        if joined and joined[-1] == "--order" and arg.startswith("-"):
            joined[-1] = f"--order={arg}"
        else:
            joined.append(arg)
    return joined


def cmd_generate(root: Path, args: argparse.Namespace) -> int:
    from decision_lens.generate.datasets import regenerate, render_report

    out = Path(args.out).resolve() if args.out else Workspace.for_preset(root, args.preset).raw_dir
    if (args.corrupt or args.hold_back_days) and args.file_format != "parquet":
        raise LensError("--corrupt and --hold-back-days work on a Parquet dataset: leave out --format csv.")
    if args.corrupt and args.hold_back_days:
        raise LensError("--corrupt and --hold-back-days do not go together: choose one.")
    report = regenerate(args.preset, args.seed, out, args.file_format, args.as_of)
    print(render_report(report))
    if args.hold_back_days:
        from decision_lens.generate.held_back import hold_back

        held = hold_back(out, report.as_of, args.hold_back_days)
        print(f"Held back (lens append-day adds them, one day at a time, in {out}):")
        for day, rows in held.items():
            print(f"  {day}  {rows:>12,} rows")
    if args.corrupt:
        from decision_lens.generate.corrupt import FAULTS_FILE, corrupt

        print(f"Injected faults (counted in {out / FAULTS_FILE}):")
        for fault in corrupt(out, args.seed):
            print(f"  {fault.table:<20} {fault.reason:<26} {fault.rows:>3} rows  ({fault.handling})")
    return 0


def cmd_append_day(root: Path, args: argparse.Namespace) -> int:
    from decision_lens.generate.held_back import append_day, held_back_days

    workspace = _workspace(root, args)
    try:
        day, rows = append_day(workspace.raw_dir)
    except FileNotFoundError as error:
        raise LensError(str(error)) from None
    print(f"Appended {day} to {workspace.raw_dir}: {sum(rows.values()):,} rows")
    for key, count in sorted(rows.items()):
        if count:
            print(f"  {key:<32} {count:>10,} rows")
    left = held_back_days(workspace.raw_dir)
    print(f"Held back still: {', '.join(left) if left else 'none'}. Now build (incremental): lens build")
    return 0


def _ensure_dataset(args: argparse.Namespace, workspace: Workspace) -> bool:
    """Generate the preset's dataset unless an identical one is there; True when it was (re)generated."""
    from decision_lens.generate.datasets import dataset_matches, regenerate, render_report

    if args.raw_dir:
        return False
    if dataset_matches(workspace.raw_dir, args.preset, args.seed, args.as_of, args.file_format):
        print(f"Raw dataset {workspace.raw_dir} is up to date (preset {args.preset}, seed {args.seed}).")
        return False
    print(f"Generating the {args.preset} dataset into {workspace.raw_dir} ...", flush=True)
    report = regenerate(args.preset, args.seed, workspace.raw_dir, args.file_format, args.as_of)
    print(render_report(report))
    return True


def _inspect(root: Path, args: argparse.Namespace, workspace: Workspace):
    """The raw files as the build will read them; None when the sources are warehouse tables."""
    from decision_lens.raw_doctor import inspect_raw_dir, project_vars

    variables = project_vars(root, workspace.dbt_vars)
    if not workspace.is_duckdb or not variables.get("raw_from_files", True):
        return None
    if not workspace.raw_dir.is_dir():
        raise LensError(
            f"Raw directory {workspace.raw_dir} does not exist: run `lens generate --preset {args.preset}` "
            "or pass --raw-dir."
        )
    return inspect_raw_dir(workspace.raw_dir, variables)


def cmd_doctor(root: Path, args: argparse.Namespace) -> int:
    from decision_lens.raw_doctor import render_doctor

    inventory = _inspect(root, args, _workspace(root, args))
    if inventory is None:
        print(
            "The raw sources are warehouse tables (a warehouse target, or var raw_from_files false): "
            "`lens build` checks them."
        )
        return 0
    print(render_doctor(inventory))
    return 1 if inventory.all_problems else 0


def cmd_run(root: Path, args: argparse.Namespace) -> int:
    workspace = _workspace(root, args)
    # a new dataset replaces the old one: the incremental signals table must not keep old rows
    args.full_refresh = _ensure_dataset(args, workspace)
    if not workspace.is_duckdb:  # a warehouse reads tables: load the dataset's files into them
        code = _load_in_own_process(workspace)
        if code != 0:
            return code
        # one warehouse holds whichever dataset was loaded last: incremental tables start over
        args.full_refresh = True
    code = _build(root, args, workspace)
    # and the saved queries as tables, for BI tools that only read tables
    code = cmd_export(workspace) if code == 0 else code
    if code == 0 and workspace.is_duckdb:
        _write_pages(args, workspace)
    return code


def _write_pages(args: argparse.Namespace, workspace: Workspace) -> None:
    """The glossary and the dashboard report beside the database, and where to open them."""
    from decision_lens.dashboard.report import default_report_path, write_report
    from decision_lens.glossary_pages import write_glossary
    from decision_lens.semantic import MANIFEST_FILE

    write_glossary(workspace.target_dir / MANIFEST_FILE, workspace.db_path.parent / "glossary")
    report = write_report(workspace, default_report_path(workspace), {})
    where = f"--preset {args.preset}" if not args.db and not args.raw_dir else f"--db {workspace.db_path}"
    print(f"\nDashboard: run `lens serve {where}`, then open http://127.0.0.1:8765/dashboard")
    print(f"Report:    {report} (the same page, one file)")


def cmd_build(root: Path, args: argparse.Namespace) -> int:
    return _build(root, args, _workspace(root, args))


def _build(root: Path, args: argparse.Namespace, workspace: Workspace) -> int:
    from decision_lens.raw_doctor import INVENTORY_FILE, render_doctor
    from decision_lens.summary import build_summary, render

    inventory = _inspect(root, args, workspace)
    (workspace.target_dir / INVENTORY_FILE).unlink(missing_ok=True)
    if inventory is not None:
        if inventory.all_problems:  # every problem at once, before any model runs
            print(render_doctor(inventory))
            return 1
        inventory.save(workspace.target_dir / INVENTORY_FILE)
    dbt_args = ["build"]
    if getattr(args, "select", None):
        dbt_args += ["--select", args.select]
    if getattr(args, "full_refresh", False):
        dbt_args.append("--full-refresh")
    results = workspace.target_dir / "run_results.json"
    results.unlink(missing_ok=True)  # never summarise an earlier build
    started = time.perf_counter()
    code = run_dbt(root, workspace, dbt_args, quiet=args.quiet)
    if results.exists():
        summary = build_summary(workspace)
        print(render(summary, workspace))
        reports = not getattr(args, "select", None) and not getattr(args, "no_reports", False)
        if code == 0 and reports and workspace.is_duckdb:
            from decision_lens.freshness import check_freshness, render_freshness
            from decision_lens.reports import render_reports

            print(render_freshness(check_freshness(root, workspace)))
            print(render_reports(root, workspace))
        print(f"  wall time  {time.perf_counter() - started:.1f} s")
    return code


def cmd_load(root: Path, args: argparse.Namespace) -> int:
    from decision_lens.load import load_raw_dir

    return load_raw_dir(root, args.target, Path(args.raw_dir).resolve(), args.dbt_vars)


def cmd_summary(root: Path, args: argparse.Namespace) -> int:
    from decision_lens.summary import build_summary, render

    workspace = _workspace(root, args)
    print(render(build_summary(workspace), workspace))
    return 0


def cmd_lint(root: Path, args: argparse.Namespace) -> int:
    from decision_lens.lint import lint

    return lint(root, _workspace(root, args))


def cmd_query(root: Path, args: argparse.Namespace) -> int:
    from decision_lens.semantic import MetricQuery, SemanticLayer

    workspace = _workspace(root, args)
    query = MetricQuery(
        metrics=args.metrics,
        group_by=args.group_by,
        where=tuple(args.where),
        order_by=args.order,
        limit=args.limit,
        start=args.start,
        end=args.end,
        saved_query=args.saved_query,
    )
    with SemanticLayer.for_workspace(workspace) as layer:
        if args.explain:
            print(layer.explain(query))
            return 0
        result = layer.query(query)
    if args.output_format == "json":
        print(json.dumps(result.records(), indent=2))
    elif args.output_format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(result.plain_rows())
    else:
        from decision_lens.reports import format_table

        if not result.rows:  # a sentence rather than a table of headers
            print(f"No rows. Columns: {', '.join(result.columns)}")
            return 0
        print("\n".join(format_table(result.columns, result.plain_rows())))
        print(f"({len(result.rows)} rows)")
    return 0


def cmd_export(workspace: Workspace, args: argparse.Namespace | None = None) -> int:
    """The tables in the `semantic` schema; with args (lens export's options), the files for BI tools too."""
    from decision_lens.export import export_saved_queries

    parquet_dir = args.parquet.resolve() if args and args.parquet else None
    bi_db = BiDatabase(args.bi_db.resolve(), args.storage_version) if args and args.bi_db else None
    exported_tables = export_saved_queries(workspace, parquet_dir=parquet_dir, bi_db=bi_db)
    for exported in exported_tables:
        print(f"  {exported.table:<32} {exported.row_count:>7,} rows  (saved query {exported.saved_query})")
    for exported in exported_tables:
        if exported.parquet:
            print(f"  wrote {exported.parquet}")
    if bi_db:
        print(f"  wrote {bi_db.path}: the tables above, in DuckDB's {bi_db.storage_version} storage format")
    return 0


def _export_verb(root: Path, args: argparse.Namespace) -> int:
    return cmd_export(_workspace(root, args), args)


def cmd_glossary(root: Path, args: argparse.Namespace) -> int:
    from decision_lens.glossary_pages import write_glossary
    from decision_lens.semantic import MANIFEST_FILE

    workspace = _workspace(root, args)
    if run_dbt(root, workspace, ["parse"], silent=True) != 0:  # the definitions as they are now
        return 1
    out_dir = args.out or workspace.db_path.parent / "glossary"
    for path in write_glossary(workspace.target_dir / MANIFEST_FILE, out_dir):
        print(f"  wrote {path}")
    return 0


def cmd_report(root: Path, args: argparse.Namespace) -> int:
    from decision_lens.dashboard.context import BadFilter
    from decision_lens.dashboard.report import default_report_path, write_report

    workspace = _workspace(root, args)
    names = ("months", "region", "unit_type", "bed_count_band")
    params = {name: getattr(args, name) for name in names if getattr(args, name)}
    try:
        path = write_report(workspace, args.out or default_report_path(workspace), params)
    except BadFilter as error:
        print(f"lens report: {error}", file=sys.stderr)
        return 2
    print(f"Dashboard report: {path}")
    return 0


def cmd_check(root: Path, args: argparse.Namespace) -> int:
    workspace = _duckdb_workspace(root, args)
    from decision_lens.check.runner import run_check  # Great Expectations is imported only now

    return run_check(workspace, args.out, args.overrides)


def cmd_serve(root: Path, args: argparse.Namespace) -> int:
    from decision_lens.serve.server import serve

    return serve(
        _workspace(root, args),
        host=args.host,
        port=args.port,
        row_cap=args.row_cap,
        timeout_s=args.timeout,
        token_file=args.token_file,
        snapshot_dir=args.snapshot_dir,
        poll_s=args.poll_interval,
        max_request_bytes=args.max_request_bytes,
        flight_port=args.flight_port,
    )


def cmd_titles(root: Path, args: argparse.Namespace) -> int:
    from decision_lens.titles import cmd_titles as titles

    return titles(root, _duckdb_workspace(root, args), args.unclassified, args.limit, args.refresh)


def cmd_bench(root: Path, args: argparse.Namespace) -> int:
    return bench_module.main(root, args, command=" ".join(["lens", *args.argv]))


def main(argv: list[str] | None = None) -> int:
    try:
        try:
            return _main(sys.argv[1:] if argv is None else argv)
        finally:  # what is still buffered goes out now, inside the try: a reader may be gone already
            sys.stdout.flush()
    except BrokenPipeError:  # the reader of stdout left (| head): stop quietly, as tools the signal ends do
        _discard_stdout()
        return EXIT_BROKEN_PIPE


def _discard_stdout() -> None:
    """Point stdout at /dev/null: the interpreter flushes it once more on exit, and a flush into the closed
    pipe would print "Exception ignored ... BrokenPipeError" and exit with 120."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(_attach_dash_values(argv))
    args.argv = argv  # the arguments as given (lens bench keeps its command line with its figures)
    try:
        return args.func(project_root(), args)
    except LensError as error:
        print(f"lens: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
