"""The `lens` command line through its public interface: help, errors, and the generate verb."""

from __future__ import annotations

import json

import pytest

VERBS = (
    "run", "bench", "generate", "append-day", "build", "doctor", "load", "summary", "lint", "query", "export",
    "glossary", "check", "serve", "titles",
)  # fmt: skip


def help_text(lens, capfd, *args: str) -> str:
    """What `lens ARGS --help` prints (argparse exits 0 after it)."""
    with pytest.raises(SystemExit) as exited:
        lens(*args, "--help")
    assert exited.value.code == 0
    return capfd.readouterr().out


def listed_verbs(text: str) -> list[tuple[str, str]]:
    """The entries of `lens --help` that name a verb, in order: (verb, its help joined from its lines). An
    entry starts at a line indented less than the help column; its help may wrap onto deeper lines."""
    entries: list[tuple[str, str]] = []
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip())
        if line.strip() and indent < 8:
            name, _, purpose = line.strip().partition(" ")
            entries.append((name, purpose.strip()))
        elif line.strip() and entries:  # a wrapped help line, or the help of a long name on the next line
            name, purpose = entries[-1]
            entries[-1] = (name, f"{purpose} {line.strip()}".strip())
    return [(name, purpose) for name, purpose in entries if name in VERBS]


def test_help_lists_each_verb_once_with_its_purpose(lens, capfd):
    verbs = dict(listed_verbs(help_text(lens, capfd)))
    for verb, purpose in (
        ("run", "build everything"),
        ("bench", "benchmark the whole pipeline"),
        ("generate", "synthetic raw dataset"),
        ("build", "dbt build"),
        ("summary", "summary of the last build"),
        ("lint", "sqlfluff"),
        ("query", "metrics of the semantic layer"),
        ("titles", "taxonomy row that decided"),
    ):
        assert purpose in verbs[verb], (verb, verbs[verb])


def test_help_lists_every_verb_exactly_once(lens, capfd):
    names = [name for name, _ in listed_verbs(help_text(lens, capfd))]
    assert sorted(names) == sorted(VERBS)  # each once, bench too, and no verb left out of VERBS


def test_bench_help_is_benchs_own(lens, capfd):
    text = help_text(lens, capfd, "bench")
    assert text.startswith("usage: lens bench")
    for option in ("--preset", "--semantic-runs", "--build-only", "--skip-generate"):
        assert option in text


def db_help(lens, capfd, verb: str) -> str:
    """The help of `lens VERB --help` for --db, on one line."""
    text = " ".join(help_text(lens, capfd, verb).split())
    return text[text.index("--db DB ") :].split(" --target")[0]


@pytest.mark.parametrize("verb", ["query", "serve", "check", "titles", "summary"])
def test_verbs_that_read_the_database_say_so_for_db(lens, capfd, verb):
    said = db_help(lens, capfd, verb)
    assert "read this DuckDB file" in said and "read-only" in said
    assert "build" not in said.replace("rebuilds", "")  # titles --refresh rebuilds its own models, as it says


@pytest.mark.parametrize("verb", ["build", "run"])
def test_verbs_that_build_say_they_build_into_db(lens, capfd, verb):
    assert "build into this DuckDB file" in db_help(lens, capfd, verb)


def test_an_unknown_option_is_still_an_error(lens, capfd):
    with pytest.raises(SystemExit) as exited:
        lens("summary", "--no-such-option")
    assert exited.value.code == 2
    assert "unrecognized arguments: --no-such-option" in capfd.readouterr().err


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
