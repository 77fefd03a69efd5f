"""The generator's title vocabulary and the dbt unit test that pins it to the role taxonomy stay in step.

The unit test `int_titles_classified_generator_vocabulary` (models/intermediate/people/
_people__title_vocabulary_unit_tests.yml) runs the real role_taxonomy seed over every title the generator
draws and expects the layer each title is drawn for. It was generated once from vocabulary.py and is kept as
a fixed, reviewable file; these checks fail when the vocabulary changes and the file was not regenerated, or
when the test stops reading the real seeds.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from decision_lens.generate import vocabulary as v

ROOT = Path(__file__).resolve().parents[2]
UNIT_TESTS = ROOT / "models" / "intermediate" / "people" / "_people__title_vocabulary_unit_tests.yml"
FIXTURES = ROOT / "tests" / "fixtures" / "people"


def _unit_test() -> dict:
    document = yaml.safe_load(UNIT_TESTS.read_text())
    (test,) = [t for t in document["unit_tests"] if t["name"] == "int_titles_classified_generator_vocabulary"]
    return test


def _intended() -> set[tuple[str, str | None, str]]:
    """(title, department, layer) as the generator draws them; unknown titles with their department."""
    pairs = {(title, dept, layer) for layer, items in v.CONTACT_TITLES.items() for title, dept in items}
    departments = v.UNKNOWN_TITLE_DEPARTMENTS
    pairs |= {
        (title, departments[i % len(departments)], "unclassified") for i, title in enumerate(v.UNKNOWN_TITLES)
    }
    return pairs


def _given(test: dict, ref: str) -> list[dict]:
    (given,) = [g for g in test["given"] if g["input"] == f"ref('{ref}')"]
    return given["rows"]


def test_unit_test_lists_every_generator_title():
    test = _unit_test()
    intended = _intended()
    contacts = {(row["title"], row["department"]) for row in _given(test, "stg_crm__contacts")}
    assert contacts == {(title, dept) for title, dept, _ in intended}
    leads = {row["title"] for row in _given(test, "stg_crm__leads")}
    assert leads == {title.upper() for title, _, _ in intended}


def test_unit_test_expects_the_intended_layers():
    expected = {
        (row["title"], row["department"], row["decision_layer"]) for row in _unit_test()["expect"]["rows"]
    }
    intended = _intended()
    # as contacts (title and department) and as leads (the title upper-cased, no department)
    assert expected == intended | {(title.upper(), None, layer) for title, _, layer in intended}


def test_unit_test_reads_the_real_seeds():
    test = _unit_test()
    fixtures = {g["input"]: g.get("fixture") for g in test["given"]}
    for seed in ("role_taxonomy", "role_taxonomy_exclusions", "title_abbreviations", "decision_layers"):
        assert fixtures[f"ref('{seed}')"] == f"seed_{seed}"
        # a symbolic link to the seed; a checkout without links would leave a stale copy or a path
        assert (FIXTURES / f"seed_{seed}.csv").read_bytes() == (ROOT / "seeds" / f"{seed}.csv").read_bytes()
