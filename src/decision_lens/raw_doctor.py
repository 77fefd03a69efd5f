"""`lens doctor`: everything wrong with a raw folder, in one report, before any model runs.

For each table of the raw contract (raw_contract.py) it finds the file (<table>.parquet, a folder of Parquet
parts <table>/, or <table>.csv), reads it, and matches its columns to the contract the way the build does
(macros/raw_sources/raw_conformed_columns.sql: case and underscores do not matter; the account custom fields
go by var account_custom_fields). A problem stops the build: a required table (crm.account, crm.contact)
or a required column (a table's key) that is missing, a file that cannot be read, a var that cannot work.
Everything else is a note: an absent table is read as empty, an absent column as null, an unknown file is
ignored. `lens build` runs this first and keeps the inventory for its summary (raw_inventory.json).
"""

from __future__ import annotations

import json
import zoneinfo
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
import yaml

from decision_lens.project import LensError
from decision_lens.raw_contract import FIVETRAN_DELETED, TABLES, RawTable

INVENTORY_FILE = "raw_inventory.json"
CUSTOM_FIELDS_VAR = "account_custom_fields"
TIME_ZONES_VAR = "raw_time_zones"


@dataclass
class TableInventory:
    table: str  # <source>.<table>
    files: list[str] = field(default_factory=list)
    rows: int | None = None  # None: absent or unreadable
    absent_columns: list[str] = field(default_factory=list)
    renamed_columns: dict[str, str] = field(default_factory=dict)  # contract name -> delivered name
    problems: list[str] = field(default_factory=list)

    @property
    def is_absent(self) -> bool:
        return not self.files


@dataclass
class RawInventory:
    raw_dir: str
    tables: list[TableInventory]
    problems: list[str] = field(default_factory=list)  # not of one table: vars
    ignored_files: list[str] = field(default_factory=list)

    @property
    def all_problems(self) -> list[str]:
        return self.problems + [problem for table in self.tables for problem in table.problems]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), indent=2) + "\n")

    @classmethod
    def load(cls, path: Path) -> RawInventory | None:
        if not path.is_file():
            return None
        data = json.loads(path.read_text())
        data["tables"] = [TableInventory(**table) for table in data["tables"]]
        return cls(**data)


def project_vars(root: Path, overrides: str | None = None) -> dict:
    """The dbt vars of dbt_project.yml, with `--vars` overrides (YAML, as dbt takes them) on top."""
    merged = dict(yaml.safe_load((root / "dbt_project.yml").read_text()).get("vars") or {})
    if overrides:
        try:
            given = yaml.safe_load(overrides)
        except yaml.YAMLError as error:
            raise LensError(f"--vars is not YAML: {_first_line(error)}") from None
        if not isinstance(given, dict):
            raise LensError(f"--vars must be a YAML mapping such as '{{name: value}}', got {overrides!r}")
        merged.update(given)
    return merged


def column_key(name: str) -> str:
    """How column names are compared: lower case, underscores dropped (AccountId = account_id)."""
    return name.lower().replace("_", "")


def table_files(raw_dir: Path, table: RawTable) -> list[Path]:
    """The files the build reads for a table: Parquet (the file and its parts), else the CSV file."""
    base = raw_dir / table.source / table.name
    parquet = [path for path in [base.with_suffix(".parquet")] if path.is_file()]
    parquet += sorted(base.glob("*.parquet")) if base.is_dir() else []
    if parquet:
        return parquet
    csv = base.with_suffix(".csv")
    return [csv] if csv.is_file() else []


def file_reader(files: list[Path]) -> str:
    """The DuckDB table function that reads a table's files (table_files), as the build reads them."""
    paths = ", ".join("'" + str(path).replace("'", "''") + "'" for path in files)
    if files[0].suffix == ".csv":
        return f"read_csv({paths}, header = true, all_varchar = true)"
    return f"read_parquet([{paths}], union_by_name = true)"


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]


def _match_columns(
    table: RawTable, delivered: list[str], aliases: dict[str, str], inventory: TableInventory
) -> None:
    exact = set(delivered)
    by_key: dict[str, str] = {}
    for name in delivered:
        by_key.setdefault(column_key(name), name)
    for name in [*table.column_names, FIVETRAN_DELETED]:
        wanted = aliases.get(name, name)
        found = wanted if wanted in exact else by_key.get(column_key(wanted))
        if found is None:
            if name in table.required_columns:
                inventory.problems.append(
                    f"{table.key}: required column {name} is missing (read from {inventory.files[0]})"
                )
            elif name != FIVETRAN_DELETED:
                inventory.absent_columns.append(name + (f" (as {wanted})" if wanted != name else ""))
        elif found != name:
            inventory.renamed_columns[name] = found


def _inspect_table(
    connection: duckdb.DuckDBPyConnection, raw_dir: Path, table: RawTable, aliases: dict[str, str]
) -> TableInventory:
    files = table_files(raw_dir, table)
    inventory = TableInventory(table.key, files=[str(path) for path in files])
    if not files:
        if table.required:
            base = raw_dir / table.source / table.name
            expected = f"{base}.parquet, {base}/*.parquet or {base}.csv"
            inventory.problems.append(f"{table.key}: required file not found: expected {expected}")
        return inventory
    reader = file_reader(files)
    try:
        delivered = [row[0] for row in connection.execute(f"describe select * from {reader}").fetchall()]
        (inventory.rows,) = connection.execute(f"select count(*) from {reader}").fetchone()
    except duckdb.Error as error:
        inventory.problems.append(
            f"{table.key}: cannot read {', '.join(inventory.files)}: {_first_line(error)}"
        )
        return inventory
    _match_columns(table, delivered, aliases, inventory)
    return inventory


def _var_problems(variables: dict) -> tuple[list[str], dict[str, str]]:
    problems = []
    account = next(table for table in TABLES if table.key == "crm.account")
    aliases = dict(variables.get(CUSTOM_FIELDS_VAR) or {})
    unknown = sorted(set(aliases) - set(account.column_names))
    if unknown:
        problems.append(
            f"var {CUSTOM_FIELDS_VAR} names {', '.join(unknown)}, not a column of crm.account; its keys are "
            "the raw contract's names (facility_type_c, bed_count_c, gpo_c, fiscal_year_start_month_c, "
            "is_independent_decider_c), its values the org's column names"
        )
    for source, zone in (variables.get(TIME_ZONES_VAR) or {}).items():
        try:
            zoneinfo.ZoneInfo(str(zone))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            problems.append(
                f"var {TIME_ZONES_VAR}: {source}: {zone!r} is not a time zone (e.g. America/Chicago)"
            )
    return problems, {key: str(value) for key, value in aliases.items()}


def _ignored_files(raw_dir: Path) -> list[str]:
    known = {(table.source, table.name) for table in TABLES}
    ignored = []
    for path in sorted(raw_dir.glob("*/*")):
        if path.name.startswith((".", "_")) or path.parent.name.startswith((".", "_")):
            continue
        is_table = path.suffix in (".parquet", ".csv") or path.is_dir()
        if is_table and (path.parent.name, path.stem if path.is_file() else path.name) not in known:
            ignored.append(str(path.relative_to(raw_dir)))
    return ignored


def inspect_raw_dir(raw_dir: Path, variables: dict) -> RawInventory:
    """Read every raw table of raw_dir once and report what the build will find."""
    problems, aliases = _var_problems(variables)
    with duckdb.connect() as connection:
        tables = [
            _inspect_table(connection, raw_dir, table, aliases if table.key == "crm.account" else {})
            for table in TABLES
        ]
    return RawInventory(str(raw_dir), tables, problems, _ignored_files(raw_dir))


def render_doctor(inventory: RawInventory) -> str:
    """The report of `lens doctor`: problems first, then how each table will be read."""
    lines = [f"Raw data in {inventory.raw_dir}:"]
    problems = inventory.all_problems
    if problems:
        lines.append(f"  {len(problems)} problem(s) stop the build:")
        lines.extend(f"    - {problem}" for problem in problems)
    else:
        lines.append("  nothing stops the build.")
    lines.extend(f"  {line}" for line in inventory_lines(inventory))
    return "\n".join(lines)


def inventory_lines(inventory: RawInventory) -> list[str]:
    """One line per table that is not delivered in full (absent, empty, columns absent or renamed)."""
    lines = []
    for table in inventory.tables:
        notes = []
        if table.problems:
            continue
        if table.is_absent:
            notes.append("no file: read as empty")
        elif table.rows == 0:
            notes.append("empty (0 rows)")
        if table.absent_columns:
            absent = ", ".join(table.absent_columns)
            notes.append(f"{len(table.absent_columns)} column(s) absent, read as null: {absent}")
        if table.renamed_columns:
            renamed = ", ".join(f"{name} <- {found}" for name, found in table.renamed_columns.items())
            notes.append(f"read under other names: {renamed}")
        if notes:
            lines.append(f"{table.table:<30} {'; '.join(notes)}")
    if inventory.ignored_files:
        lines.append(f"{'ignored (not in the contract)':<30} {', '.join(inventory.ignored_files)}")
    delivered = sum(not table.is_absent for table in inventory.tables)
    lines.insert(0, f"{delivered} of {len(inventory.tables)} tables delivered" + (":" if lines else "."))
    return lines
