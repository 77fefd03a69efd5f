"""The `lens` command line through its public interface: help, errors, and the generate verb."""

from __future__ import annotations

import json

import pytest


def test_help_lists_each_verb_with_its_purpose(lens, capfd):
    with pytest.raises(SystemExit) as exited:
        lens("--help")
    assert exited.value.code == 0
    text = capfd.readouterr().out
    for verb, purpose in (
        ("run", "build everything"),
        ("generate", "synthetic raw dataset"),
        ("build", "dbt build"),
        ("summary", "summary of the last build"),
        ("lint", "sqlfluff"),
        ("titles", "taxonomy row that decided"),
    ):
        line = next(line for line in text.splitlines() if line.strip().startswith(verb + " "))
        assert purpose in line, line


def test_build_on_a_missing_raw_directory_is_a_clear_error(lens, tmp_path):
    code, _, err = lens("build", "--raw-dir", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.duckdb"))
    assert code == 2
    assert "nowhere" in err
    assert "does not exist" in err


def test_generate_writes_every_table_and_a_manifest(lens, tmp_path):
    from decision_lens.raw_contract import TABLES

    code, out, _ = lens("generate", "--preset", "ci", "--seed", "3", "--out", str(tmp_path))
    assert code == 0
    for table in TABLES:
        assert (tmp_path / table.source / f"{table.name}.parquet").is_file(), table.key
    manifest = json.loads((tmp_path / "_generation.json").read_text())
    assert manifest["preset"] == "ci"
    assert manifest["seed"] == 3
    assert "rows" in out.lower()
