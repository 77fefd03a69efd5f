"""The reports printed after a build.

The two-lens reports ask the semantic layer: each figure is one of its metrics, filtered or grouped, so no
metric is computed a second time here. The attribution comparison is the analysis in
analyses/attribution_model_comparison.sql (it lays out the attribution marts), compiled by dbt and run
read-only, so the printed figures and the analysis a user opens are the same query.

A report with nothing to show (no signals, handoffs or opportunities yet) prints a sentence saying so.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import duckdb

from decision_lens.project import LensError, Workspace, run_dbt
from decision_lens.semantic import MetricQuery, SemanticLayer

Table = tuple[list[str], list[tuple]]


def unit_week(dimension: str) -> str:
    return "{{ Dimension('decision_unit_week__" + dimension + "') }}"


REPORTS_TARGET = "reports"  # a target folder of its own: compiling never replaces the build's run_results
MISSING_AUTHORITY = unit_week("is_missing_authority")
OUT_OF_WINDOW = "not " + unit_week("is_in_window")
SINGLE_LAYER = unit_week("is_single_layer")
DECISION_READY = unit_week("readiness_state") + " = 'decision_ready'"
NOT_MQA = "not " + unit_week("is_mqa")

# (line, metric, extra where filters), every line read in the as-of week
RECONCILIATION_LINES = (
    ("accounts with any signal in the lookback (engaged)", "engaged_accounts", ()),
    ("  of them decision-ready", "decision_ready_accounts", ()),
    ("  of them lack authority engagement", "engaged_accounts", (MISSING_AUTHORITY,)),
    ("  of them outside any budget or renewal window", "engaged_accounts", (OUT_OF_WINDOW,)),
    ("  of them with intent from fewer than two layers", "engaged_accounts", (SINGLE_LAYER,)),
    ("MQAs (generic lens)", "mqas", ()),
    ("  of them decision-ready", "mqas", (DECISION_READY,)),
    ("  of them lack authority engagement", "mqas", (MISSING_AUTHORITY,)),
    ("  of them outside any budget or renewal window", "mqas", (OUT_OF_WINDOW,)),
    ("decision-ready accounts that are not MQAs", "decision_ready_accounts", (NOT_MQA,)),
)


def lens_reconciliation(layer: SemanticLayer) -> Table:
    """The accounts the generic lens counts and why most are not decision-ready (DOMAIN.md §6), this week.

    A decision unit can miss several things at once, so the "lack ..." lines overlap. No rows when no decision
    unit has an as-of week (no signals yet).
    """
    rows, weeks = [], set()
    for line, metric, filters in RECONCILIATION_LINES:
        result = layer.query(
            MetricQuery(
                metrics=(metric,),
                group_by=("metric_time__week",),
                where=(unit_week("is_as_of_week"), *filters),
            )
        )
        for week, value in result.plain_rows():
            weeks.add(week)
            rows.append((line, metric, value))
        if not result.rows:  # no unit matches the filter this week
            rows.append((line, metric, 0))
    if not weeks:
        return ["measure", "metric", "decision_units"], []
    as_of = ", ".join(str(week) for week in sorted(weeks))
    return [f"measure (week of {as_of})", "metric", "decision_units"], rows


def handoff_quality(layer: SemanticLayer) -> Table:
    """Handoffs judged at their own moment (DOMAIN.md §8): how ready and premature ones turned out."""
    result = layer.query(
        MetricQuery(
            metrics=("handoffs", "handoff_to_opportunity_rate", "handoff_win_rate"),
            group_by=("handoff__handoff_quality",),
            order_by=("-handoff__handoff_quality",),
        )
    )
    total = sum(handoffs for _, handoffs, _, _ in result.plain_rows())
    rows = [
        (quality, handoffs, handoffs / total, opportunity_rate, win_rate)
        for quality, handoffs, opportunity_rate, win_rate in result.plain_rows()
    ]
    columns = ["handoff_quality", "handoffs", "share_of_handoffs", "opportunity_rate", "win_rate"]
    return columns, rows


# (title, report, what to print when it has no rows)
SEMANTIC_REPORTS: tuple[tuple[str, Callable[[SemanticLayer], Table], str], ...] = (
    (
        "The two lenses, latest week",
        lens_reconciliation,
        "No signals yet: no decision unit has an as-of week to read.",
    ),
    ("Handoffs judged at their own moment", handoff_quality, "No handoffs yet."),
)
# (analysis, title, what to print when it has no rows): every opportunity has attribution rows, touched or not
ANALYSES = (
    (
        "attribution_model_comparison",
        "Attribution models side by side: % of pipeline by channel",
        "No opportunities yet: nothing to attribute.",
    ),
)


def compiled_analysis(workspace: Workspace, name: str) -> Path:
    return workspace.target_dir / REPORTS_TARGET / "compiled" / "decision_lens" / "analyses" / f"{name}.sql"


def run_report(workspace: Workspace, name: str) -> tuple[list[str], list[tuple]]:
    sql = compiled_analysis(workspace, name).read_text()
    with duckdb.connect(str(workspace.db_path), read_only=True) as connection:
        cursor = connection.execute(sql)
        return [column[0] for column in cursor.description], cursor.fetchall()


def format_table(columns: list[str], rows: list[tuple]) -> list[str]:
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max([len(column), *(len(row[i]) for row in cells)]) for i, column in enumerate(columns)]
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
    """Run every report; one that cannot run is skipped with a note naming why."""
    lines = []
    try:
        with SemanticLayer.for_workspace(workspace) as layer:
            for title, report, empty in SEMANTIC_REPORTS:
                run = functools.partial(report, layer)
                lines.extend(_rendered(f"{title} (semantic-layer metrics)", run, empty))
    except LensError as error:
        lines.append(f"  semantic-layer reports skipped: {error}")
    names = [name for name, _, _ in ANALYSES]
    compile_args = [
        "compile",
        "--target-path",
        str(workspace.side_target(REPORTS_TARGET)),
        "--select",
        *names,
    ]
    if run_dbt(root, workspace, compile_args, silent=True) != 0:
        lines.append("  (analyses skipped: they did not compile)")
        return "\n".join(lines)
    for name, title, empty in ANALYSES:
        run = functools.partial(run_report, workspace, name)
        lines.extend(_rendered(f"{title} (analyses/{name}.sql)", run, empty))
    return "\n".join(lines)


def _rendered(title: str, run: Callable[[], Table], empty: str) -> list[str]:
    try:
        columns, rows = run()
    except (duckdb.Error, LensError) as error:
        return [f"  {title}: not available ({str(error).splitlines()[0]})"]
    if not rows:
        return [f"  {title}: {empty}"]
    return [f"  {title}:", *(f"    {row}" for row in format_table(columns, rows))]
