"""make test-spark: the ci dataset in a local Spark session (PyPI's pyspark, Debian's OpenJDK 17), loaded with
lens load, built with every dbt test, its marts and semantic layer compared with DuckDB's."""

from __future__ import annotations

import shutil
from collections.abc import Sequence

import pytest
from engine_runs import ROOT, build_on, compare_with_duckdb, semantic_answers_differ, served_answers_differ

from decision_lens.project import SPARK_DIR_ENV

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    if shutil.which("java") is None:
        pytest.fail(
            "Java is not installed: Spark needs Java 17 (Debian: apt-get install openjdk-17-jre-headless)"
        )
    folder = tmp_path_factory.mktemp("spark")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(SPARK_DIR_ENV, str(folder / "spark"))
        result = build_on("spark", folder)
        print(f"lens run --preset ci --target spark: {result.seconds:.1f} s")
        yield result


def test_every_model_and_test_passes(build):
    failed = [(r["unique_id"], r["status"]) for r in build.run_results() if r["status"] in ("error", "fail")]
    assert build.code == 0 and not failed, failed


def test_every_mart_equals_duckdb(build):
    from decision_lens.semantic_warehouses import warehouse_client

    client = warehouse_client(ROOT, build.warehouse)

    def read(table: str, columns: Sequence[str]) -> list[tuple]:
        return client.fetch(f"select {', '.join(columns)} from analytics_marts.{table}")[1]

    try:
        results = compare_with_duckdb(build, read)
    finally:
        client.close()
    assert results and all(r.equal for r in results), [r.mart for r in results if not r.equal]


def test_semantic_layer_answers_as_on_duckdb(build):
    assert semantic_answers_differ(build) == []


def test_serve_answers_as_on_duckdb(build):
    assert served_answers_differ(build) == []
