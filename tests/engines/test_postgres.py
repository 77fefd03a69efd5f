"""make test-postgres: the ci dataset on a throwaway PostgreSQL cluster (Debian's `postgresql` package),
loaded with lens load, built with every dbt test, its marts and semantic layer compared with DuckDB's."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from engine_runs import build_on, compare_with_duckdb, semantic_answers_differ, served_answers_differ

from decision_lens.engines.postgres_cluster import postgres_cluster

CONNECTION_ENV = (
    "DECISION_LENS_PG_HOST",
    "DECISION_LENS_PG_PORT",
    "DECISION_LENS_PG_USER",
    "DECISION_LENS_PG_DATABASE",
)

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    with postgres_cluster("decision_lens") as server, pytest.MonkeyPatch.context() as patch:
        for name, value in zip(
            CONNECTION_ENV, (server.host, server.port, server.user, server.database), strict=True
        ):
            patch.setenv(name, str(value))
        patch.setenv("DECISION_LENS_PG_PASSWORD", "")
        result = build_on("postgres", tmp_path_factory.mktemp("postgres"))
        print(f"lens run --preset ci --target postgres: {result.seconds:.1f} s")
        yield result, server


def test_every_model_and_test_passes(build):
    result, _ = build
    failed = [(r["unique_id"], r["status"]) for r in result.run_results() if r["status"] in ("error", "fail")]
    assert result.code == 0 and not failed, failed


def test_every_mart_equals_duckdb(build):
    import psycopg2

    result, server = build
    with psycopg2.connect(host=server.host, port=server.port, user=server.user, dbname=server.database) as pg:

        def read(table: str, columns: Sequence[str]) -> list[tuple]:
            with pg.cursor() as cursor:
                cursor.execute(f"select {', '.join(columns)} from analytics_marts.{table}")
                return cursor.fetchall()

        results = compare_with_duckdb(result, read)
    assert results and all(r.equal for r in results), [r.mart for r in results if not r.equal]


def test_semantic_layer_answers_as_on_duckdb(build):
    assert semantic_answers_differ(build[0]) == []


def test_serve_answers_as_on_duckdb(build):
    assert served_answers_differ(build[0]) == []
