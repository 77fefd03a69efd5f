"""`lens bench`: one run measures the build, dbt's overhead, the daily runs and writes the figures (CI
data, no timing); the scaling curve from bench results."""

from __future__ import annotations

import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from conftest import RAW_SMALL
from decision_lens.bench import scaling
from decision_lens.bench.direct import ordered_nodes, statement
from decision_lens.bench.incremental import measure_incremental
from decision_lens.bench.semantic import SAVED_QUERIES, SINGLE_METRICS
from decision_lens.project import Workspace, project_root


def test_bench_measures_the_build_the_same_sql_run_directly_and_an_incremental_day(lens, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "bench"
    assert lens("generate", "--preset", "ci", "--out", str(raw), "--hold-back-days", "2")[0] == 0
    (tmp_path / "lens.duckdb").write_text("not a database: the full build starts from an empty file")
    code, printed, err = lens(
        "bench",
        "--raw-dir",
        str(raw),
        "--db",
        str(tmp_path / "lens.duckdb"),
        "--semantic-runs",
        "0",
        "--out",
        str(out),
    )
    assert code == 0, printed + err
    figures = json.loads((out / "bench.json").read_text())
    build, direct = figures["build"], figures["direct"]
    assert build["exit_code"] == 0 and direct["exit_code"] == 0
    assert build["nodes"] > 500 and len(build["slowest"]) == 10
    assert {"seed", "model", "test", "unit_test"} <= set(build["node_seconds_by_type"])
    assert sum(build["node_seconds_by_type"].values()) == pytest.approx(build["node_seconds"])
    assert build["peak_mib"] > 50 and direct["seconds"] > 0
    assert 0 < build["title_reading_seconds"] < build["seconds"]
    assert "| reading titles (`int_titles_classified`) |" in printed
    assert build["activity_rows"] == pq.read_metadata(raw / "marketing" / "activity.parquet").num_rows
    assert "dbt overhead ratio" in printed and (out / "bench.md").read_text() in printed + "\n"
    assert not figures["generator"], "a given raw directory is not generated"

    incremental = figures["incremental"]
    assert incremental["day"] == "2026-10-30" and incremental["rows_appended"] > 0
    assert incremental["exit_code"] == 0 and incremental["full_refresh_exit_code"] == 0
    assert incremental["equal_to_full_refresh"] is True and incremental["differences"] == []
    assert "unit_test" not in incremental["node_seconds_by_type"], "the daily run leaves unit tests to CI"
    assert incremental["node_seconds_by_type"]["test"] > 0
    slowest = incremental["slowest"]
    assert len(slowest) == 10 and slowest == sorted(slowest, key=lambda node: -node["seconds"])
    assert "Slowest nodes of the daily run (day 1):" in printed and f"`{slowest[0]['node']}`" in printed
    changes, nothing = incremental["later_days"]
    assert changes["rows_delivered"] > 0 and nothing["rows_delivered"] == 0
    assert changes["equal_to_full_refresh"] is True and nothing["equal_to_full_refresh"] is True
    assert (raw / "marketing" / "activity" / "2026-10-30.parquet").is_file()
    assert (raw / "marketing" / "activity" / "2026-10-30-changes.parquet").is_file()
    assert "Daily-run targets:" in printed
    assert "| daily run, tests included / full build (wall time) |" in printed
    assert "| full build, unit tests aside / the same SQL directly |" in printed
    assert "| daily run: nothing new, dbt build" in printed


def test_a_failed_build_is_reported_and_stops_the_bench(lens, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()  # no raw file: dbt stops before its first node
    code, printed, _ = lens("bench", "--raw-dir", str(raw), "--db", str(tmp_path / "lens.duckdb"))
    assert code == 1
    assert "the build failed" in printed
    figures = json.loads((tmp_path / "bench" / "bench.json").read_text())
    assert figures["build"]["exit_code"] != 0 and figures["build"]["nodes"] == 0
    assert not figures["direct"] and not figures["incremental"] and not figures["semantic"]


def test_without_held_back_days_the_incremental_step_is_skipped(tmp_path):
    workspace = Workspace(raw_dir=RAW_SMALL, db_path=tmp_path / "lens.duckdb")
    skipped = measure_incremental(project_root(), workspace, tmp_path, run_measured=None)
    assert "no held-back day" in skipped["skipped"]


def _bench_json(path, dataset, activities, seconds, peak_mib, exit_code=0):
    build = {
        "activity_rows": activities,
        "raw_rows": 2 * activities,
        "seconds": seconds,
        "peak_mib": peak_mib,
    }
    path.write_text(json.dumps({"dataset": dataset, "build": {**build, "exit_code": exit_code}}))
    return str(path)


def test_the_scaling_curve_is_a_png_and_a_table_per_million_activities(tmp_path):
    files = [
        _bench_json(tmp_path / "c.json", "preset large", 9_000_000, 270.0, 5120.0),
        _bench_json(tmp_path / "a.json", "preset small", 1_000_000, 40.0, 1024.0),
        _bench_json(tmp_path / "b.json", "preset medium", 3_000_000, 100.0, 2048.0),
    ]
    assert scaling.main([*files, "--out", str(tmp_path / "docs" / "scaling")]) == 0
    png = (tmp_path / "docs" / "scaling.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    rows = (tmp_path / "docs" / "scaling.md").read_text().splitlines()[2:]
    assert [row.split(" | ")[0] for row in rows] == ["| preset small", "| preset medium", "| preset large"]
    assert [row.split(" | ")[4] for row in rows] == ["40.0", "33.3", "30.0"]
    assert rows[2].endswith("| 5.00 |")


def test_the_scaling_curve_refuses_a_failed_build(tmp_path, capsys):
    files = [
        _bench_json(tmp_path / "a.json", "preset small", 1_000_000, 40.0, 1024.0),
        _bench_json(tmp_path / "b.json", "preset medium", 3_000_000, 1.0, 2048.0, exit_code=1),
    ]
    assert scaling.main([*files, "--out", str(tmp_path / "scaling")]) == 2
    assert "b.json: the build failed" in capsys.readouterr().err
    assert not (tmp_path / "scaling.png").exists()


def test_direct_execution_orders_models_before_what_reads_them(small_build):
    manifest = json.loads((small_build.target_dir / "manifest.json").read_text())
    nodes = ordered_nodes(manifest)
    position = {node["unique_id"]: index for index, node in enumerate(nodes)}
    for node in nodes:
        for parent in node["depends_on"]["nodes"]:
            if parent in position:
                assert position[parent] < position[node["unique_id"]], (parent, node["unique_id"])
    kinds = {
        statement(node).split(" as ")[0].split(" ")[3] for node in nodes if node["resource_type"] == "model"
    }
    assert kinds == {"view", "table"}


def test_the_semantic_bench_times_every_query_on_every_protocol(small_build_copy, tmp_path):
    """`python -m decision_lens.bench.semantic`: HTTP, GraphQL, Flight SQL, the engine, hand SQL; one run."""
    figures_file = tmp_path / "semantic.json"
    command = [sys.executable, "-m", "decision_lens.bench.semantic", "--db", str(small_build_copy.db_path)]
    command += ["--runs", "1", "--mf-runs", "0", "--json", str(figures_file)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(figures_file.read_text())
    queries = figures["queries"]
    pages = ("dashboard_first_ms", "dashboard_first_filtered_ms", "dashboard_again_median_ms")
    assert all(figures[key] > 0 for key in pages), figures
    assert "| dashboard GET /dashboard, first |" in done.stdout
    assert [query["name"] for query in queries] == [*SAVED_QUERIES, *SINGLE_METRICS]
    for query in queries:
        protocols = ("api_median_ms", "graphql_median_ms", "flight_median_ms", "engine_median_ms")
        assert all(query[name] > 0 for name in protocols), query
        assert query["mf_median_ms"] is None, "--mf-runs 0 skips mf"
        assert (query["sql_median_ms"] is not None) == (query["name"] in SINGLE_METRICS)
        assert f"| {query['name']} |" in done.stdout
    assert "Cannot disable autocommit" not in done.stderr


def test_bench_md_says_which_tables_differ_and_that_the_daily_runs_are_not_equal():
    """bench.md from its template, on hand-made figures: a difference is a row of the steps table."""
    from decision_lens.bench.measure import BenchResult
    from decision_lens.bench.report import render

    build = {"seconds": 100.0, "peak_mib": 2048.0, "raw_rows": 5000, "activity_rows": 3000, "nodes": 9}
    build |= {"node_seconds": 90.0, "node_seconds_by_type": {"model": 60.0, "test": 30.0}, "slowest": []}
    day = {"name": "append 2026-10-30", "seconds": 30.0, "peak_mib": 1024.0, "rows_delivered": 1234}
    day |= {"node_seconds_by_type": {"model": 5.0, "test": 20.0}, "slowest": []}
    difference = {"table": "main_marts.signals", "rows_incremental": 1001, "rows_full_refresh": 1000}
    difference |= {"only_incremental": 2, "only_full_refresh": 1}
    incremental = {**day, "day": "2026-10-30", "later_days": [], "full_refresh_seconds": 90.0}
    incremental |= {"equal_to_full_refresh": False, "differences": [difference]}
    result = BenchResult("preset ci", "2026-12-04", "2 cores", "lens bench", build=build)
    result.incremental = incremental
    text = render(result)
    assert text.startswith("Decision Lens benchmark, preset ci, 2026-12-04, 2 cores\ncommand: lens bench\n")
    assert "| differs: `main_marts.signals` | | | 1,001 vs 1,000 rows, 2 / 1 only on one side |" in text
    assert "the daily runs after days 2 and 3 equal to it: NO |" in text
    assert "| 1,234 rows; 30% of the full build (models 5.0 s, data tests 20.0 s;" in text
    assert "| daily run, tests included / full build (wall time) | 0.30 | at most 0.20 | no |" in text
    assert "dbt overhead ratio" not in text and not text.endswith("\n")
