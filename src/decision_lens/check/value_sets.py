"""The value sets the suites judge columns against, read from the dbt manifest of the build: each is the
`values` of an `accepted_values` test in the models' YAML, so a vocabulary is written once, in the YAML."""

from __future__ import annotations

import json
from pathlib import Path

from decision_lens.project import LensError

ValueSets = dict[tuple[str, str], list]  # (model, column) -> the accepted values, in the YAML's order


def read_value_sets(manifest_path: Path) -> ValueSets:
    """Every accepted_values test of the project's models; a clear error when the build left no manifest."""
    if not manifest_path.is_file():
        raise LensError(
            f"No dbt manifest at {manifest_path}: `lens check` reads the accepted values of the build that "
            "wrote the database. Run `lens build` for this database first."
        )
    manifest = json.loads(manifest_path.read_text())
    project = manifest["metadata"]["project_name"]
    value_sets: ValueSets = {}
    for node in manifest["nodes"].values():
        test = node.get("test_metadata") or {}
        attached = node.get("attached_node") or ""
        if node["resource_type"] != "test" or test.get("name") != "accepted_values":
            continue
        if not attached.startswith(f"model.{project}."):
            continue
        model = manifest["nodes"][attached]["name"]
        value_sets[(model, node["column_name"])] = list(test["kwargs"]["values"])
    return value_sets


def accepted(value_sets: ValueSets, model: str, column: str) -> list:
    """The accepted values of a model's column; an error naming the YAML test when there is none."""
    try:
        return value_sets[(model, column)]
    except KeyError:
        raise LensError(
            f"The build's manifest has no accepted_values test on {model}.{column}; "
            "`lens check` takes the column's value set from it."
        ) from None
