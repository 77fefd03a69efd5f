"""`lens query`: semantic-layer metrics through the public command line, checked against SQL on the marts.

The project is built once for this module on the hand-written raw dataset; every query opens that database
read-only, so the tests also show that a query never needs (or takes) the write lock.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys

import duckdb
import pytest

from conftest import ATTRIBUTION_BYPASSES, DEFAULT_ATTRIBUTION_MODEL, credit_by_model

MONTHLY_PIPELINE = ("--metrics", "pipeline_created", "--group-by", "metric_time__month")


@pytest.fixture
def db(small_build):
    """The project built on the hand-written CSV files (conftest); its semantic manifest: <dir>/target."""
    return small_build.db_path


@pytest.fixture
def query(lens, db):
    """`lens query --db <built db> ...`; returns (exit code, stdout, stderr)."""
    return lambda *args: lens("query", "--db", str(db), *args)


def sql(db, statement: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(statement).fetchall()


def json_rows(query, *args: str) -> list[dict]:
    code, out, err = query(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def by_month(rows: list[dict], metric: str) -> dict[str, float]:
    """Metric values by month, without the rows MetricFlow adds for other metrics' months or null dates."""
    return {
        row["metric_time__month"]: pytest.approx(float(row[metric]))
        for row in rows
        if row[metric] is not None and row["metric_time__month"] is not None
    }


def test_pipeline_created_by_month_equals_the_sum_of_amounts_by_creation_month(query, db):
    expected = sql(
        db,
        "select strftime(date_trunc('month', created_date), '%Y-%m-%d'), sum(amount)::double "
        "from main_marts.opportunities group by 1",
    )
    assert expected, "the fixture must have opportunities"
    assert by_month(json_rows(query, *MONTHLY_PIPELINE), "pipeline_created") == dict(expected)


def test_a_date_part_groups_by_the_month_of_the_year(query, db):
    """metric_time__extract_month (MetricFlow's name for the column) is the months of every year together."""
    expected = sql(
        db,
        "select month(created_date), sum(amount)::double from main_marts.opportunities "
        "where created_date is not null group by 1 order by 1 desc",
    )
    assert len(expected) > 1, "the fixture must have pipeline in several months"
    rows = json_rows(
        query, "--metrics", "pipeline_created", "--group-by", "metric_time__extract_month",
        "--order", "-metric_time__extract_month",
    )  # fmt: skip
    got = [(row["metric_time__extract_month"], row["pipeline_created"]) for row in rows]
    assert got == [(month, pytest.approx(amount)) for month, amount in expected]


def test_win_rate_by_month_equals_won_over_closed_by_closing_month(query, db):
    expected = sql(
        db,
        "select strftime(date_trunc('month', closed_date), '%Y-%m-%d'), "
        "sum(is_won::int)::double / sum(is_closed::int) "
        "from main_marts.opportunities where is_closed group by 1",
    )
    assert {rate for _, rate in expected} >= {0.0, 1.0}, "the fixture must have a won and a lost month"
    rows = json_rows(query, "--metrics", "win_rate", "--group-by", "metric_time__month")
    assert by_month(rows, "win_rate") == dict(expected)


def test_a_where_filter_on_a_joined_dimension_keeps_only_matching_rows(query, db):
    expected = sql(
        db,
        "select sum(o.amount)::double from main_marts.opportunities as o "
        "join main_marts.decision_units as u using (decision_unit_id) where u.region = 'Midwest'",
    )[0][0]
    total = sql(db, "select sum(amount)::double from main_marts.opportunities")[0][0]
    assert 0 < expected < total, "the fixture must have pipeline inside and outside the region"
    where = "{{ Dimension('decision_unit__region') }} = 'Midwest'"
    rows = json_rows(query, "--metrics", "pipeline_created", "--where", where)
    assert rows == [{"pipeline_created": pytest.approx(expected)}]


def test_order_limit_and_time_range_apply(query):
    first, *later = sorted(by_month(json_rows(query, *MONTHLY_PIPELINE), "pipeline_created"))
    assert later, "the fixture must have pipeline in two months"
    from_second = by_month(json_rows(query, *MONTHLY_PIPELINE, "--start", later[0]), "pipeline_created")
    assert sorted(from_second) == later
    up_to_first = by_month(json_rows(query, *MONTHLY_PIPELINE, "--end", first), "pipeline_created")
    assert sorted(up_to_first) == [first]
    latest = json_rows(query, *MONTHLY_PIPELINE, "--order", "-metric_time__month", "--limit", "1")
    assert [row["metric_time__month"] for row in latest] == [later[-1]]


def test_a_saved_query_runs_with_its_metrics_as_columns(query):
    rows = json_rows(query, "--saved-query", "sales_pipeline")
    assert rows
    assert {"metric_time__month", "pipeline_created", "win_rate", "cumulative_pipeline"} <= set(rows[0])


def test_csv_and_table_carry_the_same_figures_as_json(query):
    records = json_rows(query, *MONTHLY_PIPELINE, "--order", "metric_time__month")
    code, out, _ = query(*MONTHLY_PIPELINE, "--order", "metric_time__month", "--format", "csv")
    assert code == 0
    parsed = list(csv.DictReader(io.StringIO(out)))
    assert [row["metric_time__month"] for row in parsed] == [row["metric_time__month"] for row in records]
    assert [float(row["pipeline_created"] or "nan") for row in parsed] == pytest.approx(
        [float("nan") if row["pipeline_created"] is None else row["pipeline_created"] for row in records],
        nan_ok=True,
    )
    code, out, _ = query(*MONTHLY_PIPELINE)
    assert code == 0
    assert out.splitlines()[0].split() == ["metric_time__month", "pipeline_created"]
    assert f"({len(records)} rows)" in out


def test_explain_prints_the_sql_without_needing_the_database(lens, db, tmp_path):
    """Only the manifest is read: the SQL can be inspected while the database is missing or being rebuilt."""
    (tmp_path / "target").mkdir()
    shutil.copy(db.parent / "target" / "semantic_manifest.json", tmp_path / "target")
    absent = tmp_path / "absent.duckdb"
    code, out, err = lens("query", "--db", str(absent), *MONTHLY_PIPELINE, "--explain")
    assert code == 0, err
    assert "SELECT" in out
    assert '"main_marts"."opportunities"' in out
    assert not absent.exists()
    code, _, err = lens("query", "--db", str(absent), *MONTHLY_PIPELINE)
    assert code == 2
    assert "does not exist" in err


def test_shared_reads_are_not_common_table_expressions(query):
    """DuckDB materializes a CTE read more than once; the scorecard's weekly rows are cheaper read again."""
    code, out, err = query("--saved-query", "alignment_scorecard", "--explain")
    assert code == 0, err
    assert out.count('"main_marts"."decision_unit_weeks"') >= 2
    assert not re.search(r"^WITH\b", out, flags=re.MULTILINE)


def test_an_unknown_metric_is_a_clear_error_with_suggestions(query):
    code, out, err = query("--metrics", "pipeline_createdd", "--group-by", "metric_time__month")
    assert code == 2
    assert out == ""
    assert err.startswith("lens: error:")
    assert "pipeline_createdd" in err
    assert "'pipeline_created'" in err  # MetricFlow's suggestion survives
    assert "Traceback" not in err


def test_an_unknown_dimension_names_the_dimension(query):
    code, _, err = query("--metrics", "pipeline_created", "--group-by", "decision_unit__regio")
    assert code == 2
    assert "decision_unit__regio" in err
    assert "decision_unit__region" in err


def test_a_where_filter_that_is_not_valid_jinja_gives_the_cause_not_a_traceback(query):
    code, _, err = query(
        "--metrics", "pipeline_created", "--where", "{{ Dimension('decision_unit__region' }}"
    )
    assert code == 2
    assert "TemplateSyntaxError" in err
    assert "Traceback" not in err


def test_a_missing_semantic_manifest_says_to_build(lens, tmp_path):
    code, _, err = lens("query", "--db", str(tmp_path / "lens.duckdb"), *MONTHLY_PIPELINE)
    assert code == 2
    assert "lens build" in err


def test_queries_never_write_the_database(query, db):
    """A second process reads the file meanwhile (a writer could not), and the file stays byte for byte."""
    before = db.read_bytes()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys; c = duckdb.connect({str(db)!r}, read_only=True); "
            "print('open', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(duckdb.IOException):  # the guard: a write connection is refused meanwhile
            duckdb.connect(str(db)).close()
        code, _, err = query("--saved-query", "alignment_scorecard", "--format", "json")
        assert code == 0, err
    finally:
        holder.communicate("")
    assert db.read_bytes() == before


@pytest.mark.parametrize("bypass", ATTRIBUTION_BYPASSES.values(), ids=ATTRIBUTION_BYPASSES.keys())
def test_attribution_credits_the_pipeline_once_whatever_the_query(query, db, bypass):
    args = ["--metrics", "attributed_pipeline"]
    args += ["--group-by", ",".join(bypass["group_by"])] if "group_by" in bypass else []
    for where in bypass.get("where", ()):
        args += ["--where", where]
    credited = sum(float(row["attributed_pipeline"] or 0) for row in json_rows(query, *args))
    assert credited == pytest.approx(credit_by_model(db)[DEFAULT_ATTRIBUTION_MODEL])
