"""The engine runs (make test-postgres, make test-spark): the ci dataset built on DuckDB and on a warehouse
with every dbt test, then every mart and every saved query compared between the two. Each module starts what
its engine needs on this machine and builds once; its tests read the two builds."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from decision_lens.cli import main
from decision_lens.engines.compare import MartComparison, compare_marts, compare_rows, render_comparison
from decision_lens.project import Workspace, project_root
from decision_lens.semantic import MetricQuery, SemanticLayer

ROOT = project_root()
PRESET = "ci"
MARTS_SCHEMA = "marts"
# a few metric queries beyond the saved queries: a ratio, a cumulative metric, a filter and a limit
METRIC_QUERIES = (
    MetricQuery(metrics=("signals", "usage_to_authority_ratio"), group_by=("metric_time__month",)),
    MetricQuery(metrics=("cumulative_pipeline", "win_rate"), group_by=("metric_time__quarter",)),
    MetricQuery(
        metrics=("signals",),
        group_by=("signal__signal_class",),
        where=("{{ Dimension('signal__source_system') }} = 'crm'",),
        order_by=("-signals",),
        limit=5,
    ),
)


@dataclass(frozen=True)
class EngineBuild:
    """The ci dataset built with a warehouse target, and the same dataset built on DuckDB beside it."""

    duckdb: Workspace
    warehouse: Workspace
    code: int
    seconds: float

    def run_results(self) -> list[dict]:
        return json.loads((self.warehouse.target_dir / "run_results.json").read_text())["results"]


def build_on(target: str, folder: Path) -> EngineBuild:
    """`lens run --preset ci --target TARGET` (generate, load, build with every test) in folder, and the
    DuckDB build of the same raw files."""
    import time

    db = folder / "decision_lens.duckdb"
    if not Workspace.for_preset(ROOT, PRESET).raw_dir.is_dir():  # a fresh checkout: make test made none yet
        assert main(["generate", "--preset", PRESET]) == 0
    assert main(["build", "--preset", PRESET, "--db", str(db), "--no-reports"]) == 0, (
        "the DuckDB build failed"
    )
    started = time.perf_counter()
    code = main(["run", "--preset", PRESET, "--db", str(db), "--target", target])
    seconds = time.perf_counter() - started
    duckdb_space = Workspace.for_preset(ROOT, PRESET)
    duckdb_space = Workspace(raw_dir=duckdb_space.raw_dir, db_path=db)
    warehouse_space = Workspace(raw_dir=duckdb_space.raw_dir, db_path=db, target=target, engine=target)
    return EngineBuild(duckdb_space, warehouse_space, code, seconds)


def mart_columns(db_path: Path) -> list[tuple[str, list[str]]]:
    """Every table of the DuckDB build's marts schema with its columns, but the ones documented as
    engine-specific (meta same_on_every_engine: false, e.g. a hash whose function is the engine's)."""
    manifest = json.loads((db_path.parent / "target" / "manifest.json").read_text())
    engine_specific = {
        (node["alias"], name)
        for node in manifest["nodes"].values()
        for name, column in node.get("columns", {}).items()
        if column.get("config", {}).get("meta", {}).get("same_on_every_engine") is False
    }
    with duckdb.connect(str(db_path), read_only=True) as connection:
        tables = connection.execute(
            "select table_name, list(column_name order by ordinal_position) from information_schema.columns "
            "where table_schema = ? group by table_name order by table_name",
            [f"main_{MARTS_SCHEMA}"],
        ).fetchall()
    return [(table, [c for c in columns if (table, c) not in engine_specific]) for table, columns in tables]


def compare_with_duckdb(build: EngineBuild, read_warehouse) -> list[MartComparison]:
    marts = mart_columns(build.duckdb.db_path)
    with duckdb.connect(str(build.duckdb.db_path), read_only=True) as connection:

        def read_duckdb(table: str, columns: Sequence[str]) -> list[tuple]:
            return connection.execute(
                f"select {', '.join(columns)} from main_{MARTS_SCHEMA}.{table}"
            ).fetchall()

        results = compare_marts(marts, read_duckdb, read_warehouse)
    print(render_comparison(results, build.warehouse.engine))
    return results


def semantic_answers_differ(build: EngineBuild) -> list[str]:
    """Every saved query and METRIC_QUERIES asked of both builds: the queries whose answers differ."""
    from decision_lens.export import saved_query_names

    queries = [MetricQuery(saved_query=name) for name in saved_query_names(build.duckdb)] + list(
        METRIC_QUERIES
    )
    differing = []
    with (
        SemanticLayer.for_workspace(build.duckdb) as here,
        SemanticLayer.for_workspace(build.warehouse) as there,
    ):
        for query in queries:
            expected, got = here.query(query), there.query(query)
            comparison = compare_rows(str(query), expected.columns, expected.plain_rows(), got.plain_rows())
            if not comparison.equal or expected.columns != got.columns:
                differing.append(f"{query}: {comparison.differences[:3]} {got.columns}")
    return differing


def served_answers_differ(build: EngineBuild) -> list[str]:
    """Every saved query through lens serve's HTTP API on the warehouse (in process), against the DuckDB
    build's semantic layer: the queries whose JSON rows differ."""
    from fastapi.testclient import TestClient

    from decision_lens.export import saved_query_names
    from decision_lens.serve import formats
    from decision_lens.serve.app import Settings, create_app
    from decision_lens.serve.warehouse_store import WarehouseStore

    store = WarehouseStore(build.warehouse)
    store.open()
    differing = []
    try:
        app = create_app(store, Settings(poll=False))
        with TestClient(app) as client, SemanticLayer.for_workspace(build.duckdb) as here:
            for name in saved_query_names(build.duckdb):
                response = client.post("/v1/query", json={"saved_query": name})
                expected = formats.json_records(here.query(MetricQuery(saved_query=name)))
                if response.status_code != 200:
                    differing.append(f"{name}: {response.status_code} {response.text[:300]}")
                    continue
                got = response.json()["rows"]
                columns = list(expected[0]) if expected else []
                comparison = compare_rows(
                    name, columns, [tuple(r.values()) for r in expected], [tuple(r.values()) for r in got]
                )
                if not comparison.equal:
                    differing.append(f"{name}: {comparison.differences[:3]}")
    finally:
        store.close()
    return differing
