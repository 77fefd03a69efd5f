"""`lens export`: each saved query materialized as a table in the `semantic` schema.

dbt Cloud runs saved-query exports; dbt Core parses them and skips them (NO-OP). BI tools that can only
read tables still need the governed numbers, so this writes them: MetricFlow compiles each saved query (the
same SQL `lens query` and `lens serve` run) and DuckDB materializes it in place, rows never passing through
Python. Each table is replaced in one statement, so a reader sees the old table or the new one, never half.

BI tools that bundle DuckDB 1.x cannot open the build's DuckDB 2.0 file, so on request the same tables also
go to Parquet files and to a DuckDB file of their own in an older storage format (bi_files). DuckDB writes
both from the tables just made; each file is written beside its place and renamed into it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from decision_lens.bi_files import (
    BiDatabase,
    check_bi_database,
    temp_path,
    unknown_storage_version,
    writable_folder,
)
from decision_lens.project import LensError, Workspace
from decision_lens.semantic import MANIFEST_FILE, MetricQuery, SemanticLayer, kept_manifest, load_manifest

EXPORT_SCHEMA = "semantic"
IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")
BI_CATALOG = "lens_bi_export"  # the --bi-db file's name while it is attached to the build's database


@dataclass(frozen=True)
class ExportedTable:
    saved_query: str
    table: str
    row_count: int
    parquet: Path | None = None  # the Parquet file, when asked for


def saved_query_names(workspace: Workspace) -> list[str]:
    manifest = load_manifest(workspace.target_dir / MANIFEST_FILE, text=kept_manifest(workspace.db_path))
    return sorted(query.name for query in manifest.saved_queries)


def export_saved_queries(
    workspace: Workspace,
    schema: str = EXPORT_SCHEMA,
    parquet_dir: Path | None = None,
    bi_db: BiDatabase | None = None,
) -> list[ExportedTable]:
    """Compile every saved query, then write each as <schema>.<saved query> in the workspace's database, and
    as parquet_dir/<saved query>.parquet and <schema>.<saved query> in the bi_db file when they are given."""
    for name in (schema, *saved_query_names(workspace)):
        if not IDENTIFIER.match(name):  # names become SQL identifiers below
            raise LensError(f"{name!r} cannot name a table: use lower-case letters, digits and _.")
    if (parquet_dir or bi_db) and not workspace.is_duckdb:
        raise LensError(
            f"--parquet and --bi-db copy the tables of the DuckDB build; on {workspace.engine}, BI tools "
            f"read the {schema} schema of the warehouse itself."
        )
    if parquet_dir:
        writable_folder(parquet_dir, "Parquet files")
    if bi_db:
        check_bi_database(bi_db, workspace.db_path)
        _check_storage_version(bi_db.storage_version)
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
        if parquet_dir:
            exported = [_write_parquet(connection, table, parquet_dir) for table in exported]
        if bi_db:
            _write_bi_database(connection, [table.table for table in exported], schema, bi_db)
    return exported


def _quoted(path: Path) -> str:
    """path as a SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def _check_storage_version(version: str) -> None:
    """A LensError unless DuckDB knows the release (checked on an empty in-memory database)."""
    with duckdb.connect() as probe:
        try:
            probe.execute(f"attach ':memory:' as probe (storage_version '{version}')")
        except duckdb.InvalidInputException as error:
            raise unknown_storage_version(version) from error


def _write_parquet(
    connection: duckdb.DuckDBPyConnection, exported: ExportedTable, folder: Path
) -> ExportedTable:
    path = folder / f"{exported.saved_query}.parquet"
    temp = temp_path(path)
    try:
        connection.execute(f"copy {exported.table} to {_quoted(temp)} (format parquet)")
        os.replace(temp, path)
    except (duckdb.Error, OSError) as error:
        temp.unlink(missing_ok=True)
        raise LensError(f"Cannot write {path}: {error}") from error
    return replace(exported, parquet=path)


def _write_bi_database(
    connection: duckdb.DuckDBPyConnection, tables: list[str], schema: str, bi_db: BiDatabase
) -> None:
    """The tables, in a new DuckDB file at bi_db's storage version, renamed into place once complete."""
    temp = temp_path(bi_db.path)
    leftovers = (temp, temp.with_name(temp.name + ".wal"))  # of an export that stopped half-way
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    try:
        options = f"storage_version '{bi_db.storage_version}'"
        connection.execute(f"attach {_quoted(temp)} as {BI_CATALOG} ({options})")
        try:
            connection.execute(f"create schema {BI_CATALOG}.{schema}")
            for table in tables:
                connection.execute(f"create table {BI_CATALOG}.{table} as from {table}")
        finally:
            connection.execute(f"detach {BI_CATALOG}")  # a checkpoint: the whole file, no write-ahead log
        os.replace(temp, bi_db.path)
    except (duckdb.Error, OSError) as error:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        raise LensError(f"Cannot write {bi_db.path}: {error}") from error


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
