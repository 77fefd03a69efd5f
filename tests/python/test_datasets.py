"""Generated datasets on disk: reuse when up to date, regenerate when settings change, never clobber."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from decision_lens.generate.datasets import dataset_matches, regenerate, render_report
from decision_lens.generate.manifest import MANIFEST, read_manifest, update_manifest, write_manifest


def test_a_dataset_is_reused_only_for_the_same_settings(tmp_path):
    report = regenerate("ci", 5, tmp_path, "parquet", None)
    assert dataset_matches(tmp_path, "ci", 5, None, "parquet")
    assert dataset_matches(tmp_path, "ci", 5, report.as_of, "parquet")
    assert not dataset_matches(tmp_path, "ci", 6, None, "parquet")
    assert not dataset_matches(tmp_path, "demo", 5, None, "parquet")
    assert not dataset_matches(tmp_path, "ci", 5, None, "csv")
    assert not dataset_matches(tmp_path, "ci", 5, dt.date(2020, 1, 1), "parquet")


def test_an_incomplete_dataset_is_not_reused(tmp_path):
    regenerate("ci", 5, tmp_path, "parquet", None)
    (tmp_path / "crm" / "contact.parquet").unlink()
    assert not dataset_matches(tmp_path, "ci", 5, None, "parquet")


def test_regenerating_in_another_format_leaves_no_stale_files(tmp_path):
    regenerate("ci", 5, tmp_path, "parquet", None)
    regenerate("ci", 5, tmp_path, "csv", None)
    assert not list(tmp_path.rglob("*.parquet"))
    assert (tmp_path / "crm" / "account.csv").is_file()


def test_a_folder_the_generator_did_not_write_is_never_cleared(tmp_path):
    mine = tmp_path / "crm" / "account.csv"
    mine.parent.mkdir()
    mine.write_text("id\n1\n")
    assert not dataset_matches(tmp_path, "ci", 5, None, "csv")
    from decision_lens.generate.datasets import clear_generated

    clear_generated(tmp_path)
    assert mine.read_text() == "id\n1\n"


def test_the_report_names_every_table_and_the_throughput(tmp_path):
    report = regenerate("ci", 5, tmp_path, "parquet", None)
    text = render_report(report)
    for key, rows in report.rows.items():
        assert key in text
        assert f"{rows:,}" in text
    assert "rows/s" in text


def test_a_dataset_from_other_generator_code_is_not_reused(tmp_path):
    regenerate("ci", 5, tmp_path, "parquet", None)
    manifest_path = tmp_path / "_generation.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["generator_fingerprint"] = "written-by-older-code"
    manifest_path.write_text(json.dumps(manifest))
    assert not dataset_matches(tmp_path, "ci", 5, None, "parquet")


def test_a_folder_without_a_manifest_has_none_and_it_is_never_written(tmp_path):
    """Missing is None, not an empty manifest: the folder is no generated dataset, and updating refuses."""
    assert read_manifest(tmp_path) is None
    with pytest.raises(FileNotFoundError, match="not a dataset lens generate wrote"):
        update_manifest(tmp_path, appended=["2026-10-30"])
    assert not (tmp_path / MANIFEST).exists()


def test_the_manifest_is_read_as_written_and_updated_key_by_key(tmp_path):
    write_manifest(tmp_path, {"preset": "ci", "appended": ["2026-10-29"]})
    after = update_manifest(tmp_path, appended=["2026-10-29", "2026-10-30"], held_back={"2026-10-30": 3})
    assert after == read_manifest(tmp_path) == json.loads((tmp_path / MANIFEST).read_text())
    assert after == {"preset": "ci", "appended": ["2026-10-29", "2026-10-30"], "held_back": {"2026-10-30": 3}}
