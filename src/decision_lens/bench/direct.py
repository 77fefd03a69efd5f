"""dbt's overhead, measured: run a build's compiled SQL straight in DuckDB, in dependency order.

`python -m decision_lens.bench.direct MANIFEST COPY ORIGINAL` reads target/manifest.json of a
`dbt build --full-refresh`, and on COPY (a copy of the built database, so seeds and the raw views exist)
replaces every model with its compiled SQL (views as views; tables and incremental models as tables, as a
full refresh builds them) and runs every data test's compiled SQL, one statement after another, with the
profile's settings. Relation names in the compiled SQL name the database file ORIGINAL; the copy is attached
under that name. Unit tests are left out: they are dbt's own mechanism, with no SQL of the project's.
"""

from __future__ import annotations

import json
import sys
import time
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb

from decision_lens.project import duckdb_settings

SETTINGS = {**duckdb_settings(), "preserve_insertion_order": False}  # as the profile sets them


def ordered_nodes(manifest: dict) -> list[dict]:
    """Models, then data tests, each after what it reads (ephemeral models are inlined by dbt already)."""
    nodes = {
        unique_id: node
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] in ("model", "test")
        and node.get("compiled_code")
        and node["config"].get("materialized") != "ephemeral"
    }
    graph = {uid: [p for p in node["depends_on"]["nodes"] if p in nodes] for uid, node in nodes.items()}
    return [nodes[uid] for uid in TopologicalSorter(graph).static_order()]


def statement(node: dict) -> str:
    sql = node["compiled_code"]
    if node["resource_type"] == "test":
        return f"select count(*) from ({sql}) as failures"
    kind = "view" if node["config"]["materialized"] == "view" else "table"
    return f"create or replace {kind} {node['relation_name']} as {sql}"


def run(manifest_path: Path, copy: Path, original: Path) -> float:
    manifest = json.loads(manifest_path.read_text())
    started = time.perf_counter()
    with duckdb.connect(":memory:", config=SETTINGS) as connection:
        connection.execute(f"attach '{copy}' as \"{original.stem}\"")
        connection.execute(f'use "{original.stem}"')
        for node in ordered_nodes(manifest):
            connection.execute(statement(node)).fetchall()
    return time.perf_counter() - started


if __name__ == "__main__":
    seconds = run(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
    print(f"direct execution: {seconds:.1f} s")
