"""`--target`: the lens verbs on a warehouse output of profiles.yml, as far as they go without a server (the
engine runs, make test-postgres and make test-spark, build and query on real ones)."""

from __future__ import annotations

from pathlib import Path

from decision_lens.project import Workspace
from decision_lens.semantic import MANIFEST_FILE, load_manifest


def test_each_target_keeps_its_own_artifacts_beside_the_dataset(tmp_path):
    duckdb_space = Workspace(raw_dir=tmp_path / "raw", db_path=tmp_path / "lens.duckdb")
    postgres = Workspace(
        raw_dir=tmp_path / "raw", db_path=tmp_path / "lens.duckdb", target="pg", engine="postgres"
    )
    assert duckdb_space.target_dir == tmp_path / "target"
    assert postgres.target_dir == tmp_path / "target-pg"
    assert (duckdb_space.is_duckdb, postgres.is_duckdb) == (True, False)
    assert postgres.where == "postgres (profiles.yml output pg)"


def test_verbs_that_read_the_duckdb_file_say_what_to_use_on_a_warehouse(lens):
    for verb in ("check", "titles"):
        code, _, err = lens(verb, "--preset", "ci", "--target", "postgres")
        assert code == 2
        assert f"lens {verb} reads the DuckDB build" in err
        assert "lens build --target postgres" in err


def test_an_unknown_target_names_the_outputs_to_copy(lens):
    code, _, err = lens("build", "--preset", "ci", "--target", "nowhere")
    assert code == 2
    assert "has no output nowhere" in err and "profiles.example.yml" in err


def test_relations_are_quoted_for_the_engine(parsed_project: Path):
    for quote in ('"', "`"):
        manifest = load_manifest(parsed_project / MANIFEST_FILE, quote)
        relations = {model.node_relation.relation_name for model in manifest.semantic_models}
        assert f"{quote}main_marts{quote}.{quote}signals{quote}" in relations
        assert all(name.count(quote) == 4 for name in relations)
