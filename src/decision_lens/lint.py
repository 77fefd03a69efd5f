"""The lint gate: sqlfluff (dbt templater) on the SQL, ruff on the Python, yamllint on the YAML."""

from __future__ import annotations

import subprocess
from pathlib import Path

from decision_lens.project import Workspace, dbt_environment, tool

SQL_PATHS = ("models", "macros", "analyses", "tests")
PYTHON_PATHS = ("src", "tests/python", "tests/engines")
YAML_PATHS = ("dbt_project.yml", "profiles.example.yml", "models", "seeds", "macros", "tests", "analyses")


def lint_commands(root: Path) -> list[tuple[str, list[str]]]:
    sql = [p for p in SQL_PATHS if (root / p).exists()]
    yaml = [p for p in YAML_PATHS if (root / p).exists()]
    return [
        ("ruff check", [tool("ruff"), "check", *PYTHON_PATHS]),
        ("ruff format", [tool("ruff"), "format", "--check", *PYTHON_PATHS]),
        ("yamllint", [tool("yamllint"), "--strict", *yaml]),
        ("sqlfluff", [tool("sqlfluff"), "lint", "--disable-progress-bar", *sql]),
    ]


def lint(root: Path, workspace: Workspace) -> int:
    """Run every linter (all of them, even after a failure) and return non-zero if any failed."""
    env = dbt_environment(root, workspace)
    workspace.db_path.parent.mkdir(parents=True, exist_ok=True)
    failed = []
    for name, command in lint_commands(root):
        print(f"== {name}", flush=True)
        if subprocess.run(command, cwd=root, env=env, check=False).returncode != 0:
            failed.append(name)
    if failed:
        print(f"lint failed: {', '.join(failed)}")
        return 1
    print("lint passed: ruff, yamllint, sqlfluff")
    return 0
