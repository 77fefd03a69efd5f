"""The semantic layer as the server runs it: every statement under a timeout and a row cap.

`ServingLayer` is `SemanticLayer` (MetricFlow compiles, a read-only DuckDB connection with external access
off runs exactly one statement) with a client that can be interrupted: a timer calls the cursor's
`interrupt()` when the query runs too long, and at most row_cap + 1 rows are fetched, so the caller knows
when rows were left out. `DistinctValuesQuery` asks MetricFlow for the values of one group-by item without
metrics (MetricFlowQueryRequest with group-by items only), so dimension values go through MetricFlow too.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
from metricflow.engine.metricflow_engine import MetricFlowQueryRequest

from decision_lens.semantic import (
    MetricQuery,
    QueryResult,
    ReadOnlyDuckDbClient,
    SemanticLayer,
    SemanticLayerError,
)


class QueryTimeout(SemanticLayerError):
    """The statement ran longer than the server allows and was interrupted."""


class DatabaseUnavailable(SemanticLayerError):
    """The snapshot cannot be opened or read: the server's fault, not the query's."""


@dataclass(frozen=True)
class DistinctValuesQuery(MetricQuery):
    """The distinct values of group-by items, without metrics: MetricFlow's "distinct values" query."""

    def request(self) -> MetricFlowQueryRequest:
        if not self.group_by:
            raise SemanticLayerError("Name the dimension whose values to list.")
        return MetricFlowQueryRequest.create(
            group_by_names=list(self.group_by),
            where_constraints=list(self.where) or None,
            order_by_names=list(self.order_by) or None,
            limit=self.limit,
        )


@dataclass(frozen=True)
class CappedResult:
    result: QueryResult
    truncated: bool


class InterruptibleClient(ReadOnlyDuckDbClient):
    """ReadOnlyDuckDbClient whose statements stop after a timeout and return at most row_cap rows."""

    def fetch_capped(self, sql: str, timeout_s: float, row_cap: int) -> tuple[list[str], list[tuple], bool]:
        """Columns, at most row_cap rows, and whether more rows were left out."""
        try:
            connection = self._connect()
        except SemanticLayerError as error:
            raise DatabaseUnavailable(str(error)) from error
        cursor = connection.cursor()  # one per call: a cursor is not shared between threads
        timer = threading.Timer(timeout_s, cursor.interrupt)
        timer.daemon = True
        try:
            if len(cursor.extract_statements(sql)) != 1:
                raise SemanticLayerError("Refusing to run SQL that is not exactly one statement.")
            timer.start()
            cursor.execute(sql)
            if cursor.description is None:
                return [], [], False
            columns = [column[0] for column in cursor.description]
            rows = cursor.fetchmany(row_cap + 1)
        except duckdb.InterruptException as error:
            raise QueryTimeout(
                f"The query ran longer than the server's timeout of {timeout_s:g} s and was stopped: "
                "ask for fewer group-by items, a shorter time range (start/end) or a limit."
            ) from error
        except duckdb.Error as error:
            # the snapshot's path is the server's business: say what DuckDB objected to, not where
            raise SemanticLayerError(f"The database refused the query: {error}") from error
        finally:
            timer.cancel()
            cursor.close()
        return columns, rows[:row_cap], len(rows) > row_cap


class ServingLayer(SemanticLayer):
    """SemanticLayer whose statements run under a timeout and a row cap.

    MetricFlow's engine keeps the client SemanticLayer built for it, and only uses it to render SQL (the
    DuckDB renderer and engine type are the same); statements run on the interruptible client."""

    def __init__(self, manifest_path: Path, db_path: Path) -> None:
        super().__init__(manifest_path, db_path)
        self.client: InterruptibleClient = InterruptibleClient(db_path)

    def run(self, query: MetricQuery, timeout_s: float, row_cap: int) -> CappedResult:
        sql = self.explain(query)
        columns, rows, truncated = self.client.fetch_capped(sql, timeout_s, row_cap)
        return CappedResult(QueryResult(columns=columns, rows=rows, sql=sql), truncated)

    def check_open(self) -> None:
        """Open the database now and read its catalog, so a broken snapshot fails before it serves."""
        self.client.fetch_capped("select count(*) from information_schema.tables", 30.0, 1)
