"""What a dbt build left in target/run_results.json: its nodes and where their time went."""

from __future__ import annotations

import json
from pathlib import Path


def node_seconds_by_type(results: list[dict]) -> dict[str, float]:
    """Node time of a build by resource type (model, test, unit_test, seed): where the time goes."""
    seconds: dict[str, float] = {}
    for result in results:
        kind = result["unique_id"].split(".")[0]
        seconds[kind] = seconds.get(kind, 0.0) + result["execution_time"]
    return seconds


def read_run_results(target_dir: Path) -> list[dict]:
    """The nodes of the last build; none when it stopped before its first node (it writes no file)."""
    run_results = target_dir / "run_results.json"
    return json.loads(run_results.read_text())["results"] if run_results.exists() else []
