"""Source freshness after a build: `dbt source freshness`, summarised in a few lines.

It runs in a target folder of its own, so the build's run_results.json (which `lens summary` reads) stays.
Thresholds are dbt vars (source_freshness_warn_days, intent_freshness_warn_days); stale sources warn.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from decision_lens.project import Workspace, run_dbt


@dataclass(frozen=True)
class SourceFreshness:
    source: str  # <source>.<table>
    status: str  # pass, warn, error or runtime error
    age_days: float | None


def check_freshness(root: Path, workspace: Workspace) -> list[SourceFreshness]:
    """Run `dbt source freshness` and read what it found (an empty list when it could not run)."""
    target = workspace.side_target("freshness")
    (target / "sources.json").unlink(missing_ok=True)
    run_dbt(root, workspace, ["source", "freshness", "--target-path", str(target)], silent=True)
    results = target / "sources.json"
    if not results.exists():
        return []
    found = []
    for result in json.loads(results.read_text())["results"]:
        _, _, source, table = result["unique_id"].split(".")
        age = result.get("max_loaded_at_time_ago_in_s")
        found.append(SourceFreshness(f"{source}.{table}", result["status"], age / 86400 if age else None))
    return sorted(found, key=lambda item: item.source)


def render_freshness(results: list[SourceFreshness]) -> str:
    if not results:
        return "  Source freshness: not available (dbt source freshness did not run)"
    counts = {status: sum(r.status == status for r in results) for status in ("pass", "warn", "error")}
    line = (
        f"  Source freshness ({len(results)} sources with a load time): {counts['pass']} fresh, "
        f"{counts['warn']} stale (warn), {counts['error']} error"
    )
    aged = [r for r in results if r.age_days is not None]
    if aged:
        stalest = max(aged, key=lambda r: r.age_days or 0.0)
        line += f"; stalest {stalest.source}, {stalest.age_days:.0f} days"
    return line
