"""Raw tables into PostgreSQL: one transaction for the whole load (a failure changes nothing), each table
dropped, created with the file's columns and filled with COPY (CSV, every string quoted, so an empty string
stays empty and a NULL stays NULL)."""

from __future__ import annotations

import io
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.csv

from decision_lens.engines import first_line
from decision_lens.engines.column_types import warehouse_type
from decision_lens.project import LensError

ROWS_PER_COPY = 100_000
CSV_OPTIONS = pyarrow.csv.WriteOptions(include_header=False, quoting_style="needed")


class PostgresWarehouse:
    """A connection to the target's database (connect with `with`); commits when the block succeeds."""

    rows_per_batch = ROWS_PER_COPY

    def __init__(self, credentials: Any) -> None:
        self.credentials = credentials
        self.connection = None

    @property
    def database(self) -> str:
        return self.credentials.database

    @property
    def where(self) -> str:
        c = self.credentials
        return f"PostgreSQL {c.user}@{c.host}:{c.port}/{c.database}"

    def _connect_options(self) -> dict[str, Any]:
        """The settings dbt-postgres connects with (dbt.adapters.postgres.connections): lens goes there."""
        c = self.credentials
        options = {"keepalives_idle": c.keepalives_idle or None, "application_name": "lens load"}
        options.update({name: getattr(c, name) for name in ("sslmode", "sslcert", "sslkey", "sslrootcert")})
        if c.search_path:
            options["options"] = "-c search_path={}".format(c.search_path.replace(" ", "\\ "))
        return {name: value for name, value in options.items() if value is not None}

    def __enter__(self) -> PostgresWarehouse:
        import psycopg2

        c = self.credentials
        try:
            self.connection = psycopg2.connect(
                dbname=c.database,
                user=c.user,
                host=c.host,
                password=c.password,
                port=c.port,
                connect_timeout=c.connect_timeout,
                **self._connect_options(),
            )
            self.connection.set_client_encoding("UTF8")
            if c.role:
                self.connection.cursor().execute(f"set role {c.role}")
        except psycopg2.Error as error:
            raise LensError(
                f"cannot connect to {self.where}: {first_line(error)} (is the server running? the target's "
                "settings are in profiles.yml: DECISION_LENS_PG_HOST, _PORT, _USER, _PASSWORD, _DATABASE)"
            ) from None
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if kind is None:
            self.connection.commit()
        else:
            self.connection.rollback()
        self.connection.close()

    def _run(self, table: str, statement: Any, copy_from: io.BytesIO | None = None) -> list[tuple]:
        """Run one statement for a table (COPY when copy_from is given); returns its rows, if any."""
        import psycopg2

        try:
            with self.connection.cursor() as cursor:
                if copy_from is None:
                    cursor.execute(statement)
                else:
                    cursor.copy_expert(statement, copy_from)
                return cursor.fetchall() if cursor.description else []
        except psycopg2.Error as error:
            raise LensError(
                f"{table}: {first_line(error)} (nothing was loaded: the load rolled back)"
            ) from None

    def replace(self, schema: str, table: str, batches: pa.RecordBatchReader) -> int:
        """Drop and create schema.table with the batches' columns and fill it; returns the rows loaded."""
        from psycopg2 import sql

        name = sql.Identifier(schema, table)
        columns = sql.SQL(", ").join(
            sql.SQL("{} {}").format(sql.Identifier(field.name), sql.SQL(warehouse_type(field.type).postgres))
            for field in batches.schema
        )
        key = f"{schema}.{table}"
        self._run(key, sql.SQL("create schema if not exists {}").format(sql.Identifier(schema)))
        self._run(key, sql.SQL("drop table if exists {}").format(name))
        self._run(key, sql.SQL("create table {} ({})").format(name, columns))
        copy = sql.SQL("copy {} from stdin with (format csv)").format(name).as_string(self.connection)
        rows = 0
        for batch in batches:
            text = io.BytesIO()
            pyarrow.csv.write_csv(batch, text, CSV_OPTIONS)
            text.seek(0)
            self._run(key, copy, text)
            rows += batch.num_rows
        return rows

    def drop(self, schema: str, table: str) -> bool:
        """Drop schema.table; True when it was there."""
        from psycopg2 import sql

        key, name = f"{schema}.{table}", sql.Identifier(schema, table)
        [(exists,)] = self._run(
            key, sql.SQL("select to_regclass({})").format(sql.Literal(name.as_string(self.connection)))
        )
        if exists is not None:
            self._run(key, sql.SQL("drop table {}").format(name))
        return exists is not None
