"""A delivery of changes to rows already loaded, for the daily run's equality tests and benchmark: what a real
day brings besides new rows. `append_changes` writes, as Parquet parts <raw>/<source>/<table>/<name>.parquet
beside the other parts:
  - edited rows: contacts and leads with another title (so every signal of theirs changes layer), open
    opportunities closed won on the day, member facilities moved to another health system (their signals
    change decision unit) and systems with another fiscal-year start, each with a later last_modified_date,
    which is how the base models tell the newer version;
  - new rows that change old signals: incumbent contracts ending soon (a renewal window opens for their
    decision unit's signals of the weeks before);
  - deleted rows: contacts deleted in the CRM (is_deleted), marketing activities deleted at the source
    (Fivetran's _fivetran_deleted);
  - late rows: marketing activities and sales tasks that happened weeks before the day and arrive only now.
Rows are chosen by a seeded random sample, a share of each table with a floor, so a small dataset has
some of each.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from decision_lens.raw_contract import TABLES, RawTable

SHARE = 0.005  # of a table's rows, per kind of change
FLOOR = 4  # rows per kind of change, at least
LATE_DAYS = 45  # how long before the day a late row happened
CONTRACT_END_DAYS = 60  # a new incumbent contract ends this long after the day


def _table(key: str) -> RawTable:
    return next(table for table in TABLES if table.key == key)


def _read(raw_dir: Path, key: str) -> pa.Table:
    table = _table(key)
    files = [
        raw_dir / table.source / f"{table.name}.parquet",
        *sorted((raw_dir / table.source / table.name).glob("*.parquet")),
    ]
    parts = [pq.read_table(path, schema=table.schema) for path in files if path.is_file()]
    return pa.concat_tables(parts)


def _sample(rows: pa.Table, rng: random.Random, count: int | None = None) -> pa.Table:
    count = min(rows.num_rows, count or max(FLOOR, int(rows.num_rows * SHARE)))
    return rows.take(sorted(rng.sample(range(rows.num_rows), count)))


def _replace(rows: pa.Table, column: str, values: list | pa.Array) -> pa.Table:
    field = rows.schema.field(column)
    return rows.set_column(rows.schema.get_field_index(column), field, pa.array(values, field.type))


def _write(raw_dir: Path, key: str, name: str, rows: pa.Table) -> int:
    table = _table(key)
    path = raw_dir / table.source / table.name / f"{name}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(rows, path, compression="zstd")
    return rows.num_rows


def append_changes(raw_dir: Path, day: dt.date, seed: int = 7, name: str | None = None) -> dict[str, int]:
    """Write the day's edits, deletions and late rows as parts named `name` (default <day>-changes); rows
    written per kind of change."""
    rng = random.Random(seed)
    name = name or f"{day.isoformat()}-changes"
    modified_at = dt.datetime.combine(day, dt.time(12))
    written: dict[str, int] = {}

    contacts = _sample(_read(raw_dir, "crm.contact"), rng, None)
    edited, deleted = contacts.slice(0, contacts.num_rows // 2), contacts.slice(contacts.num_rows // 2)
    titles = edited.column("title").to_pylist()
    edited = _replace(edited, "title", titles[1:] + titles[:1])
    deleted = _replace(deleted, "is_deleted", [True] * deleted.num_rows)
    changed_contacts = pa.concat_tables([edited, deleted])
    changed_contacts = _replace(
        changed_contacts, "last_modified_date", [modified_at] * changed_contacts.num_rows
    )
    written["crm.contact edited or deleted"] = _write(raw_dir, "crm.contact", name, changed_contacts)

    leads = _sample(_read(raw_dir, "crm.lead"), rng)
    titles = leads.column("title").to_pylist()
    leads = _replace(
        _replace(leads, "title", titles[1:] + titles[:1]),
        "last_modified_date",
        [modified_at] * leads.num_rows,
    )
    written["crm.lead edited"] = _write(raw_dir, "crm.lead", name, leads)
    written["crm.account moved or edited"] = _write(
        raw_dir, "crm.account", name, _accounts_changed(raw_dir, rng, modified_at)
    )
    written["contracts.contract new, ending soon"] = _write(
        raw_dir, "contracts.contract", name, _contracts_ending_soon(raw_dir, rng, day)
    )

    opportunities = _read(raw_dir, "crm.opportunity")
    open_ones = _sample(
        opportunities.filter(pc.invert(pc.fill_null(opportunities.column("is_closed"), False))), rng
    )
    closed = open_ones
    for column, value in (
        ("stage_name", "Closed Won"),
        ("is_closed", True),
        ("is_won", True),
        ("probability", 100.0),
        ("forecast_category", "Closed"),
        ("close_date", day),
        ("last_modified_date", modified_at),
    ):
        closed = _replace(closed, column, [value] * closed.num_rows)
    written["crm.opportunity closed won"] = _write(raw_dir, "crm.opportunity", name, closed)

    activities = _sample(_read(raw_dir, "marketing.activity"), rng)
    late, gone = activities.slice(0, activities.num_rows // 2), activities.slice(activities.num_rows // 2)
    late = _replace(late, "id", [f"{id_}-late" for id_ in late.column("id").to_pylist()])
    late_at = dt.datetime.combine(day - dt.timedelta(days=LATE_DAYS), dt.time(15))
    late = _replace(late, "occurred_at", [late_at] * late.num_rows)
    gone = gone.append_column("_fivetran_deleted", pa.array([True] * gone.num_rows))
    late = late.append_column("_fivetran_deleted", pa.array([None] * late.num_rows, pa.bool_()))
    written["marketing.activity late or deleted"] = _write(
        raw_dir, "marketing.activity", name, pa.concat_tables([late, gone])
    )

    tasks = _sample(_read(raw_dir, "crm.task"), rng)
    tasks = _replace(tasks, "id", [f"{id_}-late" for id_ in tasks.column("id").to_pylist()])
    tasks = _replace(tasks, "activity_date", [day - dt.timedelta(days=LATE_DAYS)] * tasks.num_rows)
    tasks = _replace(tasks, "created_date", [modified_at] * tasks.num_rows)
    written["crm.task late"] = _write(raw_dir, "crm.task", name, tasks)
    return written


def _accounts_changed(raw_dir: Path, rng: random.Random, modified_at: dt.datetime) -> pa.Table:
    """A few member facilities moved under another health system (a top-level account: never one of their
    descendants), and a few systems with the next fiscal-year start month."""
    accounts = _read(raw_dir, "crm.account")
    has_parent = pc.invert(pc.is_null(accounts.column("parent_id")))
    systems = accounts.filter(pc.invert(has_parent))
    moved = _sample(accounts.filter(has_parent), rng, FLOOR)
    system_ids = systems.column("id").to_pylist()
    parents = moved.column("parent_id").to_pylist()
    moved = _replace(
        moved, "parent_id", [rng.choice([id_ for id_ in system_ids if id_ != old]) for old in parents]
    )
    shifted = _sample(systems, rng, FLOOR)
    months = shifted.column("fiscal_year_start_month_c").to_pylist()
    shifted = _replace(shifted, "fiscal_year_start_month_c", [(month or 0) % 12 + 1 for month in months])
    changed = pa.concat_tables([moved, shifted])
    return _replace(changed, "last_modified_date", [modified_at] * changed.num_rows)


def _contracts_ending_soon(raw_dir: Path, rng: random.Random, day: dt.date) -> pa.Table:
    """New incumbent-vendor contracts of a few accounts that end CONTRACT_END_DAYS after the day."""
    contracts = _sample(_read(raw_dir, "contracts.contract"), rng, FLOOR)
    ends = day + dt.timedelta(days=CONTRACT_END_DAYS)
    for column, value in (
        ("id", [f"{id_}-renewal" for id_ in contracts.column("id").to_pylist()]),
        ("is_ours", [False] * contracts.num_rows),
        ("start_date", [ends - dt.timedelta(days=3 * 365)] * contracts.num_rows),
        ("end_date", [ends] * contracts.num_rows),
    ):
        contracts = _replace(contracts, column, value)
    return contracts
