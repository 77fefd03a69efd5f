"""Held-back days: a dataset whose last days arrive later, one day at a time, as new raw files.

`lens generate --hold-back-days N` writes the dataset, then moves every row of its last N days into
<raw_dir>/_held_back/<source>/<table>/<day>.parquet. `lens append-day` moves the earliest held-back day
into the raw data as a Parquet part, <raw_dir>/<source>/<table>/<day>.parquet, which the raw reader unions
with <table>.parquet: the next day's delivery, for incremental builds and their benchmark.

A row belongs to the day it appeared: its creation day, or for tables without one the day of the event
(marketing activities) or of the week (intent scores). Contracts and users have no such day and are never
held back. Rows keep their final state: an opportunity created before the cut-off that closes on a held-back
day is in the history already closed (the generator writes one version of each row).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from decision_lens.generate.manifest import required_manifest, update_manifest
from decision_lens.raw_contract import TABLES, RawTable

HELD_BACK_DIR = "_held_back"
# The column whose day says when a row appeared, per contract table (absent: never held back).
APPEARANCE_COLUMNS = {
    "crm.account": "created_date",
    "crm.contact": "created_date",
    "crm.lead": "created_date",
    "crm.lead_history": "created_date",
    "crm.opportunity": "created_date",
    "crm.opportunity_contact_role": "created_date",
    "crm.opportunity_history": "created_date",
    "crm.campaign": "created_date",
    "crm.campaign_member": "created_date",
    "crm.task": "created_date",
    "crm.event": "created_date",
    "marketing.activity": "occurred_at",
    "intent.topic_score": "week_start_date",
}


def _days(table: pa.Table, column: str) -> pa.ChunkedArray:
    values = table.column(column)
    return values if pa.types.is_date(values.type) else pc.cast(values, pa.date32())


def hold_back(raw_dir: Path, as_of: dt.date, days: int) -> dict[str, int]:
    """Move the rows of the last `days` days (up to as_of) out of a Parquet dataset; rows held per day."""
    if days < 1:
        raise ValueError(f"--hold-back-days must be at least 1, not {days}")
    required_manifest(raw_dir)  # before any file is rewritten
    first = as_of - dt.timedelta(days=days - 1)
    held: dict[str, int] = {}
    for table in TABLES:
        column = APPEARANCE_COLUMNS.get(table.key)
        if column is None:
            continue
        path = raw_dir / table.source / f"{table.name}.parquet"
        if not path.is_file():
            raise FileNotFoundError(f"cannot hold back days of {table.key}: {path} is not a Parquet file")
        data = pq.read_table(path, schema=table.schema)
        day = _days(data, column)
        late = pc.fill_null(pc.greater_equal(day, pa.scalar(first, pa.date32())), False)
        _write(data.filter(pc.invert(late)), path)
        for offset in range(days):
            current = first + dt.timedelta(days=offset)
            rows = data.filter(pc.fill_null(pc.equal(day, pa.scalar(current, pa.date32())), False))
            target = raw_dir / HELD_BACK_DIR / table.source / table.name / f"{current.isoformat()}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            _write(rows, target)
            held[current.isoformat()] = held.get(current.isoformat(), 0) + rows.num_rows
    update_manifest(raw_dir, held_back=held)
    return held


def held_back_days(raw_dir: Path) -> list[str]:
    """The days still held back, earliest first."""
    root = raw_dir / HELD_BACK_DIR
    return sorted({path.stem for path in root.glob("*/*/*.parquet")})


def append_day(raw_dir: Path) -> tuple[str, dict[str, int]]:
    """Move the earliest held-back day into the raw data as Parquet parts; the day and its rows per table."""
    days = held_back_days(raw_dir)
    if not days:
        raise FileNotFoundError(
            f"no held-back day in {raw_dir / HELD_BACK_DIR}: generate with --hold-back-days first"
        )
    day = days[0]
    appended = required_manifest(raw_dir).get("appended", [])  # before any file moves
    rows: dict[str, int] = {}
    for table in TABLES:
        source = raw_dir / HELD_BACK_DIR / table.source / table.name / f"{day}.parquet"
        if not source.is_file():
            continue
        rows[table.key] = pq.read_metadata(source).num_rows
        target = _part_path(raw_dir, table, day)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(source, target)
    update_manifest(raw_dir, appended=[*appended, day])
    return day, rows


def _part_path(raw_dir: Path, table: RawTable, day: str) -> Path:
    return raw_dir / table.source / table.name / f"{day}.parquet"


def _write(data: pa.Table, path: Path) -> None:
    scratch = path.with_suffix(".parquet.tmp")
    pq.write_table(data, scratch, compression="zstd")
    scratch.replace(path)
