"""`lens titles` shows each distinct title, how many people carry it, its layer and the role_taxonomy row that
decided it; --unclassified only the titles no row matched; --refresh makes a seed edit visible without a
whole rebuild. The build summary lists the most frequent titles no row matched.

On the hand-written dataset every (title, department) pair is carried by one person, and "Guest Experience
Ambassador" matches no row.
"""

from __future__ import annotations

import shutil

import duckdb
import pytest

from conftest import RAW_SMALL, ROOT
from decision_lens.cli import main

UNMATCHED = "Guest Experience Ambassador"


def data_lines(out: str) -> list[str]:
    """The table rows of `lens titles` output: after the header line and the dashes."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("------"))
    return lines[start + 1 :]


@pytest.fixture
def titles(lens, small_build):
    def run(*args: str) -> tuple[int, str, str]:
        return lens("titles", "--db", str(small_build.db_path), "--raw-dir", str(RAW_SMALL), *args)

    return run


def test_titles_shows_each_title_with_its_people_layer_and_deciding_row(titles):
    code, out, _ = titles()
    assert code == 0
    rows = data_lines(out)
    assert len(rows) == 28  # every pair of the dataset, blank titles included
    (cfo,) = [row for row in rows if "Chief Financial Officer" in row]
    assert cfo.split()[:3] == ["1", "1", "0"]
    for expected in ("chief financial officer", "financial_owner", "131", "% chief financial %", "CFO"):
        assert expected in cfo
    (nurse_manager,) = [row for row in rows if "Nurse Manager, Med-Surg" in row]
    assert "nurse manager med surg" in nurse_manager and "influencer" in nurse_manager
    (ambassador,) = [row for row in rows if UNMATCHED in row]
    assert "unclassified" in ambassador


def test_titles_unclassified_lists_only_the_titles_no_row_matched(titles):
    code, out, _ = titles("--unclassified")
    assert code == 0
    assert "no role_taxonomy row matched" in out
    rows = data_lines(out)
    assert any(UNMATCHED in row for row in rows)
    assert not any("Chief Financial Officer" in row or "Registered Nurse" in row for row in rows)


def test_titles_come_most_people_first_and_limit_keeps_the_most_frequent(lens, small_build_copy):
    """Two more contacts carry Hospitalist / Medicine and one more lead Staff Pharmacist (written into the
    people tables of a copy), so those pairs come first."""
    with duckdb.connect(str(small_build_copy.db_path)) as connection:
        connection.execute(
            "insert into main_intermediate.int_contacts_classified by name "
            "select contacts.* replace (ids.id as contact_id) "
            "from main_intermediate.int_contacts_classified as contacts, "
            "(values ('copy1'), ('copy2')) as ids (id) "
            "where contacts.title = 'Hospitalist'"
        )
        connection.execute(
            "insert into main_intermediate.int_leads_classified by name "
            "select * replace ('copy3' as lead_id) from main_intermediate.int_leads_classified "
            "where title = 'Staff Pharmacist'"
        )
    code, out, _ = lens("titles", "--db", str(small_build_copy.db_path), "--limit", "2")
    assert code == 0
    first, second = data_lines(out)
    assert first.split()[:4] == ["3", "3", "0", "Hospitalist"]
    assert second.split()[:5] == ["2", "0", "2", "Staff", "Pharmacist"]


def test_titles_without_a_database_is_a_clear_error(lens, tmp_path):
    code, _, err = lens("titles", "--db", str(tmp_path / "none.duckdb"))
    assert code == 2
    assert "run `lens build`" in err


def test_titles_limit_below_one_is_a_clear_error(titles):
    code, _, err = titles("--limit", "0")
    assert code == 2
    assert "--limit must be at least 1" in err


def test_build_summary_lists_the_most_frequent_unmatched_titles(lens, small_build):
    code, out, _ = lens("summary", "--db", str(small_build.db_path), "--raw-dir", str(RAW_SMALL))
    assert code == 0
    heading = "Most frequent titles no role_taxonomy row matched"
    listed = out.split(heading)[1].splitlines()[1:]
    assert any(UNMATCHED in line and line.split()[0] == "1" for line in listed)
    assert not any("Registered Nurse" in line for line in listed)


def test_titles_refresh_shows_a_seed_edit_before_the_next_build(
    small_build_copy, tmp_path, monkeypatch, capfd
):
    """A copy of the project whose role_taxonomy gains a row for ambassadors: --refresh rebuilds the seeds
    and int_titles_classified in the built database, and the title is no longer one to classify."""
    project = tmp_path / "project"
    shutil.copytree(
        ROOT,
        project,
        symlinks=True,
        ignore=shutil.ignore_patterns(".git", ".venv", "data", "target", "logs", "python", "profiles.yml"),
    )
    with (project / "seeds" / "role_taxonomy.csv").open("a") as seed:
        seed.write("460,title,%ambassador%,unclassified,unknown,Non-buying: guest experience ambassadors\n")
    monkeypatch.chdir(project)
    workspace = ["--db", str(small_build_copy.db_path), "--raw-dir", str(RAW_SMALL)]

    assert main(["titles", *workspace, "--unclassified"]) == 0
    assert UNMATCHED in capfd.readouterr().out  # before the refresh: still the old layers

    assert main(["titles", *workspace, "--unclassified", "--refresh"]) == 0
    assert UNMATCHED not in capfd.readouterr().out

    assert main(["titles", *workspace]) == 0
    (ambassador,) = [row for row in data_lines(capfd.readouterr().out) if UNMATCHED in row]
    assert "460" in ambassador and "%ambassador%" in ambassador
