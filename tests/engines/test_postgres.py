"""make test-postgres: the ci dataset on a throwaway PostgreSQL cluster (Debian's `postgresql` package),
loaded with lens load, built with every dbt test, its marts and semantic layer compared with DuckDB's."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from engine_runs import (
    EngineBuild,
    build_on,
    compare_with_duckdb,
    semantic_answers_differ,
    served_answers_differ,
)

from decision_lens.engines.postgres_cluster import postgres_cluster

CONNECTION_ENV = (
    "DECISION_LENS_PG_HOST",
    "DECISION_LENS_PG_PORT",
    "DECISION_LENS_PG_USER",
    "DECISION_LENS_PG_DATABASE",
)

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def server():
    with postgres_cluster("decision_lens") as server, pytest.MonkeyPatch.context() as patch:
        for name, value in zip(
            CONNECTION_ENV, (server.host, server.port, server.user, server.database), strict=True
        ):
            patch.setenv(name, str(value))
        patch.setenv("DECISION_LENS_PG_PASSWORD", "")
        yield server


@pytest.fixture(scope="module")
def build(server, tmp_path_factory):
    result = build_on("postgres", tmp_path_factory.mktemp("postgres"))
    print(f"lens run --preset ci --target postgres: {result.seconds:.1f} s")
    return result, server


def marts_equal_duckdb(result: EngineBuild, server) -> list[str]:
    """The marts whose rows on Postgres differ from the DuckDB build's (empty when all are equal)."""
    import psycopg2

    with psycopg2.connect(host=server.host, port=server.port, user=server.user, dbname=server.database) as pg:

        def read(table: str, columns: Sequence[str]) -> list[tuple]:
            with pg.cursor() as cursor:
                cursor.execute(f"select {', '.join(columns)} from analytics_marts.{table}")
                return cursor.fetchall()

        results = compare_with_duckdb(result, read)
    assert results
    return [r.mart for r in results if not r.equal]


def test_every_model_and_test_passes(build):
    result, _ = build
    failed = [(r["unique_id"], r["status"]) for r in result.run_results() if r["status"] in ("error", "fail")]
    assert result.code == 0 and not failed, failed


def test_every_mart_equals_duckdb(build):
    assert marts_equal_duckdb(*build) == []


def test_semantic_layer_answers_as_on_duckdb(build):
    assert semantic_answers_differ(build[0]) == []


def test_serve_answers_as_on_duckdb(build):
    assert served_answers_differ(build[0]) == []


# Last in the file: the daily runs load other raw data into the same database.
@pytest.fixture(scope="module")
def daily_runs(server, tmp_path_factory):
    """Daily runs on Postgres: the ci data with two days held back, loaded and built; then the next day
    appended, loaded and built without --full-refresh; then a day of edits, deletions and late rows the
    same way. After each daily run, the marts against a DuckDB --full-refresh of the same raw files."""
    import datetime as dt

    from decision_lens.cli import main
    from decision_lens.generate.changes import append_changes
    from decision_lens.generate.held_back import append_day
    from decision_lens.project import Workspace

    folder = tmp_path_factory.mktemp("postgres_daily")
    raw = folder / "raw"
    assert main(["generate", "--preset", "ci", "--out", str(raw), "--hold-back-days", "2"]) == 0
    on_postgres = Workspace(
        raw_dir=raw, db_path=folder / "postgres" / "lens.duckdb", target="postgres", engine="postgres"
    )
    pg_build = ["build", "--raw-dir", str(raw), "--db", str(on_postgres.db_path), "--target", "postgres"]
    pg_build += ["--quiet", "--no-reports"]
    differing = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DBT_EXCLUDE_RESOURCE_TYPES", "unit_test")
        assert main(["load", "--target", "postgres", "--raw-dir", str(raw)]) == 0
        assert main([*pg_build, "--full-refresh"]) == 0
        day, _ = append_day(raw)
        for delivery, deliver in (
            ("new rows", lambda: None),
            ("edits, deletions and late rows", lambda: append_changes(raw, dt.date.fromisoformat(day))),
        ):
            deliver()
            assert main(["load", "--target", "postgres", "--raw-dir", str(raw)]) == 0
            assert main(pg_build) == 0, f"the daily run of {delivery} on Postgres"
            reference = Workspace(raw_dir=raw, db_path=folder / delivery.split()[0] / "lens.duckdb")
            reference_build = ["build", "--raw-dir", str(raw), "--db", str(reference.db_path)]
            assert main([*reference_build, "--full-refresh", "--quiet", "--no-reports"]) == 0
            compared = EngineBuild(reference, on_postgres, 0, 0.0)
            differing.append((delivery, marts_equal_duckdb(compared, server)))
    return differing


def test_daily_runs_on_postgres_equal_a_duckdb_full_refresh(daily_runs):
    assert [delivery for delivery, _ in daily_runs] == ["new rows", "edits, deletions and late rows"]
    assert all(not differing for _, differing in daily_runs), daily_runs
