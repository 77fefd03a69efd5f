"""`lens bench`: one run measures the build, dbt's overhead and writes the figures (small data, no timing)."""

from __future__ import annotations

import json

from conftest import RAW_SMALL
from decision_lens.bench_direct import ordered_nodes, statement


def test_bench_measures_the_build_and_the_same_sql_run_directly(lens, tmp_path):
    out = tmp_path / "bench"
    code, printed, err = lens(
        "bench",
        "--raw-dir",
        str(RAW_SMALL),
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
    assert build["peak_mib"] > 50 and direct["seconds"] > 0
    assert "dbt overhead ratio" in printed and (out / "bench.md").read_text() in printed + "\n"
    assert not figures["generator"], "a given raw directory is not generated"


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
