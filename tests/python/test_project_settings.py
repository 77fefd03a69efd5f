"""The settings lens passes to dbt and DuckDB: dbt threads by raw-data size unless set, the memory limit."""

from __future__ import annotations

from decision_lens.project import (
    DEFAULT_MEMORY_LIMIT,
    MEMORY_LIMIT_ENV,
    ONE_THREAD_FROM_RAW_BYTES,
    THREADS_ENV,
    Workspace,
    dbt_environment,
    duckdb_settings,
    project_root,
)


def _workspace(tmp_path, raw_bytes: int) -> Workspace:
    raw = tmp_path / "raw" / "marketing"
    raw.mkdir(parents=True)
    with open(raw / "activity.parquet", "wb") as file:
        file.truncate(raw_bytes)
    return Workspace(raw_dir=tmp_path / "raw", db_path=tmp_path / "lens.duckdb")


def test_small_raw_data_builds_with_two_dbt_threads_and_large_with_one(tmp_path, monkeypatch):
    monkeypatch.delenv(THREADS_ENV, raising=False)
    small = _workspace(tmp_path / "small", ONE_THREAD_FROM_RAW_BYTES - 1)
    large = _workspace(tmp_path / "large", ONE_THREAD_FROM_RAW_BYTES)
    assert dbt_environment(project_root(), small)[THREADS_ENV] == "2"
    assert dbt_environment(project_root(), large)[THREADS_ENV] == "1"
    missing = Workspace(raw_dir=tmp_path / "nowhere", db_path=tmp_path / "x.duckdb")
    assert dbt_environment(project_root(), missing)[THREADS_ENV] == "2"


def test_threads_and_memory_limit_set_by_the_user_win(tmp_path, monkeypatch):
    monkeypatch.setenv(THREADS_ENV, "4")
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "3GB")
    large = _workspace(tmp_path, ONE_THREAD_FROM_RAW_BYTES)
    assert dbt_environment(project_root(), large)[THREADS_ENV] == "4"
    assert dbt_environment(project_root(), large)[MEMORY_LIMIT_ENV] == "3GB"
    assert duckdb_settings() == {"memory_limit": "3GB"}


def test_one_default_memory_limit_for_dbt_duckdb_and_the_profile(tmp_path, monkeypatch):
    monkeypatch.delenv(MEMORY_LIMIT_ENV, raising=False)
    workspace = _workspace(tmp_path, 1)
    assert dbt_environment(project_root(), workspace)[MEMORY_LIMIT_ENV] == DEFAULT_MEMORY_LIMIT
    assert duckdb_settings() == {"memory_limit": DEFAULT_MEMORY_LIMIT}
    profile = (project_root() / "profiles.example.yml").read_text()
    assert f"env_var('{MEMORY_LIMIT_ENV}', '{DEFAULT_MEMORY_LIMIT}')" in profile


def test_dbt_logs_node_results_to_its_file_unless_the_user_asks_for_statements(tmp_path, monkeypatch):
    workspace = _workspace(tmp_path, 1)
    monkeypatch.delenv("DBT_LOG_LEVEL_FILE", raising=False)
    assert dbt_environment(project_root(), workspace)["DBT_LOG_LEVEL_FILE"] == "info"
    monkeypatch.setenv("DBT_LOG_LEVEL_FILE", "debug")
    assert dbt_environment(project_root(), workspace)["DBT_LOG_LEVEL_FILE"] == "debug"
