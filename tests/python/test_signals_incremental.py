"""The incremental `signals` mart, and the person scores incremental by person, give the same rows as a full
rebuild, late-arriving rows included.

The marketing activity file is delivered in two parts, the way a loader appends batches to a folder of Parquet
parts (<raw>/marketing/activity/*.parquet). The first build sees part 1; part 2 then adds the newest
activities, the file's tail (late-arriving rows with old occurred_at, ELT duplicates) and a sample of older
activities held back on purpose. The second build is incremental; a third, --full-refresh, build on the same
data must give exactly the same table. A max(signal_at) watermark would fail this test: part 2 holds rows
older than the newest signal of the first build. `int_person_scores` scores again only the persons whose
signals changed; a person whose every signal is deleted at the source loses its rows.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from decision_lens.generate.datasets import regenerate

# Only the models and seeds the person scores are built from, without data tests
# (DBT_INDIRECT_SELECTION=empty): fast, and independent of other models' tests. What matters is asserted.
SELECT = "+int_person_scores,resource_type:model +int_person_scores,resource_type:seed"
SCORES = "main_intermediate.int_person_scores"
FIRST_PART_SHARE = 0.8  # part 1 is the first 80% of the file, in delivery order ...
HELD_BACK_EVERY = 40  # ... minus every 40th of those rows, delivered late in part 2


def split_activity_file(raw_dir: Path) -> tuple[pa.Table, pa.Table]:
    """Replace marketing/activity.parquet with a folder holding part 1; return (part 1, part 2)."""
    path = raw_dir / "marketing" / "activity.parquet"
    activities = pq.read_table(path)
    cut = int(activities.num_rows * FIRST_PART_SHARE)
    in_first = pa.array(
        [position < cut and position % HELD_BACK_EVERY != 0 for position in range(activities.num_rows)]
    )
    first = activities.filter(in_first)
    second = activities.filter(pc.invert(in_first))
    path.unlink()
    (raw_dir / "marketing" / "activity").mkdir()
    pq.write_table(first, raw_dir / "marketing" / "activity" / "part-0001.parquet")
    return first, second


def signals_table(db_path: Path) -> list[tuple]:
    with duckdb.connect(str(db_path), read_only=True) as connection:
        return connection.execute("select * from main_marts.signals order by signal_id").fetchall()


def person_scores(db_path: Path) -> list[tuple]:
    with duckdb.connect(str(db_path), read_only=True) as connection:
        return connection.execute(
            f"select signal_id, person_type, person_id, score_after from {SCORES} order by 1"
        ).fetchall()


def a_person_with_activities_only(db_path: Path, later: pa.Table) -> tuple[str, set[str]]:
    """A scored person whose every signal is a marketing activity, none of them delivered later, and those
    activities' ids."""
    persons_later = [
        *later.column("contact_id").drop_null().to_pylist(),
        *later.column("lead_id").drop_null().to_pylist(),
    ]
    with duckdb.connect(str(db_path), read_only=True) as connection:
        person_id, signal_ids_ = connection.execute(
            f"select person_id, list(signal_id) from {SCORES} where not list_contains(?, person_id) "
            "group by person_id having bool_and(signal_id like 'marketing_automation:%') "
            "order by count(*), person_id limit 1",
            [persons_later],
        ).fetchone()
    return person_id, {signal_id.split(":", 1)[1] for signal_id in signal_ids_}


def signal_ids(rows: list[tuple]) -> list[str]:
    return [row[0] for row in rows]


def deliver_part_two_and_an_edit(
    raw_dir: Path, first: pa.Table, second: pa.Table, deleted_ids: frozenset[str] = frozenset()
) -> None:
    """The loader re-delivers part 1 with one row edited in the source system (its channel changed) and the
    rows of deleted_ids gone (deleted at the source), and delivers part 2: the incremental run must replace
    the stored version and delete the gone signals, as a full refresh would."""
    kept = pc.invert(pc.is_in(first.column("id"), pa.array(sorted(deleted_ids), pa.string())))
    first = first.filter(kept)
    second = second.filter(
        pc.invert(pc.is_in(second.column("id"), pa.array(sorted(deleted_ids), pa.string())))
    )
    channels = first.column("channel").to_pylist()
    channels[0] = "Edited In Source"
    edited = first.set_column(first.schema.get_field_index("channel"), "channel", pa.array(channels))
    pq.write_table(edited, raw_dir / "marketing" / "activity" / "part-0001.parquet")
    pq.write_table(second, raw_dir / "marketing" / "activity" / "part-0002.parquet")


@pytest.fixture(scope="module")
def ci_raw(tmp_path_factory) -> Path:
    raw_dir = tmp_path_factory.mktemp("signals_incremental") / "raw"
    regenerate("ci", 7, raw_dir, "parquet", None)
    return raw_dir


def test_incremental_signals_equal_a_full_refresh(ci_raw, tmp_path, lens, monkeypatch):
    monkeypatch.setenv("DBT_INDIRECT_SELECTION", "empty")
    first, second = split_activity_file(ci_raw)
    db_path = tmp_path / "lens.duckdb"
    build = ("build", "--raw-dir", str(ci_raw), "--db", str(db_path), "--select", SELECT, "--quiet")

    code, out, _ = lens(*build)
    assert code == 0, out
    after_first = signals_table(db_path)
    first_ids = {f"marketing_automation:{id_}" for id_ in first.column("id").to_pylist()}
    assert first_ids <= set(signal_ids(after_first))

    # Guard: part 2 must hold rows a watermark on the first build's newest signal would skip.
    with duckdb.connect(str(db_path), read_only=True) as connection:
        (watermark,) = connection.execute("select max(signal_at) from main_marts.signals").fetchone()
    late = [at for at in second.column("occurred_at").to_pylist() if at < watermark - dt.timedelta(days=30)]
    assert len(late) >= 20

    gone_person, gone_activities = a_person_with_activities_only(db_path, second)
    deliver_part_two_and_an_edit(ci_raw, first, second, frozenset(gone_activities))
    scores_before = person_scores(db_path)
    code, out, _ = lens(*build)
    assert code == 0, out
    incremental = signals_table(db_path)
    incremental_scores = person_scores(db_path)

    code, out, _ = lens(*build, "--full-refresh")
    assert code == 0, out
    full_refresh = signals_table(db_path)
    full_refresh_scores = person_scores(db_path)

    assert len(signal_ids(incremental)) == len(set(signal_ids(incremental)))
    delivered = set(pa.concat_tables([first, second]).column("id").to_pylist()) - gone_activities
    all_ids = {f"marketing_automation:{id_}" for id_ in delivered}
    assert all_ids <= set(signal_ids(incremental))
    assert len(incremental) > len(after_first)
    assert "Edited In Source" in {row for signal in incremental for row in signal}
    assert incremental == full_refresh

    # Scores: the same rows; a score may differ in its last bits (window sums add in another order).
    assert gone_person in {row[2] for row in scores_before}
    assert gone_person not in {row[2] for row in incremental_scores}, "a person whose signals are all gone"
    assert not {f"marketing_automation:{id_}" for id_ in gone_activities} & set(signal_ids(incremental))
    assert [row[:3] for row in incremental_scores] == [row[:3] for row in full_refresh_scores]
    assert [row[3] for row in incremental_scores] == pytest.approx([row[3] for row in full_refresh_scores])


@pytest.mark.postgres
def test_incremental_signals_equal_a_full_refresh_on_postgres(ci_raw, lens, monkeypatch, postgres):
    """The same days on Postgres, where the incremental models delete and insert in one transaction."""
    monkeypatch.setenv("DBT_INDIRECT_SELECTION", "empty")
    raw = ci_raw.parent / "postgres_raw"
    shutil.copytree(ci_raw, raw)
    first, second = split_activity_file(raw)
    load = ("load", "--target", "postgres", "--raw-dir", str(raw))
    build = ("build", "--target", "postgres", "--select", SELECT, "--quiet")
    signals = "select * from analytics_marts.signals order by signal_id"
    scores = (
        "select signal_id, person_type, person_id, score_after "
        "from analytics_intermediate.int_person_scores order by 1"
    )
    for command in (load, (*build, "--full-refresh")):
        code, out, _ = lens(*command)
        assert code == 0, out
    after_first = postgres(signals)

    deliver_part_two_and_an_edit(raw, first, second)
    for command in (load, build):
        code, out, _ = lens(*command)
        assert code == 0, out
    incremental, incremental_scores = postgres(signals), postgres(scores)
    code, out, _ = lens(*build, "--full-refresh")
    assert code == 0, out

    assert len(incremental) > len(after_first)
    assert "Edited In Source" in {value for signal in incremental for value in signal}
    assert incremental == postgres(signals)
    full_refresh_scores = postgres(scores)
    assert [row[:3] for row in incremental_scores] == [row[:3] for row in full_refresh_scores]
    assert [row[3] for row in incremental_scores] == pytest.approx([row[3] for row in full_refresh_scores])
