"""A daily run equals a full refresh on every table, day after day: a day of new rows (lens append-day), a day
of edits, deletions and late rows (decision_lens.generate.changes), and a day with nothing new. Each daily
run is a plain `lens build` with its data tests, as a team would schedule it; the reference is a
`--full-refresh` build of the same raw data into another database, compared table by table as `lens bench`
compares them (the run logs aside: they hold what one run changed)."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import duckdb
import pytest

from conftest import ROOT, build_without_unit_tests
from decision_lens.bench.incremental import compare_databases, run_log_tables
from decision_lens.generate.changes import append_changes
from decision_lens.generate.held_back import append_day
from decision_lens.project import Workspace


def changed_rows(db_path) -> dict[str, int]:
    with duckdb.connect(str(db_path), read_only=True) as connection:
        return dict(
            connection.execute(
                "select change_type, count(*) from main_intermediate.int_signal_changes group by 1"
            ).fetchall()
        )


@pytest.fixture(scope="module")
def days(tmp_path_factory):
    """Build, then three daily runs; the database after the day of changes, after the empty day, and the
    full refresh of the same raw data."""
    from decision_lens.cli import main

    root = tmp_path_factory.mktemp("daily_run")
    raw, daily = root / "raw", root / "daily" / "lens.duckdb"
    assert main(["generate", "--preset", "ci", "--out", str(raw), "--hold-back-days", "2"]) == 0
    build = ("--raw-dir", str(raw), "--db", str(daily), "--quiet", "--no-reports")
    assert build_without_unit_tests(*build, data_tests=False) == 0

    day, appended = append_day(raw)
    assert sum(appended.values()) > 0
    assert build_without_unit_tests(*build) == 0
    after_new_rows = changed_rows(daily)

    written = append_changes(raw, dt.date.fromisoformat(day))
    assert build_without_unit_tests(*build) == 0
    after_changes = changed_rows(daily)
    changes_db = root / "after_changes.duckdb"
    shutil.copy(daily, changes_db)

    assert build_without_unit_tests(*build) == 0
    after_nothing = changed_rows(daily)

    reference = root / "full_refresh" / "lens.duckdb"
    reference_build = ("--raw-dir", str(raw), "--db", str(reference), "--quiet", "--no-reports")
    assert build_without_unit_tests(*reference_build, "--full-refresh", data_tests=False) == 0
    logs = frozenset(run_log_tables(Workspace(raw_dir=raw, db_path=daily).target_dir))
    return {
        "logs": logs,
        "written": written,
        "changes": (after_new_rows, after_changes, after_nothing),
        "databases": (changes_db, daily, reference),
        "scratch": root,
    }


def test_each_day_changes_what_it_delivered(days):
    after_new_rows, after_changes, after_nothing = days["changes"]
    assert after_new_rows.get("inserted", 0) > 0 and "deleted" not in after_new_rows
    assert {"inserted", "replaced", "deleted"} <= set(after_changes), "late, edited and deleted rows"
    assert after_nothing == {}, "a day with no new rows changes no signal"
    assert all(rows > 0 for rows in days["written"].values())


def test_the_day_of_changes_equals_a_full_refresh(days):
    changes_db, _, reference = days["databases"]
    assert compare_databases(changes_db, reference, days["scratch"], days["logs"]) == []


def test_the_day_with_nothing_new_equals_a_full_refresh(days):
    _, daily, reference = days["databases"]
    assert compare_databases(daily, reference, days["scratch"], days["logs"]) == []
    assert {"main_intermediate.int_signal_changes", "main_intermediate.int_decision_unit_changes"} <= days[
        "logs"
    ]


def test_a_new_week_equals_a_full_refresh(days):
    """The as-of day moving into a new week refits the data-driven model: the daily run builds every journey
    again (the days before, in one week, built only the journeys their changes touched) and every table
    equals a full refresh as of the same day."""
    raw = days["scratch"] / "raw"
    changes_db, daily, _ = days["databases"]
    with duckdb.connect(str(changes_db), read_only=True) as connection:
        rebuilt, journeys = connection.execute(
            "select (select count(*) from main_intermediate.int_attribution_journey_changes), "
            "(select count(distinct journey_id) from main_intermediate.int_attribution_journeys)"
        ).fetchone()
    assert 0 < rebuilt < journeys, "the day of changes built only the journeys it touched"

    new_week = days["scratch"] / "new_week" / "lens.duckdb"
    new_week.parent.mkdir()
    shutil.copy(daily, new_week)
    as_of = ("--vars", "{as_of_date: '2026-11-03'}", "--quiet", "--no-reports")
    assert build_without_unit_tests("--raw-dir", str(raw), "--db", str(new_week), *as_of) == 0
    reference = days["scratch"] / "new_week_full_refresh" / "lens.duckdb"
    reference_build = ("--raw-dir", str(raw), "--db", str(reference), *as_of, "--full-refresh")
    assert build_without_unit_tests(*reference_build, data_tests=False) == 0
    with duckdb.connect(str(new_week), read_only=True) as connection:
        assert connection.execute(
            "select distinct fit_date from main_intermediate.int_attribution_journeys"
        ).fetchall() == [(dt.date(2026, 11, 1),)]
    assert compare_databases(new_week, reference, days["scratch"], days["logs"]) == []


def test_a_daily_build_tests_the_rows_it_wrote_and_dbt_test_every_row(days):
    """A stored signal and a credited touch the next daily run does not write are left out of that run's data
    tests (generic and singular), and so are the rows of keys it did not write from grain tests on those keys;
    `dbt test` on its own reads every row and finds both."""
    from decision_lens.project import run_dbt

    raw = days["scratch"] / "raw"
    _, daily, _ = days["databases"]
    copy = days["scratch"] / "tested_rows" / "lens.duckdb"
    copy.parent.mkdir()
    shutil.copy(daily, copy)
    with duckdb.connect(str(copy)) as connection:
        connection.execute(
            "update main_marts.signals set timing_unknown_reason = 'not_a_reason' "
            "where signal_id = (select min(signal_id) from main_marts.signals)"
        )
        # a credited touch after its closed opportunity's close, which nothing new makes the run credit again
        connection.execute(
            "update main_intermediate.int_attribution_touches_credited "
            "set touch_date = opportunity_closed_date + 1 "
            "where touch_id = (select min(touch_id) from main_intermediate.int_attribution_touches_credited "
            "where opportunity_closed_date < date '2026-01-01')"
        )
    build = ("--raw-dir", str(raw), "--db", str(copy), "--quiet", "--no-reports")
    assert build_without_unit_tests(*build) == 0, "the stored row was not written, so not tested"
    with duckdb.connect(str(copy), read_only=True) as connection:
        assert connection.execute("select is_daily_run from main_intermediate.int_run_kind").fetchall() == [
            (True,)
        ]
    workspace = Workspace(raw_dir=raw, db_path=copy)
    tests_read = {
        result["unique_id"].split(".")[2]: result["compiled_code"]
        for result in json.loads((workspace.target_dir / "run_results.json").read_text())["results"]
        if result["unique_id"].startswith("test.")
    }
    # a grain test whose columns hold the log's keys reads only those keys
    assert "int_signal_changes" in tests_read["unique_signals_signal_id"]
    credited = "unique_combination_of_columns_int_attribution_touches_credited_opportunity_id__touch_id"
    assert "int_attribution_changes" in tests_read[credited]
    # a base model's tests, and its staging view's, read the rows this dbt command wrote into it
    assert "dbt_invocation_id = '" in tests_read["not_null_base_crm__campaigns_raw_copies"]
    assert "dbt_invocation_id = '" in tests_read["unique_stg_marketing__activities_activity_id"]
    # but a grain the base's key is not part of (a hash of the normalized domain) is read whole
    assert "dbt_invocation_id" not in tests_read["unique_stg_intent__topic_scores_topic_score_id"]
    # a singular test of each row reads the run's rows through written_rows_this_run
    assert "int_attribution_changes" in tests_read["assert_attribution_credits_no_touch_after_close"]
    assert run_dbt(ROOT, workspace, ["test", "--select", "signals"], silent=True) != 0
    after_close = ["test", "--select", "assert_attribution_credits_no_touch_after_close"]
    assert run_dbt(ROOT, workspace, after_close, silent=True) != 0


def test_a_table_from_an_older_version_asks_for_a_full_refresh(days, capfd):
    """A stored table without a column the model now documents (built before an upgrade) stops the daily
    run with a message that says to rebuild with --full-refresh, not a database error."""
    raw = days["scratch"] / "raw"
    _, daily, _ = days["databases"]
    copy = days["scratch"] / "older_version" / "lens.duckdb"
    copy.parent.mkdir()
    shutil.copy(daily, copy)
    with duckdb.connect(str(copy)) as connection:
        connection.execute(
            "alter table main_intermediate.int_attribution_touches_credited drop column markov_state"
        )
        connection.execute("alter table main_staging.base_crm__users drop column dbt_invocation_id")
    capfd.readouterr()
    build = ("--raw-dir", str(raw), "--db", str(copy), "--quiet", "--no-reports")
    assert build_without_unit_tests(*build) != 0
    out, err = capfd.readouterr()
    assert "int_attribution_touches_credited was built by an older version of the project" in out + err
    assert "markov_state" in out + err and "--full-refresh" in out + err
    assert "base_crm__users was built by an older version of the project" in out + err


def test_a_raw_file_rewritten_in_place_is_read_whole(days):
    """A raw file rewritten under the same name (a re-export that left a contact out) makes its base model
    read its table whole on the next daily run, so the contact is gone, as a full refresh would have it;
    a base model whose files did not change reads only its new keys."""
    import pyarrow.parquet as pq

    raw = days["scratch"] / "raw"
    _, daily, _ = days["databases"]
    copy = days["scratch"] / "rewritten" / "lens.duckdb"
    copy.parent.mkdir()
    shutil.copy(daily, copy)
    contacts_file = raw / "crm" / "contact.parquet"
    contacts = pq.read_table(contacts_file)
    left_out = contacts.column("id")[0].as_py()
    pq.write_table(contacts.slice(1), contacts_file)
    build = ("--raw-dir", str(raw), "--db", str(copy), "--quiet", "--no-reports")
    assert build_without_unit_tests(*build) == 0
    with duckdb.connect(str(copy), read_only=True) as connection:
        assert connection.execute(
            "select count(*) from main_staging.base_crm__contacts where id = ?", [left_out]
        ).fetchall() == [(0,)]
    compiled = {
        result["unique_id"].split(".")[2]: result["compiled_code"]
        for result in json.loads(
            (Workspace(raw_dir=raw, db_path=copy).target_dir / "run_results.json").read_text()
        )["results"]
    }
    assert "recomputed_keys" not in compiled["base_crm__contacts"]
    assert "recomputed_keys" in compiled["base_crm__accounts"]
    # each base row names the dbt command that wrote it: the rewritten table's every row, and the tests of
    # the base model and its staging view read those rows
    run = json.loads((Workspace(raw_dir=raw, db_path=copy).target_dir / "run_results.json").read_text())
    invocation = run["metadata"]["invocation_id"]
    with duckdb.connect(str(copy), read_only=True) as connection:
        written, rows = connection.execute(
            "select count(*) filter (where dbt_invocation_id = ?), count(*) "
            "from main_staging.base_crm__contacts",
            [invocation],
        ).fetchone()
        assert written == rows > 0
        assert (
            connection.execute(
                "select count(*) from main_staging.base_crm__accounts where dbt_invocation_id = ?",
                [invocation],
            ).fetchone()[0]
            < connection.execute("select count(*) from main_staging.base_crm__accounts").fetchone()[0]
        )
    assert f"dbt_invocation_id = '{invocation}'" in compiled["not_null_base_crm__contacts_raw_copies"]
    assert f"dbt_invocation_id = '{invocation}'" in compiled["unique_stg_crm__contacts_contact_id"]
