"""`lens load`: a raw folder into a warehouse's raw schemas, values exactly as the DuckDB build reads them.

The round trips need a server: `pytest -m postgres` starts a throwaway PostgreSQL (Debian's binaries),
`pytest -m spark` a local Spark session (Java 17, requirements-spark.lock). The plain `pytest` run leaves
them out (pyproject.toml); what it runs here needs neither: the errors, which come before any connection.
"""

from __future__ import annotations

import datetime as dt
import socket
import sys

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import ROOT
from decision_lens.raw_contract import BY_KEY
from decision_lens.raw_doctor import file_reader, table_files

ACCOUNT_NAMES = ["O'Brien Health", 'Line one\nline two, with a comma and "quotes"', "", None]
# at the US daylight-saving changes: a time that does not exist there, and one that exists twice
CREATED = [dt.datetime(2025, 3, 9, 2, 30, 0, 123456), dt.datetime(2024, 11, 3, 1, 30), None, None]
SYNCED = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def make_raw_dir(folder):
    """A Parquet table (odd strings, NULLs, timestamps, an extra Fivetran column, a contract column left
    out), a CSV table, a table in a file and a folder of parts, and crm.lead (a CSV to take away later)."""
    for source in ("crm", "marketing"):
        (folder / source).mkdir(parents=True)
    account = {
        "id": ["001A", "001B", "001C", "001D"],
        "name": ACCOUNT_NAMES,
        "number_of_employees": pa.array([120, None, 0, -1], pa.int64()),
        "annual_revenue": [1.5e6, 0.1 + 0.2, None, 2.5],
        "created_date": pa.array(CREATED, pa.timestamp("us")),
        "is_deleted": [False, None, True, False],
        "_fivetran_deleted": [False, False, True, False],
        "_fivetran_synced": pa.array([SYNCED] * 4, pa.timestamp("us", tz="UTC")),
    }
    pq.write_table(pa.table(account), folder / "crm" / "account.parquet")
    (folder / "crm" / "contact.csv").write_text(
        "id,account_id,first_name,email,created_date\n"
        "003A,001A,D'Arcy,,2025-03-03T23:30:00.000-0800\n"
        '003B,001B,"two\nlines, one comma",a@b.org,2025-01-01 00:00:00\n'
    )
    (folder / "crm" / "lead.csv").write_text("id,status\n00QA,Open\n")
    activity = {"id": ["a1"], "occurred_at": pa.array([dt.datetime(2025, 1, 1, 12)], pa.timestamp("us"))}
    pq.write_table(pa.table(activity), folder / "marketing" / "activity.parquet")
    (folder / "marketing" / "activity").mkdir()
    for part in (2, 3):
        pq.write_table(
            pa.table({**activity, "id": [f"a{part}"]}), folder / "marketing" / "activity" / f"{part}.parquet"
        )
    return folder


def as_read_by_duckdb(raw_dir, key):
    """A table's rows as the DuckDB build reads its files, ordered by id."""
    reader = file_reader(table_files(raw_dir, BY_KEY[key]))
    with duckdb.connect() as connection:
        return connection.sql(f"select * from {reader} order by id").fetchall()


def free_port() -> int:
    """A port nothing listens on (a connection to it is refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def nowhere(monkeypatch):
    """The postgres output pointed at a port where no server listens."""
    monkeypatch.setenv("DECISION_LENS_PG_HOST", "127.0.0.1")
    monkeypatch.setenv("DECISION_LENS_PG_PORT", str(free_port()))


# ---- Errors, before anything is loaded (no server needed) -------------------------------------------------


def test_every_problem_of_the_folder_is_reported_and_nothing_is_loaded(lens, tmp_path, nowhere):
    raw = make_raw_dir(tmp_path / "raw")
    (raw / "crm" / "contact.csv").write_text("id,first_name\n003A,Ann\n")  # no account_id
    (raw / "marketing" / "activity" / "2.parquet").write_bytes(b"not parquet")
    code, out, err = lens("load", "--target", "postgres", "--raw-dir", str(raw))
    assert code == 1
    assert "Nothing loaded: 2 problem(s)" in out
    assert "crm.contact: required column account_id is missing" in out
    assert "marketing.activity: cannot read" in out
    assert err == ""  # never connected: the server is not even there


def test_an_unknown_target_says_to_copy_the_output_from_the_example(lens, tmp_path):
    code, _, err = lens("load", "--target", "snowflake_prod", "--raw-dir", str(tmp_path))
    assert code == 2
    assert "has no output snowflake_prod (it has: duckdb, postgres, spark)" in err
    assert "profiles.example.yml" in err


def test_on_duckdb_there_is_nothing_to_load(lens, tmp_path):
    code, out, _ = lens("load", "--target", "duckdb", "--raw-dir", str(tmp_path))
    assert code == 0
    assert "reads the raw files directly" in out


def test_an_unreachable_server_is_a_clear_error(lens, tmp_path, nowhere):
    code, _, err = lens("load", "--target", "postgres", "--raw-dir", str(make_raw_dir(tmp_path / "raw")))
    assert code == 2
    assert "cannot connect to PostgreSQL postgres@127.0.0.1" in err
    assert "is the server running?" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("target", "missing", "says"),
    [
        ("postgres", "psycopg2", "pip install -r requirements.lock"),
        ("spark", "pyspark", "pip install -r requirements-spark.lock"),
        ("spark", "java", "apt-get install openjdk-17-jre-headless"),
    ],
)
def test_a_missing_driver_or_java_says_what_to_install(lens, tmp_path, monkeypatch, target, missing, says):
    if missing == "java":
        monkeypatch.delenv("JAVA_HOME", raising=False)
        monkeypatch.setenv("PATH", str(tmp_path))
    else:
        monkeypatch.setitem(sys.modules, missing, None)  # import fails as if not installed
    code, _, err = lens("load", "--target", target, "--raw-dir", str(tmp_path))
    assert code == 2
    assert says in err


def test_the_profile_is_rendered_as_dbt_renders_it(monkeypatch):
    from decision_lens.engines.profile import read_target

    monkeypatch.delenv("DECISION_LENS_PG_HOST", raising=False)
    monkeypatch.setenv("DECISION_LENS_PG_PORT", "6543")
    credentials = read_target(ROOT, "postgres", {}).credentials()
    assert (credentials.host, credentials.port, credentials.database) == ("localhost", 6543, "decision_lens")
    monkeypatch.setenv("DECISION_LENS_PG_DATABASE", "{{ not jinja")  # a value is not rendered twice
    assert read_target(ROOT, "postgres", {"unused": 1}).credentials().database == "{{ not jinja"


def test_a_throwaway_postgres_without_binaries_names_the_debian_package(tmp_path):
    from decision_lens.engines.postgres_cluster import server_binaries
    from decision_lens.project import LensError

    with pytest.raises(LensError, match="install the Debian package postgresql"):
        server_binaries(tmp_path)


# ---- Round trips: PostgreSQL (pytest -m postgres; fixture postgres in conftest.py) -------------------------


@pytest.mark.postgres
def test_postgres_holds_the_files_values_exactly(lens, tmp_path, postgres):
    raw = make_raw_dir(tmp_path / "raw")
    code, out, err = lens("load", "--target", "postgres", "--raw-dir", str(raw))
    assert (code, err) == (0, "")
    assert "raw_crm.account                                 4 rows    8 columns" in out
    assert "raw_marketing.activity                          3 rows    2 columns" in out  # file and parts
    for key in ("crm.account", "crm.contact", "marketing.activity"):
        assert postgres(f"select * from raw_{key} order by id") == as_read_by_duckdb(raw, key), key
    names, created = zip(*postgres("select name, created_date from raw_crm.account order by id"), strict=True)
    assert (list(names), list(created)) == (ACCOUNT_NAMES, CREATED)
    first_contact = (
        "D'Arcy",
        None,
        "2025-03-03T23:30:00.000-0800",
    )  # CSV: text as written, an empty cell null
    assert (
        postgres("select first_name, email, created_date from raw_crm.contact order by id")[0]
        == first_contact
    )
    types = dict(
        postgres(
            "select table_name || '.' || column_name, data_type from information_schema.columns "
            "where table_schema = 'raw_crm'"
        )
    )
    assert types["account.number_of_employees"] == "bigint"
    assert types["account.annual_revenue"] == "double precision"
    assert types["account.created_date"] == "timestamp without time zone"
    assert types["account._fivetran_synced"] == "timestamp with time zone"
    assert types["account.is_deleted"] == "boolean"
    assert "account.website" not in types  # the models read it as null
    assert {kind for name, kind in types.items() if name.startswith("contact.")} == {"text"}  # CSV: text


@pytest.mark.postgres
def test_postgres_raw_schemas_mirror_the_folder(lens, tmp_path, postgres):
    raw = make_raw_dir(tmp_path / "raw")
    assert lens("load", "--target", "postgres", "--raw-dir", str(raw))[0] == 0
    (raw / "crm" / "lead.csv").unlink()
    code, out, _ = lens("load", "--target", "postgres", "--raw-dir", str(raw))
    assert code == 0
    assert "raw_crm.lead                         dropped: no file, read as empty" in out
    assert postgres("select to_regclass('raw_crm.lead')") == [(None,)]
    code, out, _ = lens("load", "--target", "postgres", "--raw-dir", str(raw), "--vars", "{crm_schema: sfdc}")
    assert "sfdc.account" in out
    assert postgres("select count(*) from sfdc.account") == [(4,)]


# ---- Round trip: Spark (pytest -m spark) -------------------------------------------------------------------


def utc_naive(value):
    """A timestamp as its UTC wall time: Spark's timestamps are instants, the files' naive ones UTC."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


@pytest.mark.spark
def test_spark_holds_the_files_values_in_the_metastore_dbt_reads(lens, tmp_path, monkeypatch):
    from pyspark.sql import SparkSession

    from decision_lens.engines.profile import read_target

    monkeypatch.setenv("DECISION_LENS_SPARK_DIR", str(tmp_path / "spark"))
    monkeypatch.setenv("TZ", "America/Los_Angeles")  # the machine's zone must not matter
    raw = make_raw_dir(tmp_path / "raw")
    assert lens("load", "--target", "spark", "--raw-dir", str(raw))[0] == 0
    (raw / "crm" / "lead.csv").unlink()
    code, out, _ = lens("load", "--target", "spark", "--raw-dir", str(raw))
    assert code == 0
    assert "raw_crm.lead                         dropped: no file, read as empty" in out
    assert "raw_marketing.activity                          3 rows    2 columns" in out
    assert (tmp_path / "spark" / "warehouse" / "raw_crm.db" / "account").is_dir()  # DECISION_LENS_SPARK_DIR
    # read back through a session built as dbt-spark builds it, from the same profile output
    builder = SparkSession.builder.enableHiveSupport()
    for parameter, value in read_target(ROOT, "spark", {}).credentials().server_side_parameters.items():
        builder = builder.config(parameter, value)
    spark = builder.getOrCreate()
    try:
        assert not spark.catalog.tableExists("raw_crm.lead")
        for key in ("crm.account", "crm.contact", "marketing.activity"):
            loaded = spark.table(f"raw_{key}").orderBy("id").toArrow().to_pylist()
            assert [tuple(utc_naive(v) for v in row.values()) for row in loaded] == [
                tuple(utc_naive(v) for v in row) for row in as_read_by_duckdb(raw, key)
            ], key
        types = dict(spark.table("raw_crm.account").dtypes)
        assert (types["created_date"], types["number_of_employees"], types["name"]) == (
            "timestamp",
            "bigint",
            "string",
        )
        assert set(dict(spark.table("raw_crm.contact").dtypes).values()) == {"string"}
    finally:
        spark.stop()
