"""A short, readable account of what a `dbt build` produced: nodes, tests, rows per layer, warnings."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from decision_lens.project import LensError, Workspace, duckdb_settings
from decision_lens.titles import TitleRow, read_titles

LAYERS = ("reference", "staging", "intermediate", "marts", "quality")
UNMATCHED_TITLES_SHOWN = 10


@dataclass
class BuildSummary:
    seconds: float
    node_counts: Counter = field(default_factory=Counter)
    test_counts: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    relations: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    unmatched_titles: list[TitleRow] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.test_counts["fail"] + self.test_counts["error"] + self.node_counts["error"])


def run_result_nodes(target: Path) -> list[dict]:
    """The nodes of the last build; none when it stopped before its first node (it writes no file)."""
    path = target / "run_results.json"
    return json.loads(path.read_text())["results"] if path.exists() else []


def node_seconds_by_type(results: list[dict]) -> dict[str, float]:
    """Node time of a build by resource type (model, test, unit_test, seed): where the time goes."""
    seconds: dict[str, float] = {}
    for result in results:
        kind = result["unique_id"].split(".")[0]
        seconds[kind] = seconds.get(kind, 0.0) + result["execution_time"]
    return seconds


def slowest_nodes(results: list[dict], count: int = 10) -> list[dict]:
    """The `count` nodes of a build that took longest, slowest first: {"node": unique_id, "seconds": ...}."""
    ranked = sorted(results, key=lambda result: result["execution_time"], reverse=True)[:count]
    return [{"node": result["unique_id"], "seconds": result["execution_time"]} for result in ranked]


def read_run_results(target: Path) -> BuildSummary:
    results = json.loads((target / "run_results.json").read_text())
    summary = BuildSummary(seconds=results.get("elapsed_time", 0.0))
    for result in results["results"]:
        kind = result["unique_id"].split(".")[0]
        status = result["status"]
        if kind in ("test", "unit_test"):
            summary.test_counts[status] += 1
            if status in ("warn", "fail", "error"):
                name = result["unique_id"].split(".")[2]
                summary.problems.append(f"{status.upper():5} {name}: {result.get('message') or ''}".rstrip())
        else:
            summary.node_counts[status if status == "error" else kind] += 1
            if status == "error":
                summary.problems.append(f"ERROR {result['unique_id']}: {result.get('message') or ''}")
    return summary


def count_relations(db_path: Path) -> dict[str, list[tuple[str, int | None]]]:
    """Rows of every table the project built, grouped by layer (schema suffix); views are listed without a
    count: counting one runs everything under it again (minutes and gigabytes at scale)."""
    grouped: dict[str, list[tuple[str, int | None]]] = {layer: [] for layer in LAYERS}
    with duckdb.connect(str(db_path), read_only=True, config=duckdb_settings()) as connection:
        relations = connection.execute(
            "select table_schema, table_name, table_type = 'VIEW' from information_schema.tables "
            "where table_catalog = current_database() order by table_schema, table_name"
        ).fetchall()
        for schema, name, is_view in relations:
            layer = next((layer for layer in LAYERS if schema.endswith(layer)), None)
            if layer is None:
                continue
            rows = None
            if not is_view:
                (rows,) = connection.execute(f'select count(*) from "{schema}"."{name}"').fetchone()
            grouped[layer].append((name, rows))
    return grouped


def most_frequent_unmatched_titles(db_path: Path, count: int = UNMATCHED_TITLES_SHOWN) -> list[TitleRow]:
    """The titles no role_taxonomy row matched, most people first; none when the people models are not in
    the database (a build of a selection)."""
    try:
        return read_titles(db_path, unmatched_only=True, limit=count)
    except LensError:
        return []


def render_unmatched_titles(rows: list[TitleRow]) -> list[str]:
    if not rows:
        return []
    lines = ["  Most frequent titles no role_taxonomy row matched (all of them: lens titles --unclassified):"]
    for row in rows:
        department = f"  (department: {row.department})" if row.department else ""
        lines.append(f"    {row.people:>9,}  {row.title or '(no title)'}{department}")
    return lines


def build_summary(workspace: Workspace) -> BuildSummary:
    summary = read_run_results(workspace.target_dir)
    if workspace.db_path.exists():
        summary.relations = count_relations(workspace.db_path)
        summary.unmatched_titles = most_frequent_unmatched_titles(workspace.db_path)
    return summary


def render(summary: BuildSummary, workspace: Workspace) -> str:
    tests = summary.test_counts
    lines = [
        "",
        f"Decision Lens build on DuckDB: {workspace.db_path}",
        f"  raw data   {workspace.raw_dir}",
        f"  dbt build  {summary.seconds:.1f} s: {summary.node_counts['seed']} seeds, "
        f"{summary.node_counts['model']} models; tests {tests['pass']} passed, {tests['warn']} warned, "
        f"{tests['fail'] + tests['error']} failed",
    ]
    for layer, relations in summary.relations.items():
        tables = [(name, rows) for name, rows in relations if rows is not None]
        if tables:
            total = sum(rows for _, rows in tables)
            name, rows = max(tables, key=lambda item: item[1])
            views = len(relations) - len(tables)
            lines.append(
                f"  {layer:<12} {len(tables):>3} tables {total:>12,} rows  (largest: {name}, {rows:,})"
                + (f"; {views} views" if views else "")
            )
        elif relations:
            lines.append(f"  {layer:<12} {len(relations):>3} views")
    if summary.problems:
        lines.append("  Needs attention (unmapped values are kept in the data and reported here):")
        lines.extend(f"    {problem}" for problem in summary.problems)
    lines.extend(render_unmatched_titles(summary.unmatched_titles))
    return "\n".join(lines)
