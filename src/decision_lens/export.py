"""`lens export`: each saved query materialized as a table in the `semantic` schema.

dbt Cloud runs saved-query exports; dbt Core parses them and skips them (NO-OP). BI tools that can only
read tables still need the governed numbers, so this writes them: MetricFlow compiles each saved query (the
same SQL `lens query` and `lens serve` run) and DuckDB materializes it in place, rows never passing through
Python. Each table is replaced in one statement, so a reader sees the old table or the new one, never half.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

from decision_lens.project import LensError, Workspace
from decision_lens.semantic import MANIFEST_FILE, MetricQuery, SemanticLayer, kept_manifest, load_manifest

EXPORT_SCHEMA = "semantic"
IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass(frozen=True)
class ExportedTable:
    saved_query: str
    table: str
    row_count: int


def saved_query_names(workspace: Workspace) -> list[str]:
    manifest = load_manifest(workspace.target_dir / MANIFEST_FILE, text=kept_manifest(workspace.db_path))
    return sorted(query.name for query in manifest.saved_queries)


def export_saved_queries(workspace: Workspace, schema: str = EXPORT_SCHEMA) -> list[ExportedTable]:
    """Compile every saved query, then write each as <schema>.<saved query> in the workspace's database."""
    for name in (schema, *saved_query_names(workspace)):
        if not IDENTIFIER.match(name):  # names become SQL identifiers below
            raise LensError(f"{name!r} cannot name a table: use lower-case letters, digits and _.")
    layer = SemanticLayer.for_workspace(workspace)  # explain() compiles without opening the database
    compiled = {name: layer.explain(MetricQuery(saved_query=name)) for name in saved_query_names(workspace)}
    layer.close()
    if not workspace.is_duckdb:
        return _export_to_warehouse(workspace, schema, compiled)
    if not workspace.db_path.is_file():
        raise LensError(f"Database {workspace.db_path} does not exist: run `lens build` first.")
    exported = []
    try:
        connection = duckdb.connect(str(workspace.db_path))
    except duckdb.Error as error:
        message = f"Cannot open {workspace.db_path} for writing (is a build or a server using it?): {error}"
        raise LensError(message) from error
    with connection:
        connection.execute("set enable_progress_bar = false")
        connection.execute(f"create schema if not exists {schema}")
        for name, sql in compiled.items():
            table = f"{schema}.{name}"
            connection.execute(f"create or replace table {table} as {sql}")
            row_count = connection.execute(f"select count(*) from {table}").fetchone()[0]
            exported.append(ExportedTable(saved_query=name, table=table, row_count=row_count))
    return exported


def _export_to_warehouse(workspace: Workspace, schema: str, compiled: dict[str, str]) -> list[ExportedTable]:
    """The same tables in a warehouse target, through the semantic layer's client, writable."""
    from decision_lens.project import project_root
    from decision_lens.semantic_warehouses import warehouse_client

    client = warehouse_client(project_root(), workspace, writable=True)
    exported = []
    try:
        client.fetch(f"create schema if not exists {schema}")
        for name, sql in compiled.items():
            table = f"{schema}.{name}"
            for statement in client.replace_statements:
                client.fetch(statement.format(table=table, sql=sql))
            [(row_count,)] = client.fetch(f"select count(*) from {table}")[1]
            exported.append(ExportedTable(saved_query=name, table=table, row_count=row_count))
    finally:
        client.close()
    return exported
