"""`lens load`: a raw folder into a warehouse's raw schemas, so `dbt build` runs there on the same data.

Each table of the raw contract that the folder has (the files the DuckDB build reads: <table>.parquet with
its parts <table>/*.parquet, else <table>.csv) is read with DuckDB and replaces the table
<schema of its source>.<table> (vars <source>_schema): the file's columns under the file's names, a Parquet
column with its type (engines/column_types.py), a CSV column as text, values as they are. The raw schemas
mirror the folder: a contract table the folder does not have is dropped (the models read it as empty).
Nothing is loaded while the folder has a problem `lens doctor` reports; all of them are listed at once.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import yaml

from decision_lens.engines.column_types import warehouse_type
from decision_lens.engines.profile import Target, read_target
from decision_lens.project import LensError, duckdb_settings
from decision_lens.raw_contract import TABLES, RawTable
from decision_lens.raw_doctor import file_reader, inspect_raw_dir, project_vars, table_files

SPARK_INSTALL = "pip install -r requirements-spark.lock"
JAVA = "Java 17 (on Debian: apt-get install openjdk-17-jre-headless; or set JAVA_HOME)"


@dataclass(frozen=True)
class TableLoad:
    table: RawTable
    schema: str  # the warehouse schema of its source (var <source>_schema)
    reader: str | None  # the DuckDB table function over its files; None when the folder has none

    @property
    def name(self) -> str:
        return f"{self.schema}.{self.table.name}"


def _spark_missing() -> list[str]:
    """What a local Spark session needs and this machine lacks."""
    missing = [] if importlib.util.find_spec("pyspark") else [f"pyspark ({SPARK_INSTALL})"]
    java_home = os.environ.get("JAVA_HOME")
    has_java = Path(java_home, "bin", "java").is_file() if java_home else shutil.which("java") is not None
    return missing + ([] if has_java else [JAVA])


def warehouse_for(target: Target, root: Path):
    """The engine of the target's type, once its driver (and Java, for Spark) is there."""
    if target.type == "postgres":
        if importlib.util.find_spec("psycopg2") is None:
            raise LensError("loading into PostgreSQL needs psycopg2: pip install -r requirements.lock")
        from decision_lens.engines.postgres import PostgresWarehouse

        return PostgresWarehouse(target.credentials())
    if target.type == "spark":
        missing = _spark_missing()
        if missing:
            raise LensError(f"loading into Spark needs {' and '.join(missing)}")
        from decision_lens.engines.spark import SparkWarehouse

        return SparkWarehouse(target.credentials(), root)
    raise LensError(f"lens load writes into postgres or spark; output {target.name} is of type {target.type}")


def _plan(raw_dir: Path, variables: dict) -> list[TableLoad]:
    plans = []
    for table in TABLES:
        files = table_files(raw_dir, table)
        schema = str(variables.get(f"{table.source}_schema") or f"raw_{table.source}")
        plans.append(TableLoad(table, schema, file_reader(files) if files else None))
    return plans


def _type_problems(files: duckdb.DuckDBPyConnection, plans: list[TableLoad], unread: set[str]) -> list[str]:
    """Columns of a type no warehouse column takes, in the tables that could be read (not in unread)."""
    problems = []
    for plan in plans:
        if plan.reader is None or plan.table.key in unread:
            continue
        for field in files.sql(f"select * from {plan.reader} limit 0").to_arrow_table().schema:
            if warehouse_type(field.type) is None:
                problems.append(
                    f"{plan.table.key}: column {field.name} is of type {field.type}, which lens load does "
                    "not load (it loads text, numbers, booleans, dates and timestamps)"
                )
    return problems


def _database_problems(variables: dict, database: str | None) -> list[str]:
    """Sources whose var <source>_database names a database not the target's: lens writes only there.
    None: the warehouse has no databases apart from schemas (Spark), nothing to check."""
    problems = []
    if database is None:
        return problems
    for source in dict.fromkeys(table.source for table in TABLES):
        named = variables.get(f"{source}_database")
        if named and named != database:
            problems.append(
                f"var {source}_database is {named}: lens load writes into the target's database "
                f"({database}); leave the var out or use a target connected to {named}"
            )
    return problems


def _problems(
    raw_dir: Path, variables: dict, plans: list[TableLoad], files, database: str | None
) -> list[str]:
    """Everything that stops the load, at once: lens doctor's problems, then lens load's own."""
    inventory = inspect_raw_dir(raw_dir, variables)
    unread = {table.table for table in inventory.tables if table.problems}
    return (
        inventory.all_problems
        + _database_problems(variables, database)
        + _type_problems(files, plans, unread)
    )


def _load_tables(warehouse, plans: list[TableLoad], files: duckdb.DuckDBPyConnection) -> list[str]:
    """Replace each table the folder has, drop each it has not; one line each for the report."""
    lines = []
    for plan in plans:
        if plan.reader is None:
            dropped = warehouse.drop(plan.schema, plan.table.name)
            lines.append(f"  {plan.name:<36} {'dropped: ' if dropped else ''}no file, read as empty")
            continue
        batches = files.sql(f"select * from {plan.reader}").to_arrow_reader(warehouse.rows_per_batch)
        rows = warehouse.replace(plan.schema, plan.table.name, batches)
        lines.append(f"  {plan.name:<36} {rows:>12,} rows  {len(batches.schema):>3} columns")
    return lines


def load_raw_dir(root: Path, target_name: str, raw_dir: Path, dbt_vars: str | None) -> int:
    """Load raw_dir into output target_name of profiles.yml; 1, and nothing loaded, when it has problems."""
    variables = project_vars(root, dbt_vars)
    target = read_target(root, target_name, yaml.safe_load(dbt_vars) if dbt_vars else {})
    if target.type == "duckdb":
        print(
            f"Output {target.name} is DuckDB: nothing to load, the build reads the raw files directly "
            "(lens build --raw-dir DIR)."
        )
        return 0
    warehouse = warehouse_for(target, root)
    if not raw_dir.is_dir():
        raise LensError(f"Raw directory {raw_dir} does not exist.")
    plans = _plan(raw_dir, variables)
    with duckdb.connect(config=duckdb_settings()) as files:
        problems = _problems(raw_dir, variables, plans, files, warehouse.database)
        if problems:
            print(f"Nothing loaded: {len(problems)} problem(s) in {raw_dir}:")
            print("\n".join(f"  - {problem}" for problem in problems))
            return 1
        started = time.perf_counter()
        with warehouse:
            lines = _load_tables(warehouse, plans, files)
    print(f"Loaded {raw_dir} into {warehouse.where} in {time.perf_counter() - started:.1f} s:")
    print("\n".join(lines))
    return 0
