"""Metric queries on the semantic layer, in process: MetricFlow writes the SQL, a read-only DuckDB runs it.

The `mf` command line pays ~2 s of start-up per call and opens the database through a dbt adapter. This module
keeps one MetricFlow engine per manifest instead, so the command line pays the start-up once and a server can
answer many requests with the same `SemanticLayer`. MetricFlow says its Python API is not yet stable: only
`SemanticLayer` touches it, and tests/python/test_query.py pins what we rely on.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb
from metricflow.data_table.mf_table import MetricFlowDataTable
from metricflow.engine.metricflow_engine import MetricFlowEngine, MetricFlowQueryRequest
from metricflow.protocols.sql_client import SqlEngine
from metricflow.sql.optimizer.optimization_levels import SqlOptimizationLevel
from metricflow.sql.render.duckdb_renderer import DuckDbSqlPlanRenderer
from metricflow.sql.render.sql_plan_renderer import SqlPlanRenderer
from metricflow_semantic_interfaces.implementations.semantic_manifest import PydanticSemanticManifest
from metricflow_semantics.errors.error_classes import MetricFlowException
from metricflow_semantics.model.dbt_manifest_parser import parse_manifest_from_dbt_generated_manifest
from metricflow_semantics.model.semantic_manifest_lookup import SemanticManifestLookup
from metricflow_semantics.sql.sql_bind_parameters import SqlBindParameterSet

from decision_lens.project import LensError, Workspace, duckdb_settings

MANIFEST_FILE = "semantic_manifest.json"
KEPT_MANIFEST_TABLE = "lens_build.semantic_manifest"  # macros/semantic_layer/keep_semantic_manifest.sql
NO_BIND_PARAMETERS = SqlBindParameterSet()
COMPILED_QUERIES_KEPT = 256
DATE_GRAINS = ("__day", "__week", "__month", "__quarter", "__year")
# MetricFlow's default, O5, is O4 plus common table expressions for reads that several metrics share. DuckDB
# materializes a CTE that is read more than once: for alignment_scorecard, the 7.5M weekly rows of the large
# preset (every metric reads them twice, for the week that closes each month). Reading the table again is
# cheaper for the scorecard, with the same rows and no other query slower.
SQL_OPTIMIZATION_LEVEL = SqlOptimizationLevel.O4
# a date part by name, as MetricFlow names its column (metric_time__extract_month): MetricFlow reads this only
# in its object form, TimeDimension('metric_time', date_part_name='month'), which the name is turned into
DATE_PART_NAME = re.compile(
    r"^(?P<descending>-?)(?P<dimension>[A-Za-z_][A-Za-z0-9_]*?)__extract_(?P<part>year|quarter|month|day|dow|doy)$"
)


class SemanticLayerError(LensError):
    """A query the semantic layer cannot answer, said in words (MetricFlow's suggestions included)."""


@dataclass(frozen=True)
class MetricQuery:
    """What to ask: metrics by group-by items, or a saved query; where, order and limit refine either."""

    metrics: tuple[str, ...] = ()
    group_by: tuple[str, ...] = ()
    where: tuple[str, ...] = ()
    order_by: tuple[str, ...] = ()
    limit: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    saved_query: str | None = None

    def __post_init__(self) -> None:
        """Lists become tuples, so a query from JSON can key the compiled-SQL cache."""
        for name in ("metrics", "group_by", "where", "order_by"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    def request(self) -> MetricFlowQueryRequest:
        if not self.metrics and not self.saved_query:
            raise SemanticLayerError(
                "Name the metrics to query (--metrics a,b) or a saved query (--saved-query)."
            )
        return MetricFlowQueryRequest.create(
            saved_query_name=self.saved_query,
            metric_names=list(self.metrics) or None,
            group_by_names=[_metricflow_name(name) for name in self.group_by] or None,
            where_constraints=list(self.where) or None,
            order_by_names=[_metricflow_name(name) for name in self.order_by] or None,
            limit=self.limit,
            time_constraint_start=_midnight(self.start),
            time_constraint_end=_midnight(self.end),
            sql_optimization_level=SQL_OPTIMIZATION_LEVEL,
        )


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple]
    sql: str = field(repr=False)

    def plain_rows(self) -> list[tuple]:
        """Rows for people and JSON: time columns of day grain or coarser as dates, decimals as int or float.

        DuckDB returns DATE_TRUNC results as midnight timestamps and sums of money as 6-digit decimals;
        MetricFlow names time columns by their grain (metric_time__month), which says what the value means.
        """
        as_date = [column.endswith(DATE_GRAINS) for column in self.columns]
        return [
            tuple(_plain(value, to_date) for value, to_date in zip(row, as_date, strict=True))
            for row in self.rows
        ]

    def records(self) -> list[dict[str, object]]:
        """The rows as JSON-ready objects, dates as ISO strings."""
        return [
            {
                column: value.isoformat() if isinstance(value, dt.date) else value
                for column, value in zip(self.columns, row, strict=True)
            }
            for row in self.plain_rows()
        ]


class ReadOnlyDuckDbClient:
    """MetricFlow's SqlClient protocol over one read-only DuckDB file, opened on the first statement.

    Opening late lets `explain` work while the file is missing or being rebuilt. The connection cannot write
    the database, cannot touch other files (external access off, configuration locked), and runs one statement
    at a time, so a where filter cannot smuggle in a second statement.
    """

    sql_engine_type = SqlEngine.DUCKDB

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._renderer = DuckDbSqlPlanRenderer()
        self._lock = threading.Lock()

    @property
    def sql_plan_renderer(self) -> SqlPlanRenderer:
        return self._renderer

    def fetch(self, sql: str) -> tuple[list[str], list[tuple]]:
        """Run one statement and return its column names and rows, in DuckDB's own Python types."""
        # a cursor of its own per call: one DuckDB connection must not be used by two threads at once
        cursor = self._connect().cursor()
        try:
            if len(cursor.extract_statements(sql)) != 1:
                raise SemanticLayerError("Refusing to run SQL that is not exactly one statement.")
            cursor.execute(sql)
            if cursor.description is None:  # a statement without a result
                return [], []
            return [column[0] for column in cursor.description], cursor.fetchall()
        except duckdb.Error as error:
            raise SemanticLayerError(f"{self.db_path}: {error}") from error
        finally:
            cursor.close()

    def query(
        self, stmt: str, sql_bind_parameter_set: SqlBindParameterSet = NO_BIND_PARAMETERS
    ) -> MetricFlowDataTable:
        _refuse_bind_parameters(sql_bind_parameter_set)
        columns, rows = self.fetch(stmt)
        return MetricFlowDataTable.create_from_rows(column_names=columns, rows=rows)

    def execute(self, stmt: str, sql_bind_parameter_set: SqlBindParameterSet = NO_BIND_PARAMETERS) -> None:
        _refuse_bind_parameters(sql_bind_parameter_set)
        self.fetch(stmt)

    def dry_run(self, stmt: str, sql_bind_parameter_set: SqlBindParameterSet = NO_BIND_PARAMETERS) -> None:
        _refuse_bind_parameters(sql_bind_parameter_set)
        self.fetch(f"EXPLAIN {stmt}")

    def render_bind_parameter_key(self, bind_parameter_key: str) -> str:
        return f"${bind_parameter_key}"

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def _connect(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if self._connection is None:
                if not self.db_path.is_file():
                    raise SemanticLayerError(
                        f"Database {self.db_path} does not exist: run `lens build` first."
                    )
                try:
                    self._connection = duckdb.connect(
                        str(self.db_path),
                        read_only=True,
                        config={
                            **duckdb_settings(),
                            "enable_external_access": False,
                            "lock_configuration": True,
                        },
                    )
                except duckdb.Error as error:
                    raise SemanticLayerError(f"Cannot open {self.db_path} read-only: {error}") from error
            return self._connection


class SemanticLayer:
    """One MetricFlow engine over one manifest and one database; build once, query many times.

    MetricFlow numbers the CTEs of each plan with a process-wide counter it resets per query, so planning is
    serialised by a lock; running the SQL is not. The manifest never changes under one instance, so the SQL of
    each distinct query is kept (planning a saved query takes ~40 ms, often longer than running it).
    """

    def __init__(
        self,
        manifest_path: Path,
        db_path: Path,
        client=None,
        quote: str = '"',
        manifest_text: str | None = None,
    ) -> None:
        """On DuckDB, db_path's file; on a warehouse, client (semantic_warehouses) and its quote. The manifest
        is manifest_text when given (the one the database keeps), else manifest_path's."""
        self.manifest = load_manifest(manifest_path, quote, manifest_text)
        lookup = SemanticManifestLookup(self.manifest)
        self.client = client or ReadOnlyDuckDbClient(db_path)
        self._engine = MetricFlowEngine(semantic_manifest_lookup=lookup, sql_client=self.client)
        self._plan_lock = threading.Lock()
        self._compiled = functools.lru_cache(maxsize=COMPILED_QUERIES_KEPT)(self._compile)

    @classmethod
    def for_workspace(cls, workspace: Workspace) -> SemanticLayer:
        manifest = workspace.target_dir / MANIFEST_FILE
        if workspace.is_duckdb:
            return cls(manifest, workspace.db_path, manifest_text=kept_manifest(workspace.db_path))
        from decision_lens.project import project_root
        from decision_lens.semantic_warehouses import warehouse_client

        client = warehouse_client(project_root(), workspace)
        return cls(manifest, workspace.db_path, client, client.identifier_quote)

    def explain(self, query: MetricQuery) -> str:
        """The SQL MetricFlow writes for the query, without opening the database."""
        return self._compiled(query)

    def _compile(self, query: MetricQuery) -> str:
        request = query.request()
        with self._plan_lock, _readable_errors():
            statement = self._engine.explain(request).sql_statement
        _refuse_bind_parameters(statement.bind_parameter_set)
        return statement.sql

    def query(self, query: MetricQuery) -> QueryResult:
        """Run MetricFlow's SQL here, so rows keep DuckDB's types (MetricFlow's tables make ints decimals)."""
        sql = self.explain(query)
        columns, rows = self.client.fetch(sql)
        return QueryResult(columns=columns, rows=rows, sql=sql)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> SemanticLayer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def kept_manifest(db_path: Path) -> str | None:
    """The semantic manifest a DuckDB database was built with (macro keep_semantic_manifest): definitions
    that match its tables even after a later `dbt parse` rewrote target/. None when the file does not exist
    or was built before databases kept it, or while a writer holds it (target/'s manifest is read then)."""
    if not db_path.is_file():
        return None
    try:
        with duckdb.connect(str(db_path), read_only=True, config=duckdb_settings()) as connection:
            row = connection.execute(f"select manifest_json from {KEPT_MANIFEST_TABLE}").fetchone()
    except duckdb.Error:  # no such table (an older build), or a build is writing the file right now
        return None
    return row[0] if row else None


def load_manifest(manifest_path: Path, quote: str = '"', text: str | None = None) -> PydanticSemanticManifest:
    """Read dbt's semantic manifest (text, else manifest_path's), with relations made relative to the open
    database.

    dbt writes each table as "<catalog>"."<schema>"."<table>", and DuckDB names the catalog after the file.
    Dropping the catalog lets the same manifest serve a renamed or swapped copy of the database. quote is
    the engine's identifier quote (Spark's is the backtick).
    """
    if text is None and not manifest_path.is_file():
        raise SemanticLayerError(f"No semantic manifest at {manifest_path}: run `lens build` first.")
    manifest = json.loads(manifest_path.read_text() if text is None else text)
    if not manifest.get("metrics"):
        raise SemanticLayerError(f"{manifest_path} defines no metrics: run `lens build` to refresh it.")
    _drop_catalogs(manifest, quote)
    try:
        return parse_manifest_from_dbt_generated_manifest(json.dumps(manifest))
    except Exception as error:  # pydantic and MetricFlow raise many kinds; all mean "cannot use this file"
        raise SemanticLayerError(f"Cannot read {manifest_path}: {error}") from error


def _drop_catalogs(node: object, quote: str) -> None:
    if isinstance(node, dict):
        relation = node.get("node_relation")
        if isinstance(relation, dict) and relation.get("schema_name") and relation.get("alias"):
            relation["database"] = None
            relation["relation_name"] = (
                f"{quote}{relation['schema_name']}{quote}.{quote}{relation['alias']}{quote}"
            )
        for value in node.values():
            _drop_catalogs(value, quote)
    elif isinstance(node, list):
        for value in node:
            _drop_catalogs(value, quote)


@contextmanager
def _readable_errors() -> Iterator[None]:
    """MetricFlow's query errors as SemanticLayerError: its suggestions kept, embedded tracebacks dropped."""
    try:
        yield
    except MetricFlowException as error:
        raise SemanticLayerError(_without_tracebacks(str(error))) from error


_TRACEBACK = re.compile(r"^\s*Traceback \(most recent call last\):")
_EXCEPTION_LINE = re.compile(r"^\s*[\w.]+(Error|Exception): ")


def _without_tracebacks(message: str) -> str:
    """MetricFlow embeds Python tracebacks in some messages: keep the text, and only the root cause's line."""
    lines = message.strip().splitlines()
    start = next((i for i, line in enumerate(lines) if _TRACEBACK.match(line)), None)
    if start is None:
        return "\n".join(lines)
    cause = next((line.strip() for line in lines[start:] if _EXCEPTION_LINE.match(line)), "")
    kept = [line for line in lines[:start] if line.strip() != "Got exception:"]
    return "\n".join([*kept, f"    {cause}" if cause else ""]).rstrip()


def _refuse_bind_parameters(parameters: SqlBindParameterSet) -> None:
    if parameters.param_dict:
        raise SemanticLayerError(
            f"MetricFlow asked for bind parameters, which lens does not pass: {parameters}"
        )


def _metricflow_name(name: str) -> str:
    """A group-by or order-by name as MetricFlow reads it: metric_time__extract_dow (a date part) becomes
    TimeDimension('metric_time', date_part_name='dow'); other names stay as they are."""
    match = DATE_PART_NAME.match(name)
    if not match:
        return name
    dimension, part = match["dimension"], match["part"]
    return f"{match['descending']}TimeDimension('{dimension}', date_part_name='{part}')"


def _midnight(day: dt.date | None) -> dt.datetime | None:
    return None if day is None else dt.datetime.combine(day, dt.time())


def _plain(value: object, to_date: bool) -> object:
    if to_date and isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
