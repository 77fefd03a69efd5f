"""Timestamps land at their UTC instant, whatever the machine's time zone (the build runs under New York's).

- a Parquet timestamp with a time zone: its instant;
- CSV text with an offset or Z, as Salesforce exports it (2025-03-03T23:30:00.000-0800): its instant;
- CSV text without one: read in its source's zone (var raw_time_zones; UTC unless set).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from conftest import build_without_unit_tests
from decision_lens.raw_contract import BY_KEY

UTC = dt.UTC
CHICAGO = ZoneInfo("America/Chicago")


def _contacts_as_timestamptz_parquet(raw: Path) -> dict[str, dt.datetime]:
    """crm.contact as Parquet whose created_date is a timestamp with a zone; the UTC values expected."""
    table = BY_KEY["crm.contact"]
    arrow = pacsv.read_csv(
        raw / "crm" / "contact.csv",
        convert_options=pacsv.ConvertOptions(column_types=table.schema, strings_can_be_null=True),
    )
    created = arrow.column("created_date").cast(pa.timestamp("us", tz="America/Los_Angeles"))
    arrow = arrow.set_column(arrow.schema.get_field_index("created_date"), "created_date", created)
    pq.write_table(arrow, raw / "crm" / "contact.parquet")
    (raw / "crm" / "contact.csv").unlink()
    ids = arrow.column("id").to_pylist()
    return {
        key: value.astimezone(UTC).replace(tzinfo=None)
        for key, value in zip(ids, created.to_pylist(), strict=True)
        if key and value
    }


def _activities_with_offsets(raw: Path) -> dict[str, dt.datetime]:
    """Every other activity time gets an offset (-0800 or Z); the others stay local (Chicago by var)."""
    path = raw / "marketing" / "activity.csv"
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected = {}
    for index, row in enumerate(rows):
        if not row["occurred_at"]:
            continue
        local = dt.datetime.fromisoformat(row["occurred_at"])
        if index % 3 == 0:
            row["occurred_at"] = local.strftime("%Y-%m-%dT%H:%M:%S.000-0800")
            expected[row["id"]] = local + dt.timedelta(hours=8)
        elif index % 3 == 1:
            row["occurred_at"] = local.strftime("%Y-%m-%dT%H:%M:%S.000Z")
            expected[row["id"]] = local
        else:
            expected[row["id"]] = local.replace(tzinfo=CHICAGO).astimezone(UTC).replace(tzinfo=None)
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return expected


def test_timestamps_land_at_their_utc_instant_in_any_machine_time_zone(raw_copy, tmp_path, monkeypatch):
    contacts = _contacts_as_timestamptz_parquet(raw_copy)
    activities = _activities_with_offsets(raw_copy)
    monkeypatch.setenv("TZ", "America/New_York")
    db_path = tmp_path / "lens.duckdb"
    code = build_without_unit_tests(
        "--raw-dir", str(raw_copy), "--db", str(db_path), "--select", "+path:models/staging", "--quiet",
        "--vars", "{raw_time_zones: {marketing: America/Chicago}}", data_tests=False,
    )  # fmt: skip
    assert code == 0
    with duckdb.connect(str(db_path), read_only=True) as connection:
        staged_contacts = dict(
            connection.execute("select contact_id, created_at from main_staging.stg_crm__contacts").fetchall()
        )
        staged_activities = dict(
            connection.execute(
                "select activity_id, occurred_at from main_staging.stg_marketing__activities"
            ).fetchall()
        )
    assert {key: staged_contacts[key] for key in contacts if key in staged_contacts} == {
        key: value for key, value in contacts.items() if key in staged_contacts
    }
    assert len(set(contacts) & set(staged_contacts)) >= 15
    assert {key: staged_activities[key] for key in activities if key in staged_activities} == {
        key: value for key, value in activities.items() if key in staged_activities
    }
    assert len(set(activities) & set(staged_activities)) >= 30
