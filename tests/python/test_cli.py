"""The `lens` command line through its public interface: help, errors, a reader that leaves early, and the
generate verb."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT
from decision_lens.cli import build_parser, verb_parsers

VERBS = tuple(verb_parsers(build_parser()))


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
    assert sorted(names) == sorted(VERBS)  # each once, bench too: none hidden from the help


def test_every_verb_dispatches_to_its_own_function():
    """Each verb's subparser names the function that runs it (set_defaults(func=...)); main calls it."""
    parsers = verb_parsers(build_parser())
    assert {"run", "bench", "generate", "append-day", "build", "query", "serve"} <= set(parsers)
    functions = {verb: parser.get_default("func") for verb, parser in parsers.items()}
    assert all(callable(function) for function in functions.values()), functions
    assert len(set(functions.values())) == len(functions), "two verbs share a function"


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


def lens_into_a_closed_pipe(
    *args: str, read_first_line: bool, unbuffered: bool = False
) -> tuple[int, str, bytes]:
    """`lens ARGS` in a process of its own, its stdout a pipe whose reader leaves: at once (as `| true`), or
    after the first line (as `| head -1`). Its stdout is block-buffered, as in a shell, unless unbuffered
    (PYTHONUNBUFFERED=1). Returns (exit code, stderr, the line read)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    read_end, write_end = os.pipe()
    if read_first_line:
        # the smallest pipe (a page): lens's output outgrows it, so lens is still writing when the reader
        # leaves, whatever the machine's pipe size
        fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    else:
        os.close(read_end)
    command = [sys.executable, "-m", "decision_lens.cli", *args]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=write_end, stderr=subprocess.PIPE, text=True
    )
    os.close(write_end)
    line = b""
    if read_first_line:
        with os.fdopen(read_end, "rb", buffering=0) as reader:
            while not line.endswith(b"\n"):  # a byte at a time: the rest stays in the pipe, unread
                byte = reader.read(1)
                if not byte:  # lens ended first
                    break
                line += byte
    _, err = process.communicate(timeout=300)
    return process.returncode, err, line


def assert_quiet_stop(code: int, err: str, codes: tuple[int, ...] = (141,)) -> None:
    assert code in codes, err  # 141, 128 + SIGPIPE: the output was cut short (lens did meet the closed pipe)
    for noise in ("Traceback", "BrokenPipeError", "Exception ignored"):
        assert noise not in err, err


def test_a_reader_that_leaves_after_the_first_line_stops_lens_quietly(small_build):
    # the daily cumulative pipeline: the hand-written dataset's longest answer (some 9 kB as a table)
    query = ("--metrics", "pipeline_created,cumulative_pipeline", "--group-by", "metric_time__day")
    code, err, line = lens_into_a_closed_pipe(
        "query", "--db", str(small_build.db_path), *query, read_first_line=True
    )
    assert b"metric_time__day" in line
    assert_quiet_stop(code, err)


@pytest.mark.parametrize(
    ("args", "unbuffered"),
    [
        (("titles",), False),
        (("summary",), False),
        (("query", "--metrics", "pipeline_created", "--group-by", "metric_time__day"), False),
        (("query", "--metrics", "pipeline_created", "--group-by", "metric_time__day"), True),
    ],
    ids=["titles", "summary", "query", "query-unbuffered"],
)
def test_a_reader_gone_before_lens_writes_stops_it_quietly(small_build, args, unbuffered):
    db = ("--db", str(small_build.db_path))
    code, err, _ = lens_into_a_closed_pipe(*args, *db, read_first_line=False, unbuffered=unbuffered)
    assert_quiet_stop(code, err)


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
def test_help_into_a_closed_pipe_stops_quietly(unbuffered):
    code, err, _ = lens_into_a_closed_pipe("--help", read_first_line=False, unbuffered=unbuffered)
    # unbuffered, the help's one write fails at once and argparse itself drops the error, then exits 0
    assert_quiet_stop(code, err, codes=(0, 141) if unbuffered else (141,))


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
