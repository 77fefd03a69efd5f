"""The two-lens reports printed after a build: the analyses in analyses/, compiled by dbt and run read-only.

The SQL lives only in analyses/*.sql; this module compiles it with dbt and prints the result, so the printed
figures and the analysis a user opens are the same query.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb

from decision_lens.project import Workspace, run_dbt

REPORTS = (
    ("lens_reconciliation", "The two lenses, latest week"),
    ("handoff_quality", "Handoffs judged at their own moment"),
    ("attribution_model_comparison", "Attribution models side by side: % of pipeline by channel"),
)


def reports_target(workspace: Workspace) -> Path:
    """A target folder of its own, so compiling the reports never replaces the build's run_results.json."""
    return workspace.target_dir / "reports"


def compiled_analysis(workspace: Workspace, name: str) -> Path:
    return reports_target(workspace) / "compiled" / "decision_lens" / "analyses" / f"{name}.sql"


def run_report(workspace: Workspace, name: str) -> tuple[list[str], list[tuple]]:
    sql = compiled_analysis(workspace, name).read_text()
    with duckdb.connect(str(workspace.db_path), read_only=True) as connection:
        cursor = connection.execute(sql)
        return [column[0] for column in cursor.description], cursor.fetchall()


def format_table(columns: list[str], rows: list[tuple]) -> list[str]:
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max(len(column), *(len(row[i]) for row in cells)) for i, column in enumerate(columns)]
    numeric = [all(isinstance(row[i], int | float | Decimal) for row in rows) for i in range(len(columns))]

    def line(values: list[str]) -> str:
        return "  ".join(
            value.rjust(width) if is_number else value.ljust(width)
            for value, width, is_number in zip(values, widths, numeric, strict=True)
        ).rstrip()

    return [line(columns), line(["-" * width for width in widths]), *(line(row) for row in cells)]


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


def render_reports(root: Path, workspace: Workspace) -> str:
    """Compile and run every report; a report whose models were not built is skipped with a note."""
    names = [name for name, _ in REPORTS]
    if (
        run_dbt(
            root,
            workspace,
            ["compile", "--target-path", str(reports_target(workspace)), "--select", *names],
            silent=True,
        )
        != 0
    ):
        return "  (reports skipped: the analyses did not compile)"
    lines = []
    for name, title in REPORTS:
        try:
            columns, rows = run_report(workspace, name)
        except duckdb.Error as error:
            lines.append(f"  {title}: not available ({str(error).splitlines()[0]})")
            continue
        lines.append(f"  {title} (analyses/{name}.sql):")
        lines.extend(f"    {row}" for row in format_table(columns, rows))
    return "\n".join(lines)
