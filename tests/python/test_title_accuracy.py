"""The role taxonomy reads real-world titles as a person would: at least 97% agreement on the title test set.

tests/python/fixtures/titles/healthcare_titles.csv holds over 1,000 titles as hospital CRMs hold them, each
with the layer a person gives it (its README says how). Every title becomes a contact (no department, so the
title alone decides) of the hand-written raw dataset, the project builds int_titles_classified and what it
upstream needs once, and the test prints the accuracy, the accuracy by family and every disagreement with
the taxonomy row that decided it.
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from conftest import RAW_SMALL, ROOT, build_without_unit_tests

TITLE_SET = ROOT / "tests" / "python" / "fixtures" / "titles" / "healthcare_titles.csv"
MIN_ACCURACY = 0.97
ACCOUNT_ID = "001000000000001"  # Mercy Valley Health, an account of the hand-written dataset
OWNER_ID = "005000000000001"


def read_title_set() -> list[dict[str, str]]:
    with TITLE_SET.open(newline="") as file:
        return list(csv.DictReader(file))


def add_contacts(contact_file: Path, titles: list[str]) -> None:
    """Append one contact per title, without a department, to the raw contact file."""
    with contact_file.open(newline="") as file:
        columns = next(csv.reader(file))
    with contact_file.open("a", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=columns, lineterminator="\n")
        for number, title in enumerate(titles, start=1):
            writer.writerow(
                {
                    "id": f"003T{number:011d}",
                    "account_id": ACCOUNT_ID,
                    "first_name": "Test",
                    "last_name": f"Title {number}",
                    "email": f"title.{number}@mercyvalleyhealth.org",
                    "title": title,
                    "department": "",
                    "lead_source": "Web",
                    "owner_id": OWNER_ID,
                    "created_date": "2024-01-02 09:00:00",
                    "last_modified_date": "2024-01-02 09:00:00",
                    "is_deleted": "false",
                }
            )


@pytest.fixture(scope="module")
def classified(tmp_path_factory) -> dict[str, tuple]:
    """title -> (decision_layer, matched_priority, matched_pattern) for every title of the set."""
    folder = tmp_path_factory.mktemp("titles")
    raw_dir = folder / "raw"
    shutil.copytree(RAW_SMALL, raw_dir)
    titles = [row["title"] for row in read_title_set()]
    add_contacts(raw_dir / "crm" / "contact.csv", titles)
    db_path = folder / "titles.duckdb"
    selection = ("--select", "+int_titles_classified")
    assert (
        build_without_unit_tests("--raw-dir", str(raw_dir), "--db", str(db_path), *selection, "--quiet") == 0
    )
    with duckdb.connect(str(db_path), read_only=True) as connection:
        rows = connection.execute(
            "select title, decision_layer, matched_priority, matched_pattern "
            "from main_intermediate.int_titles_classified where department is null and title is not null"
        ).fetchall()
    return {title: rest for title, *rest in rows}


def test_the_title_set_is_large_distinct_and_uses_known_layers():
    rows = read_title_set()
    with (ROOT / "seeds" / "decision_layers.csv").open(newline="") as file:
        layers = {layer["decision_layer"] for layer in csv.DictReader(file)}
    assert len(rows) >= 400
    assert len({row["title"].strip().lower() for row in rows}) == len(rows), "titles must be distinct"
    assert {row["expected_layer"] for row in rows} <= layers
    assert all(row["reason"].strip() and row["family"].strip() for row in rows)


def test_the_taxonomy_agrees_with_people_on_real_titles(classified):
    rows = read_title_set()
    disagreements = []
    right_by_family, all_by_family = Counter(), Counter()
    for row in rows:
        layer, priority, pattern = classified[row["title"]]
        all_by_family[row["family"]] += 1
        if layer == row["expected_layer"]:
            right_by_family[row["family"]] += 1
        else:
            disagreements.append(
                f"  {row['title']!r}: expected {row['expected_layer']}, got {layer} "
                f"(row {priority} {pattern!r}; {row['reason']})"
            )
    accuracy = 1 - len(disagreements) / len(rows)
    report = [
        f"Title accuracy: {accuracy:.1%} ({len(rows) - len(disagreements)} of {len(rows)} titles)",
        "By family: "
        + ", ".join(
            f"{family} {right_by_family[family]}/{count}" for family, count in sorted(all_by_family.items())
        ),
        f"Disagreements ({len(disagreements)}):",
        *disagreements,
    ]
    print("\n".join(report))
    assert accuracy >= MIN_ACCURACY, "\n".join(report)
