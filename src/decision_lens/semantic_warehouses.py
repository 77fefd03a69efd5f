"""MetricFlow's SqlClient protocol over a warehouse target: PostgreSQL (read-only connection) and Spark.

MetricFlow renders SQL for Postgres and for Databricks, not for open-source Spark; Spark runs the Databricks
renderer's SQL (Spark SQL is Databricks' dialect). The connection is the one `lens load` makes, from the
target's profiles.yml output. Like the DuckDB client, each fetch runs exactly one statement and returns the
driver's Python values."""

from __future__ import annotations

import threading
from pathlib import Path

from metricflow.data_table.mf_table import MetricFlowDataTable
from metricflow.protocols.sql_client import SqlEngine
from metricflow.sql.render.databricks import DatabricksSqlPlanRenderer
from metricflow.sql.render.postgres import PostgresSQLSqlPlanRenderer
from metricflow.sql.render.sql_plan_renderer import SqlPlanRenderer
from metricflow_semantics.sql.sql_bind_parameters import SqlBindParameterSet

from decision_lens.project import LensError, Workspace


class WarehouseClient:
    """MetricFlow's SqlClient over a warehouse of decision_lens.engines (connected on the first statement,
    one statement at a time); subclasses say how to connect, run a statement and disconnect."""

    identifier_quote: str
    replace_statements: tuple[str, ...]  # how lens export replaces a table: {table} as {sql}
    sql_engine_type: SqlEngine
    renderer: SqlPlanRenderer

    def __init__(self, warehouse, writable: bool = False) -> None:
        self._warehouse = warehouse
        self._writable = writable
        self._lock = threading.Lock()
        self._open = False

    @property
    def sql_plan_renderer(self) -> SqlPlanRenderer:
        return self.renderer

    def fetch(self, sql: str) -> tuple[list[str], list[tuple]]:
        """Run one statement; its column names and rows, in the driver's Python types."""
        with self._lock:
            if not self._open:
                self._connect()
                self._open = True
            return self._run(sql)

    def fetch_capped(self, sql: str, timeout_s: float, row_cap: int) -> tuple[list[str], list[tuple], bool]:
        """For lens serve: columns, at most row_cap rows and whether more were left out; QueryTimeout when
        the statement runs longer than timeout_s. Statements take turns on the one connection."""
        capped = f"select * from ({sql}) as capped limit {row_cap + 1}"
        with self._lock:
            if not self._open:
                self._connect()
                self._open = True
            timed_out = threading.Event()
            timer = threading.Timer(timeout_s, lambda: (timed_out.set(), self._cancel()))
            timer.daemon = True
            timer.start()
            try:
                columns, rows = self._run(capped)
            except LensError as error:
                if timed_out.is_set():
                    from decision_lens.serve.engine import QueryTimeout

                    raise QueryTimeout(
                        f"The query ran longer than the server's timeout of {timeout_s:g} s and was stopped: "
                        "ask for fewer group-by items, a shorter time range (start/end) or a limit."
                    ) from error
                raise
            finally:
                timer.cancel()
        return columns, rows[:row_cap], len(rows) > row_cap

    def close(self) -> None:
        with self._lock:
            if self._open:
                self._disconnect()
                self._open = False

    def _cancel(self) -> None:
        """Stop the statement running now (called from a timer thread)."""
        raise NotImplementedError

    def _connect(self) -> None:
        raise NotImplementedError

    def _run(self, sql: str) -> tuple[list[str], list[tuple]]:
        raise NotImplementedError

    def _disconnect(self) -> None:
        raise NotImplementedError

    def query(
        self, stmt: str, sql_bind_parameter_set: SqlBindParameterSet | None = None
    ) -> MetricFlowDataTable:
        _refuse(sql_bind_parameter_set)
        columns, rows = self.fetch(stmt)
        return MetricFlowDataTable.create_from_rows(column_names=columns, rows=rows)

    def execute(self, stmt: str, sql_bind_parameter_set: SqlBindParameterSet | None = None) -> None:
        _refuse(sql_bind_parameter_set)
        self.fetch(stmt)

    def dry_run(self, stmt: str, sql_bind_parameter_set: SqlBindParameterSet | None = None) -> None:
        _refuse(sql_bind_parameter_set)
        self.fetch(f"explain {stmt}")

    def render_bind_parameter_key(self, bind_parameter_key: str) -> str:
        return f"%({bind_parameter_key})s"


class PostgresClient(WarehouseClient):
    """Over engines.postgres.PostgresWarehouse: autocommit, read-only unless writable."""

    identifier_quote = '"'
    sql_engine_type = SqlEngine.POSTGRES
    renderer = PostgresSQLSqlPlanRenderer()
    # a table replaced in a transaction: readers see the old one or the new one
    replace_statements = ("begin", "drop table if exists {table}", "create table {table} as {sql}", "commit")

    def _connect(self) -> None:
        self._warehouse.__enter__()
        self._warehouse.connection.rollback()
        self._warehouse.connection.set_session(readonly=not self._writable, autocommit=True)

    def _run(self, sql: str) -> tuple[list[str], list[tuple]]:
        import psycopg2

        try:
            with self._warehouse.connection.cursor() as cursor:
                cursor.execute(sql)
                if cursor.description is None:
                    return [], []
                return [column.name for column in cursor.description], cursor.fetchall()
        except psycopg2.Error as error:
            raise LensError(f"{self._warehouse.where}: {' '.join(str(error).split())}") from None

    def _disconnect(self) -> None:
        self._warehouse.connection.close()

    def _cancel(self) -> None:
        self._warehouse.connection.cancel()


class SparkClient(WarehouseClient):
    """Over engines.spark.SparkWarehouse, a local session (it has no read-only mode)."""

    identifier_quote = "`"
    sql_engine_type = SqlEngine.DATABRICKS
    renderer = DatabricksSqlPlanRenderer()
    # no transactions, and REPLACE TABLE needs a v2 table format (Delta): dropped, then created as Parquet
    replace_statements = ("drop table if exists {table}", "create table {table} using parquet as {sql}")

    def _connect(self) -> None:
        self._warehouse.__enter__()

    def _run(self, sql: str) -> tuple[list[str], list[tuple]]:
        table = self._warehouse.run_sql(sql)
        return table.column_names, [tuple(row.values()) for row in table.to_pylist()]

    def _cancel(self) -> None:
        self._warehouse.session.sparkContext.cancelAllJobs()

    def _disconnect(self) -> None:
        self._warehouse.__exit__(None, None, None)


def warehouse_client(root: Path, workspace: Workspace, writable: bool = False) -> WarehouseClient:
    """The SqlClient for the workspace's warehouse target; read-only unless writable (lens export)."""
    import yaml

    from decision_lens.engines.profile import read_target
    from decision_lens.load import warehouse_for

    target = read_target(
        root, workspace.target, yaml.safe_load(workspace.dbt_vars) if workspace.dbt_vars else {}
    )
    clients = {"postgres": PostgresClient, "spark": SparkClient}
    if target.type not in clients:
        raise LensError(f"The semantic layer runs on DuckDB, PostgreSQL and Spark, not on {target.type}.")
    return clients[target.type](warehouse_for(target, root), writable)


def _refuse(parameters: SqlBindParameterSet | None) -> None:
    if parameters is not None and parameters.param_dict:
        raise LensError(f"MetricFlow asked for bind parameters, which lens does not pass: {parameters}")
