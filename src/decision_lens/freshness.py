"""Source freshness after a build: `dbt source freshness`, summarised in a few lines.

It runs in a target folder of its own, so the build's run_results.json (which `lens summary` reads) stays.
Thresholds are dbt vars (source_freshness_warn_days, intent_freshness_warn_days); stale sources warn.

A source without any load time is not stale: dbt reports its newest load as 0001-01-01 (an age of some
740,000 days). It is reported as `empty` when it has no rows (a team without intent data, say), and as
`no load time` when its rows have no load timestamp.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from decision_lens.project import Workspace, run_dbt

EMPTY = "empty"
NO_LOAD_TIME = "no load time"
NEVER_LOADED = "0001-01-01"  # dbt's max_loaded_at when the loaded_at_field is null on every row (or none)


@dataclass(frozen=True)
class SourceFreshness:
    source: str  # <source>.<table>
    status: str  # dbt's pass, warn, error or runtime error; else EMPTY or NO_LOAD_TIME
    age_days: float | None


def check_freshness(root: Path, workspace: Workspace) -> list[SourceFreshness]:
    """Run `dbt source freshness` and read what it found (an empty list when it could not run)."""
    target = workspace.side_target("freshness")
    (target / "sources.json").unlink(missing_ok=True)
    run_dbt(root, workspace, ["source", "freshness", "--target-path", str(target)], silent=True)
    results = target / "sources.json"
    if not results.exists():
        return []
    found, never_loaded = [], []
    for result in json.loads(results.read_text())["results"]:
        _, _, source, table = result["unique_id"].split(".")
        if str(result.get("max_loaded_at") or NEVER_LOADED).startswith(NEVER_LOADED):
            never_loaded.append(result["unique_id"])
            continue
        age = result.get("max_loaded_at_time_ago_in_s")
        found.append(SourceFreshness(f"{source}.{table}", result["status"], age / 86400 if age else None))
    rows = _row_counts(workspace.db_path, target / "manifest.json", never_loaded)
    for unique_id in never_loaded:
        _, _, source, table = unique_id.split(".")
        status = EMPTY if rows.get(unique_id) == 0 else NO_LOAD_TIME
        found.append(SourceFreshness(f"{source}.{table}", status, None))
    return sorted(found, key=lambda item: item.source)


def _row_counts(db_path: Path, manifest: Path, unique_ids: list[str]) -> dict[str, int]:
    """Rows of these sources, read-only; none when the database or dbt's manifest cannot be read."""
    if not unique_ids:
        return {}
    try:
        sources = json.loads(manifest.read_text())["sources"]
        relations = {
            unique_id: f'"{sources[unique_id]["schema"]}"."{sources[unique_id]["identifier"]}"'
            for unique_id in unique_ids
        }
        with duckdb.connect(str(db_path), read_only=True) as connection:
            return {
                unique_id: connection.execute(f"select count(*) from {relation}").fetchone()[0]
                for unique_id, relation in relations.items()
            }
    except (OSError, KeyError, ValueError, duckdb.Error):
        return {}


def render_freshness(results: list[SourceFreshness]) -> str:
    if not results:
        return "  Source freshness: not available (dbt source freshness did not run)"
    statuses = ("pass", "warn", "error", EMPTY, NO_LOAD_TIME)
    counts = {status: sum(r.status == status for r in results) for status in statuses}
    line = (
        f"  Source freshness ({len(results)} sources with a load time): {counts['pass']} fresh, "
        f"{counts['warn']} stale (warn), {counts['error']} error"
    )
    if counts[EMPTY]:
        line += f", {counts[EMPTY]} empty (no rows, not judged)"
    if counts[NO_LOAD_TIME]:
        line += f", {counts[NO_LOAD_TIME]} without a load time on any row (not judged)"
    aged = [r for r in results if r.age_days is not None]
    if aged:
        stalest = max(aged, key=lambda r: r.age_days or 0.0)
        line += f"; stalest {stalest.source}, {stalest.age_days:.0f} days"
    for status in (EMPTY, NO_LOAD_TIME):
        names = [r.source for r in results if r.status == status]
        if names:
            line += f"\n    {status}: {', '.join(names)}"
    return line
