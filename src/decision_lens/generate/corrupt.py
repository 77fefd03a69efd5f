"""Corrupted datasets: known faults injected into a generated raw dataset, for the data-quality tests.

`lens generate --corrupt` writes the preset's dataset, then damages chosen rows of some tables and writes
what it did to <out>/faults.json: per raw table, per reason, how many rows. models/quality/raw_quarantine
must show exactly these counts (tests/python/test_quarantine.py). Each damaged row gets one fault, and only
rows that are live (not deleted) and whose key no other row holds are damaged, so every count is exact.
crm.opportunity is rewritten as CSV, the way a hand-made export arrives, to carry values of the wrong type.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from decision_lens.raw_contract import BY_KEY

FAULTS_FILE = "faults.json"
FUTURE = dt.datetime(2099, 1, 1, 9, 0)


@dataclass(frozen=True)
class Fault:
    """`rows` rows of `table` get `reason`; `handling` is what the project must do with them."""

    table: str
    reason: str
    rows: int
    handling: str = "row_quarantined"


# per raw table, in order: the faults and how many rows get each
PLAN = (
    Fault("crm.contact", "null_key", 3),
    Fault("crm.contact", "duplicate_key", 2),
    Fault("crm.contact", "future_created_date", 2),
    Fault("crm.contact", "malformed_email", 4, "value_nulled"),
    Fault("crm.contact", "orphan_account_id", 2),
    Fault("crm.account", "malformed_website", 3, "value_nulled"),
    Fault("marketing.activity", "null_key", 2),
    Fault("marketing.activity", "future_occurred_at", 3),
    Fault("marketing.activity", "orphan_contact_id", 3),
    Fault("crm.opportunity", "unparsable_amount", 2),
    Fault("crm.opportunity", "unparsable_created_date", 1),
    Fault("crm.opportunity", "negative_amount", 2),
    Fault("crm.opportunity", "implausible_amount", 1),
    Fault("intent.topic_score", "malformed_domain", 3),
    Fault("intent.topic_score", "score_out_of_range", 2),
    Fault("contracts.contract", "ends_before_start", 2),
)
# rows whose quarantine would orphan rows of other tables (references in the base models) are not damaged
REFERENCED_BY = {
    "crm.contact": (
        ("marketing.activity", "contact_id"),
        ("crm.opportunity_contact_role", "contact_id"),
        ("crm.campaign_member", "contact_id"),
    ),
}
CSV_TABLES = {"crm.opportunity"}


def corrupt(raw_dir: Path, seed: int) -> list[Fault]:
    """Damage the dataset in raw_dir as PLAN says; write and return the faults."""
    rng = np.random.default_rng(seed)
    for table in dict.fromkeys(fault.table for fault in PLAN):
        faults = [fault for fault in PLAN if fault.table == table]
        arrow = _read(raw_dir, table)
        referenced = {
            value
            for child, column in REFERENCED_BY.get(table, ())
            for value in _read(raw_dir, child).column(column).to_pylist()
        }
        rows = _damageable_rows(arrow, table, referenced)
        needed = sum(fault.rows for fault in faults)
        if len(rows) < needed:
            raise ValueError(f"{table} has {len(rows)} rows that can be damaged; the plan needs {needed}")
        chosen = iter(rng.choice(rows, size=needed, replace=False).tolist())
        columns = {name: arrow.column(name).to_pylist() for name in arrow.column_names}
        extra: list[dict[str, object]] = []
        for fault in faults:
            for _ in range(fault.rows):
                _damage(columns, extra, next(chosen), fault.reason)
        damaged = pa.Table.from_pydict(columns, schema=arrow.schema)
        if extra:
            damaged = pa.concat_tables([damaged, pa.Table.from_pylist(extra, schema=arrow.schema)])
        _write(raw_dir, table, damaged)
    (raw_dir / FAULTS_FILE).write_text(json.dumps(expected_counts(PLAN), indent=2, sort_keys=True) + "\n")
    return list(PLAN)


def expected_counts(faults: tuple[Fault, ...] | list[Fault]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for fault in faults:
        counts.setdefault(fault.table, {})[fault.reason] = fault.rows
    return counts


def _damageable_rows(arrow: pa.Table, table: str, referenced: set[object]) -> np.ndarray:
    keys = BY_KEY[table].key_columns
    key_values = list(zip(*(arrow.column(key).to_pylist() for key in keys), strict=True))
    seen = Counter(key_values)
    deleted = (
        arrow.column("is_deleted").to_pylist() if "is_deleted" in arrow.column_names else [False] * len(arrow)
    )
    usable = [
        index
        for index, key in enumerate(key_values)
        if seen[key] == 1
        and None not in key
        and key[0] not in referenced
        and deleted[index] in (False, "false")
        and _has_material(arrow, table, index)
    ]
    return np.array(usable, dtype=np.int64)


def _has_material(arrow: pa.Table, table: str, index: int) -> bool:
    """The row holds what its fault alters (an email to spoil, an end after the start, an amount)."""
    needs = {
        "crm.contact": ("email", "last_modified_date", "account_id"),
        "crm.account": ("website",),
        "crm.opportunity": ("amount",),
        "marketing.activity": ("contact_id",),
        "contracts.contract": ("start_date", "end_date"),
    }.get(table, ())
    if not all(arrow.column(name)[index].is_valid for name in needs):
        return False
    if table == "contracts.contract":
        return arrow.column("end_date")[index].as_py() > arrow.column("start_date")[index].as_py()
    return True


def _damage(columns: dict[str, list], extra: list[dict[str, object]], row: int, reason: str) -> None:
    if reason == "null_key":
        columns["id"][row] = None
    elif reason == "duplicate_key":  # an older, different version of the row under the same id
        copy = {name: values[row] for name, values in columns.items()}
        copy["last_name"] = f"{copy['last_name']} (old)"
        copy["last_modified_date"] = copy["last_modified_date"] - dt.timedelta(days=1)
        extra.append(copy)
    elif reason.startswith("future_"):
        columns[reason.removeprefix("future_")][row] = FUTURE
    elif reason.startswith("orphan_"):  # a reference to a row that does not exist
        column = reason.removeprefix("orphan_")
        columns[column][row] = f"{columns[column][row] or 'x'}-missing"
    elif reason == "malformed_email":
        columns["email"][row] = columns["email"][row].replace("@", " at ")
    elif reason == "malformed_website":
        columns["website"][row] = "n/a"
    elif reason.startswith("unparsable_"):
        columns[reason.removeprefix("unparsable_")][row] = "twelve" if reason.endswith("amount") else "soon"
    elif reason == "negative_amount":  # crm.opportunity is text (CSV_TABLES)
        columns["amount"][row] = str(-abs(float(columns["amount"][row])) - 1.0)
    elif reason == "implausible_amount":
        columns["amount"][row] = "50000000000"
    elif reason == "malformed_domain":
        columns["domain"][row] = "not a domain"
    elif reason == "score_out_of_range":
        columns["composite_score"][row] = 250
    elif reason == "ends_before_start":
        columns["start_date"][row], columns["end_date"][row] = (
            columns["end_date"][row],
            columns["start_date"][row],
        )
    else:
        raise ValueError(f"no way to inject {reason}")


def _path(raw_dir: Path, table: str, suffix: str) -> Path:
    source, name = table.split(".")
    return raw_dir / source / f"{name}.{suffix}"


def _read(raw_dir: Path, table: str) -> pa.Table:
    parquet = _path(raw_dir, table, "parquet")
    arrow = pq.read_table(parquet) if parquet.exists() else pacsv.read_csv(_path(raw_dir, table, "csv"))
    if table in CSV_TABLES:  # text, so a value of the wrong type fits
        arrow = pa.table({name: pc.cast(arrow.column(name), pa.string()) for name in arrow.column_names})
    return arrow


def _write(raw_dir: Path, table: str, arrow: pa.Table) -> None:
    if table in CSV_TABLES:
        _path(raw_dir, table, "parquet").unlink(missing_ok=True)
        pacsv.write_csv(arrow, _path(raw_dir, table, "csv"))
    else:
        _path(raw_dir, table, "csv").unlink(missing_ok=True)
        pq.write_table(arrow, _path(raw_dir, table, "parquet"))
