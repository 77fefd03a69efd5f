"""One channel, one label: the hand-written raw data spells the webinar channel 'webinar' (marketing
activities) and 'Webinar' (a campaign type); signals, attribution and the semantic layer show one label."""

from __future__ import annotations

import csv
import json
from collections import Counter

import duckdb

from conftest import RAW_SMALL


def sql(db, statement: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(statement).fetchall()


def raw_channels() -> set[str]:
    with (RAW_SMALL / "marketing" / "activity.csv").open() as activities:
        channels = {row["channel"] for row in csv.DictReader(activities)}
    with (RAW_SMALL / "crm" / "campaign.csv").open() as campaigns:
        return channels | {row["type"] for row in csv.DictReader(campaigns)}


def labels_sharing_a_spelling(labels) -> dict[str, list[str]]:
    """Labels that differ only in case or spacing: the same channel shown twice."""
    by_key = Counter(" ".join(label.lower().replace("_", " ").replace("-", " ").split()) for label in labels)
    return {key: [v for v in labels if v.lower() == key] for key, count in by_key.items() if count > 1}


def test_the_fixture_spells_one_channel_two_ways():
    assert {"webinar", "Webinar"} <= raw_channels()


def test_signals_and_attribution_show_one_label_per_channel(small_build):
    db = small_build.db_path
    signal_channels = [channel for (channel,) in sql(db, "select distinct channel from main_marts.signals")]
    assert "Webinar" in signal_channels and "webinar" not in signal_channels
    assert not labels_sharing_a_spelling(signal_channels)
    for relation, column, condition in (
        ("attribution_credit", "channel", "true"),
        ("attribution_by_model", "dimension_value", "dimension = 'channel'"),
    ):
        values = [
            v for (v,) in sql(db, f"select distinct {column} from main_marts.{relation} where {condition}")
        ]
        assert not labels_sharing_a_spelling(values), relation
        assert set(values) - {"unattributed"} <= set(signal_channels), relation


def test_the_semantic_layer_groups_signals_by_the_same_labels(small_build, lens):
    db = small_build.db_path
    code, out, err = lens(
        "query", "--db", str(db), "--metrics", "signals", "--group-by", "signal__channel", "--format", "json"
    )
    assert code == 0, err
    by_channel = {row["signal__channel"]: row["signals"] for row in json.loads(out)}
    assert by_channel == dict(sql(db, "select channel, count(*) from main_marts.signals group by channel"))
