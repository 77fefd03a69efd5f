"""Where things live: the dbt project, its profile, the data folders, and how dbt is invoked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

DB_ENV = "DECISION_LENS_DB"
THREADS_ENV = "DECISION_LENS_THREADS"
RAW_DIR_ENV = "DECISION_LENS_RAW_DIR"
MEMORY_LIMIT_ENV = "DECISION_LENS_MEMORY_LIMIT"
# DuckDB's memory limit when MEMORY_LIMIT_ENV is not set: the large build peaks at 5.5 GiB with it; at 5GB
# the signals mart's contact join spilled (DECISIONLOG.md). profiles.example.yml falls back to the same.
DEFAULT_MEMORY_LIMIT = "5500MB"
DEFAULT_PRESET = "demo"
# the profiles.yml output lens builds with unless told otherwise (--target): the embedded DuckDB file
DUCKDB_TARGET = "duckdb"
# where a local Spark session keeps its tables and metastore (profiles.example.yml; default data/spark)
SPARK_DIR_ENV = "DECISION_LENS_SPARK_DIR"
PARTIAL_PARSE_FILE = "partial_parse.msgpack"


class LensError(Exception):
    """An error the command line reports as a message, without a traceback."""


def project_root() -> Path:
    """The folder holding dbt_project.yml: the working directory or a parent, else the source checkout."""
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / "dbt_project.yml").is_file():
            return folder
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "dbt_project.yml").is_file():
        return checkout
    raise LensError(
        "No dbt_project.yml here or in any parent folder: run lens inside the Decision Lens project."
    )


@dataclass(frozen=True)
class Workspace:
    """The raw files and the database of one dataset, and the dbt vars given for it (`--vars`, YAML).

    target is the profiles.yml output dbt builds with and engine its type: on DuckDB the database is db_path;
    on a warehouse (postgres, spark) it is where the output points (one database for every dataset, as a
    local Spark session's folder is: profiles.example.yml), and db_path only places dbt's target folder."""

    raw_dir: Path
    db_path: Path
    dbt_vars: str | None = None
    target: str = DUCKDB_TARGET
    engine: str = "duckdb"

    @property
    def is_duckdb(self) -> bool:
        return self.engine == "duckdb"

    @property
    def where(self) -> str:
        """Where the build goes, for people."""
        return (
            f"DuckDB: {self.db_path}"
            if self.is_duckdb
            else f"{self.engine} (profiles.yml output {self.target})"
        )

    @property
    def target_dir(self) -> Path:
        """dbt's artifacts (manifest, run results) for this database, kept beside it; one per target."""
        return self.db_path.parent / ("target" if self.target == DUCKDB_TARGET else f"target-{self.target}")

    def side_target(self, name: str) -> Path:
        """A target folder of its own beside the build's, so the build's run_results.json stays.

        It starts from the build's saved parse (partial_parse.msgpack): dbt checks that parse against the
        project files, vars, profile and its own version, and parses again when any changed, so the copy
        only spares the full parse, most of a `dbt source freshness` call's time."""
        target = self.target_dir / name
        target.mkdir(parents=True, exist_ok=True)
        saved = self.target_dir / PARTIAL_PARSE_FILE
        if saved.is_file():
            shutil.copyfile(saved, target / PARTIAL_PARSE_FILE)
        return target

    @classmethod
    def for_preset(cls, root: Path, preset: str) -> Workspace:
        base = root / "data" / preset
        return cls(raw_dir=base / "raw", db_path=base / "decision_lens.duckdb")


def ensure_profiles(root: Path) -> Path:
    """Point dbt at the project's profile: copy profiles.example.yml to profiles.yml on first use."""
    profile = root / "profiles.yml"
    if not profile.exists():
        shutil.copyfile(root / "profiles.example.yml", profile)
    return profile


# dbt threads when DECISION_LENS_THREADS is not set: 2 on small raw data, where dbt's own per-node work
# dominates and two nodes overlap it; 1 from this much raw data on, where DuckDB already runs each query on
# every core and two heavy models at once only compete for its memory limit and spill.
ONE_THREAD_FROM_RAW_BYTES = 50 * 2**20


def duckdb_settings() -> dict[str, object]:
    """The profile's DuckDB memory limit (profiles.example.yml), for the connections lens opens itself;
    DuckDB's own threads stay at its default, every core."""
    return {"memory_limit": os.environ.get(MEMORY_LIMIT_ENV, DEFAULT_MEMORY_LIMIT)}


def default_dbt_threads(raw_dir: Path) -> int:
    size = (
        sum(path.stat().st_size for path in raw_dir.rglob("*") if path.is_file()) if raw_dir.is_dir() else 0
    )
    return 1 if size >= ONE_THREAD_FROM_RAW_BYTES else 2


def dbt_environment(root: Path, workspace: Workspace) -> dict[str, str]:
    ensure_profiles(root)
    env = dict(os.environ)
    env.update(
        {
            "DBT_PROFILES_DIR": str(root),
            "DBT_USE_COLORS": "false",
            "DBT_TARGET_PATH": str(workspace.target_dir),
            "DBT_LOG_PATH": str(workspace.target_dir / "logs"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            DB_ENV: str(workspace.db_path),
            RAW_DIR_ENV: str(workspace.raw_dir),
            "DBT_TARGET": workspace.target,
        }
    )
    # `lens build --select X` builds X and the tests whose parents are all built, not tests reaching outside
    env.setdefault("DBT_INDIRECT_SELECTION", "cautious")
    env.setdefault(THREADS_ENV, str(default_dbt_threads(workspace.raw_dir)))
    # dbt's file log (target/logs/dbt.log) at info: each node's result, warnings and errors. At debug, dbt's
    # default, it also writes every statement, a cost on builds of small data
    # (DECISIONLOG.md); DBT_LOG_LEVEL_FILE=debug brings the statements back.
    env.setdefault("DBT_LOG_LEVEL_FILE", "info")
    # the lens verbs pass the limit, so a profiles.yml copied from an older profiles.example.yml follows too
    env.setdefault(MEMORY_LIMIT_ENV, DEFAULT_MEMORY_LIMIT)
    return env


def tool(name: str) -> str:
    """A console script installed beside this Python (dbt, sqlfluff, ruff, pytest), else one on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise LensError(f"{name} is not installed: run `make run` or `pip install -r requirements.lock`.")
    return found


def run_dbt(
    root: Path, workspace: Workspace, args: list[str], quiet: bool = False, silent: bool = False
) -> int:
    """Run one dbt command in the project folder against a workspace; returns dbt's exit code.

    quiet shows only dbt's errors; silent shows dbt's output only when the command fails."""
    workspace.db_path.parent.mkdir(parents=True, exist_ok=True)
    command = [tool("dbt"), *args]
    if workspace.dbt_vars:
        command += ["--vars", workspace.dbt_vars]
    if quiet or silent:
        command.insert(1, "--quiet")
    completed = subprocess.run(
        command,
        cwd=root,
        env=dbt_environment(root, workspace),
        check=False,
        capture_output=silent,
        text=True,
    )
    if silent and completed.returncode != 0:
        print(completed.stdout + completed.stderr)
    return completed.returncode
