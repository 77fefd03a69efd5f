"""`lens export`: each saved query becomes a table in the `semantic` schema, equal to the query's answer."""

from __future__ import annotations

import duckdb

from conftest import ROOT
from decision_lens.semantic import MetricQuery, SemanticLayer

SAVED_QUERIES = ["alignment_scorecard", "marketing_weekly", "sales_pipeline"]


def exported_tables(db_path) -> list[str]:
    with duckdb.connect(str(db_path), read_only=True) as connection:
        rows = connection.execute(
            "select table_name from information_schema.tables where table_schema = 'semantic' order by 1"
        ).fetchall()
    return [row[0] for row in rows]


def test_export_writes_each_saved_query_as_a_table_equal_to_the_query(lens, small_build_copy):
    code, out, err = lens("export", "--db", str(small_build_copy.db_path))
    assert code == 0, err
    assert exported_tables(small_build_copy.db_path) == SAVED_QUERIES
    for name in SAVED_QUERIES:
        assert f"semantic.{name}" in out
        with SemanticLayer.for_workspace(small_build_copy) as layer:
            answered = layer.query(MetricQuery(saved_query=name))
        with duckdb.connect(str(small_build_copy.db_path), read_only=True) as connection:
            cursor = connection.execute(f"select * from semantic.{name}")
            columns = [column[0] for column in cursor.description]
            rows = cursor.fetchall()
        assert columns == answered.columns
        assert sorted(rows, key=repr) == sorted(answered.rows, key=repr)
        assert rows, name


def test_export_again_replaces_the_tables(lens, small_build_copy):
    assert lens("export", "--db", str(small_build_copy.db_path))[0] == 0
    assert lens("export", "--db", str(small_build_copy.db_path))[0] == 0
    assert exported_tables(small_build_copy.db_path) == SAVED_QUERIES


def test_export_without_a_build_is_a_clear_error(lens, tmp_path):
    code, _, err = lens("export", "--db", str(tmp_path / "missing.duckdb"))
    assert code == 2
    assert "lens build" in err


def readme_bi_example() -> str:
    """The SQL the README's BI walk-through tells a user to run against the exported tables."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Tables for BI tools") : readme.index("### The metric dictionary")]
    return section.split("```sql", 1)[1].split("```", 1)[0]


def test_the_readme_bi_example_reads_the_exported_tables_read_only(lens, small_build_copy):
    assert lens("export", "--db", str(small_build_copy.db_path))[0] == 0
    with duckdb.connect(str(small_build_copy.db_path), read_only=True) as connection:  # as a BI tool connects
        cursor = connection.execute(readme_bi_example())
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
        (latest,) = connection.execute(
            "select max(metric_time__month) from semantic.alignment_scorecard"
        ).fetchone()
    assert columns[0] == "metric_time__month" and len(columns) == 5
    assert rows and rows[0][0] == latest
