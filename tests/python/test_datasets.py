"""Generated datasets on disk: reuse when up to date, regenerate when settings change, never clobber."""

from __future__ import annotations

import datetime as dt

from decision_lens.datasets import dataset_matches, regenerate, render_report


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
    from decision_lens.datasets import clear_generated

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
    import json

    regenerate("ci", 5, tmp_path, "parquet", None)
    manifest_path = tmp_path / "_generation.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["generator_fingerprint"] = "written-by-older-code"
    manifest_path.write_text(json.dumps(manifest))
    assert not dataset_matches(tmp_path, "ci", 5, None, "parquet")
