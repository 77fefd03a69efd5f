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
    raw_lines: list[str] = field(default_factory=list)  # how the raw tables were read (lens doctor)
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


SHARE_TEST_COLUMNS = ("offending_value", "value_rows", "matching_rows", "total_rows", "share", "max_share")


def share_test_details(target: Path, db_path: Path) -> list[tuple[str, str]]:
    """What each share test that warned or failed (tests/generic/share_of_rows_at_most.sql) stored: the share,
    the threshold, the rows judged and the most frequent offending values, as (test name, one line). dbt
    itself prints only the count of matching rows."""
    stored = [
        (result["unique_id"].split(".")[2], result["relation_name"])
        for result in run_result_nodes(target)
        if result["status"] in ("warn", "fail") and result.get("relation_name")
    ]
    if not stored or not db_path.exists():
        return []
    lines = []
    with duckdb.connect(str(db_path), read_only=True, config=duckdb_settings()) as connection:
        for name, relation in stored:
            try:
                schema_table = ".".join(relation.split(".")[-2:])  # the file's catalog, whatever its name
                rows = connection.execute(
                    f"select {', '.join(SHARE_TEST_COLUMNS)} from {schema_table} "
                    "order by value_rows desc, offending_value"
                ).fetchall()
            except duckdb.Error:  # not a share test: its stored rows have other columns
                continue
            if not rows:
                continue
            _, _, matching, total, share, max_share = rows[0]
            values = ", ".join(f"{value} ({count:,})" for value, count, *_ in rows if value is not None)
            facts = f"{share:.1%} of {total:,} rows ({matching:,}), above the {max_share:.1%} threshold"
            lines.append((name, facts + (f"; most frequent: {values}" if values else "")))
    return lines


def add_share_test_details(summary: BuildSummary, target: Path, db_path: Path) -> None:
    """Each share test's details, indented under its own "Needs attention" line."""
    for name, facts in share_test_details(target, db_path):
        at = next((i for i, line in enumerate(summary.problems) if line[6:].startswith(f"{name}:")), None)
        summary.problems.insert(len(summary.problems) if at is None else at + 1, f"  {facts}")


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
    from decision_lens.raw_doctor import INVENTORY_FILE, RawInventory, inventory_lines

    summary = read_run_results(workspace.target_dir)
    inventory = RawInventory.load(workspace.target_dir / INVENTORY_FILE)
    if inventory is not None:
        summary.raw_lines = inventory_lines(inventory)
    if not workspace.is_duckdb:  # the row counts and titles below read the DuckDB file
        return summary
    add_share_test_details(summary, workspace.target_dir, workspace.db_path)
    if workspace.db_path.exists():
        summary.relations = count_relations(workspace.db_path)
        summary.unmatched_titles = most_frequent_unmatched_titles(workspace.db_path)
    return summary


def render(summary: BuildSummary, workspace: Workspace) -> str:
    tests = summary.test_counts
    lines = [
        "",
        f"Decision Lens build on {workspace.where}",
        f"  raw data   {workspace.raw_dir}" + (f": {summary.raw_lines[0]}" if summary.raw_lines else ""),
        *(f"    {line}" for line in summary.raw_lines[1:]),
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
