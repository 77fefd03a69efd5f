"""`lens export`: each saved query becomes a table in the `semantic` schema, equal to the query's answer, and
on request a Parquet file and a table of a DuckDB file that a BI tool's DuckDB 1.x opens."""

from __future__ import annotations

import json
import os
import subprocess

import duckdb
import pytest

from conftest import ROOT
from decision_lens.bi_files import BI_STORAGE_VERSION
from decision_lens.semantic import MetricQuery, SemanticLayer

SAVED_QUERIES = ["alignment_scorecard", "marketing_weekly", "sales_pipeline"]
# DuckDB 1.4, as BI tools bundle it: make test builds it from requirements-bi.lock and sets the variable, so
# that a missing one fails there rather than skips
BI_PYTHON = ROOT / ".venv-bi" / "bin" / "python"
BI_VENV_REQUIRED = "LENS_REQUIRE_BI_VENV"


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


def docs_bi_section() -> str:
    page = (ROOT / "docs" / "exporting.md").read_text()
    return page[page.index("## Tables for BI tools") : page.index("## The metric dictionary")]


def docs_bi_example() -> str:
    """The SQL the BI walk-through (docs/exporting.md) tells a user to run against the exported tables."""
    return docs_bi_section().split("```sql", 1)[1].split("```", 1)[0]


def docs_bi_export_command() -> list[str]:
    """The `lens export` command docs/exporting.md gives for BI tools with an older DuckDB."""
    return docs_bi_section().split("```sh", 1)[1].split("```", 1)[0].split()


def test_the_docs_bi_example_reads_the_exported_tables_read_only(lens, small_build_copy):
    assert lens("export", "--db", str(small_build_copy.db_path))[0] == 0
    with duckdb.connect(str(small_build_copy.db_path), read_only=True) as connection:  # as a BI tool connects
        cursor = connection.execute(docs_bi_example())
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
        (latest,) = connection.execute(
            "select max(metric_time__month) from semantic.alignment_scorecard"
        ).fetchone()
    assert columns[0] == "metric_time__month" and len(columns) == 5
    assert rows and rows[0][0] == latest


# Run by DuckDB 1.4 (argv: the --bi-db file, the --parquet folder, docs/exporting.md's example SQL): every
# table of the file opened read-only, every Parquet file, and the documented query on the file, as JSON
READ_WITH_DUCKDB_1 = """
import json, pathlib, sys
import duckdb

bi_db, parquet_dir, readme_sql = sys.argv[1:]

def read(connection, sql):
    cursor = connection.execute(sql)
    return {"columns": [column[0] for column in cursor.description], "rows": cursor.fetchall()}

with duckdb.connect(bi_db, read_only=True) as connection:
    names = connection.execute(
        "select table_name from information_schema.tables where table_schema = 'semantic' order by 1"
    ).fetchall()
    tables = {name: read(connection, f"from semantic.{name} order by all") for (name,) in names}
    readme = read(connection, readme_sql)
with duckdb.connect() as connection:
    files = sorted(pathlib.Path(parquet_dir).glob("*.parquet"))
    parquet = {path.stem: read(connection, f"from '{path}' order by all") for path in files}
answer = {"version": duckdb.__version__, "tables": tables, "parquet": parquet, "readme": readme}
print(json.dumps(answer, default=str))
"""


def bi_python() -> str:
    """DuckDB 1.4's Python; a skip outside make test without it, a failure in make test."""
    if not BI_PYTHON.exists():
        reason = f"{BI_PYTHON.relative_to(ROOT)} (DuckDB 1.4) is missing: make test prepares it"
        if os.environ.get(BI_VENV_REQUIRED):
            pytest.fail(reason)
        pytest.skip(reason)
    return str(BI_PYTHON)


def as_json(value):
    """value as the DuckDB 1.4 script's JSON gives it back (dates as text, tuples as lists)."""
    return json.loads(json.dumps(value, default=str))


def test_a_duckdb_1_client_reads_the_bi_database_and_the_parquet_files(lens, small_build_copy, tmp_path):
    python = bi_python()
    command = docs_bi_export_command()  # docs/exporting.md's, its demo folder moved to tmp_path
    assert command[:2] == ["lens", "export"]
    bi_db, parquet_dir = tmp_path / "bi" / "decision_lens_bi.duckdb", tmp_path / "bi" / "parquet"
    parquet_dir.mkdir(parents=True)
    (parquet_dir / "sales_pipeline.parquet").write_text("an older export")
    (parquet_dir / "sales_pipeline.parquet.tmp").write_text("half of a file")  # a stopped export's
    db = str(small_build_copy.db_path)
    code, out, err = lens(*[word.replace("data/demo/", f"{tmp_path}/") for word in command[1:]], "--db", db)
    assert code == 0, err
    assert f"wrote {bi_db}: the tables above, in DuckDB's {BI_STORAGE_VERSION} storage format" in out
    written = sorted(path.name for path in parquet_dir.iterdir())
    assert written == [f"{name}.parquet" for name in SAVED_QUERIES]  # the older file and the half one gone
    assert sorted(path.name for path in bi_db.parent.iterdir()) == [bi_db.name, "parquet"]  # no temporary one

    run = subprocess.run(
        [python, "-c", READ_WITH_DUCKDB_1, str(bi_db), str(parquet_dir), docs_bi_example()],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    read = json.loads(run.stdout)
    assert read["version"].startswith("1.4.")
    with duckdb.connect(db, read_only=True) as connection:
        expected = {}
        for name in SAVED_QUERIES:
            cursor = connection.execute(f"from semantic.{name} order by all")
            columns = [column[0] for column in cursor.description]
            expected[name] = {"columns": columns, "rows": cursor.fetchall()}
        readme_rows = connection.execute(docs_bi_example()).fetchall()
    expected = as_json(expected)
    assert all(table["rows"] for table in expected.values())
    assert read["tables"] == expected
    assert read["parquet"] == expected
    assert read["readme"]["rows"] == as_json(readme_rows)


def test_export_to_an_unknown_storage_version_is_a_clear_error(lens, small_build_copy, tmp_path):
    for version in ("v9.9.9", "1.0; drop table x"):
        bi_db = tmp_path / "bi.duckdb"
        args = ("--bi-db", str(bi_db), "--storage-version", version)
        code, _, err = lens("export", "--db", str(small_build_copy.db_path), *args)
        assert code == 2
        assert f"Unknown storage version {version!r}" in err and BI_STORAGE_VERSION in err
        assert not bi_db.exists()


@pytest.mark.parametrize("option", ["--parquet", "--bi-db"])
def test_export_to_a_folder_that_cannot_be_written_is_a_clear_error(lens, small_build_copy, tmp_path, option):
    a_file = tmp_path / "a_file"
    a_file.write_text("")
    code, _, err = lens("export", "--db", str(small_build_copy.db_path), option, str(a_file / "out" / "x"))
    assert code == 2
    assert err.startswith("lens: error: Cannot write ") and "Not a directory" in err, err
