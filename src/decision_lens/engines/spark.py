"""Raw tables into Spark: a session built the way dbt-spark's `session` method builds it
(dbt/adapters/spark/session.py: `SparkSession.builder.enableHiveSupport()` and the profile's
server_side_parameters, started from the project folder as dbt is), so each table lands, as Parquet, in the
metastore `dbt build --target spark` reads."""

from __future__ import annotations

import contextlib
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa

from decision_lens.engines import first_line
from decision_lens.engines.column_types import warehouse_type
from decision_lens.project import LensError

# rows sent to Spark at once: each becomes one Parquet file of the table (and bounds the memory a load takes)
ROWS_PER_FILE = 1_000_000


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _spark_errors() -> tuple[type[BaseException], ...]:
    from py4j.protocol import Py4JError
    from pyspark.errors import PySparkException

    return (PySparkException, Py4JError)


class SparkWarehouse:
    """A local Spark session (start it with `with`); stopped afterwards, releasing the Derby metastore."""

    rows_per_batch = ROWS_PER_FILE
    database = None  # Spark's schemas are its databases: no database to write into

    def __init__(self, credentials: Any, root: Path) -> None:
        self.credentials = credentials
        self.root = root
        self.session = None

    @property
    def where(self) -> str:
        warehouse_dir = self.credentials.server_side_parameters.get(
            "spark.sql.warehouse.dir", "spark-warehouse"
        )
        return f"Spark (warehouse {warehouse_dir})"

    def __enter__(self) -> SparkWarehouse:
        from pyspark.sql import SparkSession

        builder = SparkSession.builder.enableHiveSupport()
        for parameter, value in self.credentials.server_side_parameters.items():
            builder = builder.config(parameter, value)
        try:
            with contextlib.chdir(self.root):  # relative warehouse and metastore paths, as dbt resolves them
                self.session = builder.getOrCreate()
        except _spark_errors() as error:
            raise LensError(f"cannot start {self.where}: {first_line(error)}") from None
        # naive timestamps are UTC by contract: read in UTC, they do not shift with the machine's zone
        self.session.conf.set("spark.sql.session.timeZone", "UTC")
        self.session.sparkContext.setLogLevel(
            "ERROR"
        )  # a load's warnings are Spark's chatter, not the user's
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.session.stop()

    def _run(self, table: str, step) -> Any:
        try:
            return step()
        except _spark_errors() as error:
            raise LensError(f"{table}: {first_line(error)}") from None

    def replace(self, schema: str, table: str, batches: pa.RecordBatchReader) -> int:
        """Create (replace) schema.table as Parquet with the batches' columns; returns the rows loaded."""
        from pyspark.sql.types import DataType, StructField, StructType

        spark_schema = StructType(
            [
                StructField(field.name, DataType.fromDDL(warehouse_type(field.type).spark))
                for field in batches.schema
            ]
        )
        name, key = f"{_quoted(schema)}.{_quoted(table)}", f"{schema}.{table}"
        if not self._run(key, lambda: self.session.catalog.databaseExists(schema)):
            self._run(key, lambda: self.session.sql(f"create database {_quoted(schema)}"))
        rows, mode = 0, "overwrite"
        for batch in batches:
            self._write(key, name, pa.Table.from_batches([batch]), spark_schema, mode)
            rows, mode = rows + batch.num_rows, "append"
        if mode == "overwrite":  # no rows: the table, empty
            self._write(key, name, batches.schema.empty_table(), spark_schema, mode)
        return rows

    def _write(self, key: str, name: str, rows: pa.Table, spark_schema: Any, mode: str) -> None:
        def write() -> None:
            frame = self.session.createDataFrame(rows, schema=spark_schema)
            frame.coalesce(1).write.format("parquet").mode(mode).saveAsTable(name)

        self._run(key, write)

    def run_sql(self, sql: str) -> pa.Table:
        """One statement's rows, as Arrow (timestamps in the session's UTC, not the machine's zone)."""
        return self._run("query", lambda: self.session.sql(sql).toArrow())

    def drop(self, schema: str, table: str) -> bool:
        """Drop schema.table; True when it was there."""
        key = f"{schema}.{table}"
        exists = self._run(
            key, lambda: self.session.catalog.tableExists(f"{_quoted(schema)}.{_quoted(table)}")
        )
        if exists:
            self._run(key, lambda: self.session.sql(f"drop table {_quoted(schema)}.{_quoted(table)}"))
        return exists
