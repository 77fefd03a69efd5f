"""Handoffs are judged as of their own second (DOMAIN.md §8): no look-ahead, and the generator's story holds.

Point in time: the CI dataset is built twice with `lens build --select +handoffs`, once in full and once with
every marketing activity and task after a cutoff removed (the signals a later day would add). A handoff before
the cutoff must get the same readiness state, label, reasons and lookback signal counts in both builds:
nothing after its moment may change how it is judged.

The story: premature handoffs turn into an opportunity within 90 days less often than ready ones. Judged on
the CI dataset when it has enough handoffs of each kind, else on the demo preset (half a second to generate).

Both builds skip dbt's data and unit tests (env DBT_EXCLUDE_RESOURCE_TYPES): the labels are what is compared
here, and the full `lens build` runs those tests.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import build_without_unit_tests
from decision_lens.generate.datasets import regenerate

SEED = 7
CUTOFF = dt.datetime(2025, 12, 31)
LOOKBACK_DAYS = 90  # var readiness_lookback_days
MIN_HANDOFFS_PER_QUALITY = 20  # fewer than this on CI: judge the story on the demo preset instead
JUDGED = (
    "readiness_state_at_handoff",
    "handoff_quality",
    "premature_reason",
    "has_authority_engagement",
    "lookback_signal_count",
    "authority_signal_count",
    "intent_layer_count",
)

# When each truncated table's row happened, as the signals mart times it.
SIGNAL_TIME = {
    ("marketing", "activity"): "occurred_at",
    ("crm", "task"): "coalesce(cast(activity_date as timestamp), created_date)",
}


def build_handoffs(raw_dir: Path, db_path: Path) -> None:
    """`lens build --select +handoffs`, models and seeds only."""
    args = ["--raw-dir", str(raw_dir), "--db", str(db_path), "--select", "+handoffs", "--quiet"]
    assert build_without_unit_tests(*args, data_tests=False) == 0, f"lens build failed on {raw_dir}"


def query(db_path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db_path), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def truncate_after(raw_dir: Path, cutoff: dt.datetime) -> None:
    """Remove the marketing activities and tasks that happened after the cutoff (Parquet, in place)."""
    with duckdb.connect() as connection:
        for (source, table), happened_at in SIGNAL_TIME.items():
            path = raw_dir / source / f"{table}.parquet"
            kept = path.with_suffix(".kept.parquet")
            connection.execute(
                f"copy (select * from read_parquet('{path}') where {happened_at} <= ?) "
                f"to '{kept}' (format parquet)",
                [cutoff],
            )
            kept.replace(path)


@pytest.fixture(scope="module")
def ci_builds(tmp_path_factory):
    """The CI dataset built in full and with the activity after CUTOFF removed: (full db, truncated db)."""
    base = tmp_path_factory.mktemp("handoff_labels")
    full_raw, cut_raw = base / "full" / "raw", base / "cut" / "raw"
    regenerate("ci", SEED, full_raw, "parquet", None)
    shutil.copytree(full_raw, cut_raw)
    truncate_after(cut_raw, CUTOFF)
    full_db, cut_db = base / "full" / "lens.duckdb", base / "cut" / "lens.duckdb"
    build_handoffs(full_raw, full_db)
    build_handoffs(cut_raw, cut_db)
    return full_db, cut_db


def handoffs_before_cutoff(db_path: Path) -> dict[str, tuple]:
    rows = query(
        db_path,
        f"select handoff_id, {', '.join(JUDGED)} from main_marts.handoffs "
        f"where handed_off_at <= timestamp '{CUTOFF.isoformat(sep=' ')}'",
    )
    return {row[0]: row[1:] for row in rows}


def test_the_truncation_removes_signals_an_earlier_handoff_could_have_peeked_at(ci_builds):
    """Guard for the next test: the signals only the full build has all fall after the cutoff, and some
    within the readiness lookback after a pre-cutoff handoff of the same decision unit."""
    full_db, cut_db = ci_builds
    cutoff = f"timestamp '{CUTOFF.isoformat(sep=' ')}'"
    with duckdb.connect(str(full_db), read_only=True) as connection:
        connection.execute(f"attach '{cut_db}' as cut (read_only)")
        connection.execute(
            "create temp table removed as select * from main_marts.signals "
            "where signal_id not in (select signal_id from cut.main_marts.signals)"
        )
        removed, removed_before_cutoff = connection.execute(
            f"select count(*), count(case when signal_at <= {cutoff} then 1 end) from removed"
        ).fetchone()
        exposed = connection.execute(
            f"""
            select count(distinct handoffs.handoff_id)
            from main_marts.handoffs as handoffs
            inner join removed
                on handoffs.decision_unit_id = removed.decision_unit_id
            where
                handoffs.handed_off_at <= {cutoff}
                and removed.signal_at <= handoffs.handed_off_at + interval {LOOKBACK_DAYS} day
            """
        ).fetchone()[0]
    assert removed > 100
    assert removed_before_cutoff == 0
    assert exposed >= 3


def test_handoffs_before_the_cutoff_are_judged_the_same_without_later_activity(ci_builds):
    full_db, cut_db = ci_builds
    full, cut = handoffs_before_cutoff(full_db), handoffs_before_cutoff(cut_db)
    assert len(full) >= 20
    assert cut.keys() == full.keys()
    changed = {handoff: (full[handoff], cut[handoff]) for handoff in full if full[handoff] != cut[handoff]}
    assert not changed, f"labels changed by activity after their moment ({JUDGED}): {changed}"


def opportunity_rates(db_path: Path) -> dict[str, tuple[int, float]]:
    rows = query(
        db_path,
        """
        select
            handoff_quality,
            count(*),
            avg(case when has_opportunity_within_90_days then 1.0 else 0.0 end)
        from main_marts.handoffs
        where is_outcome_observed
        group by handoff_quality
        """,
    )
    return {quality: (handoffs, rate) for quality, handoffs, rate in rows}


def test_premature_handoffs_convert_to_opportunities_less_often_than_ready_ones(ci_builds, tmp_path):
    full_db, _ = ci_builds
    rates = opportunity_rates(full_db)
    if min(rates.get(quality, (0, 0.0))[0] for quality in ("ready", "premature")) < MIN_HANDOFFS_PER_QUALITY:
        demo_raw, demo_db = tmp_path / "raw", tmp_path / "lens.duckdb"
        regenerate("demo", SEED, demo_raw, "parquet", None)
        build_handoffs(demo_raw, demo_db)
        rates = opportunity_rates(demo_db)
    (ready, ready_rate), (premature, premature_rate) = rates["ready"], rates["premature"]
    assert min(ready, premature) >= MIN_HANDOFFS_PER_QUALITY, rates
    assert premature_rate < ready_rate, rates
