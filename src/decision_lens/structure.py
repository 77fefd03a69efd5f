"""Structure rules, computed from dbt's `target/manifest.json`: what each layer may read, what every model
declares, and how models are named (dbt Labs' style-guide conventions, as this project applies them).

Each rule is a function from the manifest (the parsed JSON, a dict) to a list of violations, one line each:
`<model>: <what is wrong>; <the rule>`. `violations()` runs them all. Only the project's own nodes count.

Decisions:
- Layers are the folders under models/: staging/<source>/, intermediate/<area>/, marts/, semantic/ and
  quality/ (reports on the raw data: the quarantined rows); quality models are named like marts.
- Seeds are held to the model rules on descriptions and grains: models join to them, so a duplicate row in a
  map fans every join out. Analyses are not: they are never built and dbt cannot attach a data test to one
  (their header comment describes them); they may still not read a source.
- A grain is a `unique` and a `not_null` test on one column, a `unique_combination_of_columns` test, or a
  singular test named `assert_<model>_grain` (for a model too large for one group-by, such as
  attribution_credit); each at severity error (a warning gates nothing). A `where` filter is allowed: a base
  model keeps every raw row, duplicates included, and its key is unique over the rows staging goes on with.
- models/semantic/ holds what MetricFlow reads besides the marts (the time spine, daily-grain models): each is
  read by a semantic model or is the time spine, and is named for its grain in the plural.
- Metrics (description, owner) are checked in tests/python/test_semantic_layer.py.
- Layers point one way: intermediate models feed marts. A mart that intermediate models may read says why in
  its YAML (config meta read_by_intermediate: <reason>); an intermediate model reading any other mart fails.
- The DAG rules follow dbt-labs/dbt-project-evaluator: a model with TOO_MANY_PARENTS or more direct parents
  (fct_too_many_joins), and a model that reads a parent both directly and through a model only it reads
  (fct_rejoining_of_upstream_concepts), fail unless the model says why in config meta (many_parents_because:
  <reason>; rejoins: {<parent>: <reason>}).
- A model over MODEL_LINE_LIMIT lines says why it is one unit in its header comment (its first {# #} block),
  on a line starting `Long because:`.
- Tests have one home each: unit tests in the `*unit_tests.yml` files of their model's folder, never in the
  models YAML; singular tests named `assert_<what holds>`, in tests/<folder>/, the folder of the models they
  test (an intermediate area such as signals/, or a layer such as quality/).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import Any

Manifest = dict[str, Any]
Node = dict[str, Any]

LAYERS = ("staging", "intermediate", "marts", "semantic", "quality")
SNAKE = r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*"  # snake case without double underscores
LAYER_PREFIXES = ("stg_", "base_", "int_")
# A staging model that sets rows aside is named for its source table and what it holds, not a plural entity.
STAGING_SIDE_OUTPUT = re.compile(r"_(quarantined?|rejected)$")
IDENTIFIER_LIMIT = 63  # Postgres keeps the first 63 characters of a name (NAMEDATALEN - 1)
UNIT_TESTS_FILE_SUFFIX = "unit_tests.yml"
SINGULAR_TEST_PREFIX = "assert_"
# dbt-project-evaluator's too_many_joins_threshold: past six inputs a model usually does more than one thing,
# and a reader can no longer hold its joins in mind
TOO_MANY_PARENTS = 7
# a model longer than a screenful or two is usually several steps that could each be named and tested
MODEL_LINE_LIMIT = 150
LONG_MODEL_MARKER = "Long because:"
HEADER_COMMENT = re.compile(r"\{#(.*?)#\}", re.DOTALL)


def project_nodes(manifest: Manifest, *resource_types: str) -> Iterator[Node]:
    """The project's own nodes of these types (not those of installed packages), in a stable order."""
    project = manifest["metadata"]["project_name"]
    for unique_id in sorted(manifest["nodes"]):
        node = manifest["nodes"][unique_id]
        if node["resource_type"] in resource_types and node["package_name"] == project:
            yield node


def folders(node: Node) -> tuple[str, ...]:
    """The folders of a node below its resource path: ('staging', 'crm') for staging/crm/stg_crm__x.sql."""
    return PurePosixPath(node["path"].replace("\\", "/")).parent.parts


def layer(node: Node) -> str:
    """The model's layer (its first folder under models/), or '' for a model directly in models/."""
    parts = folders(node)
    return parts[0] if parts else ""


def models(manifest: Manifest, in_layer: str | None = None) -> Iterator[Node]:
    for node in project_nodes(manifest, "model"):
        if in_layer is None or layer(node) == in_layer:
            yield node


def source_system(node: Node) -> str | None:
    """The source system of a staging model: its folder under models/staging/."""
    parts = folders(node)
    return parts[1] if len(parts) > 1 and parts[0] == "staging" else None


def describe(manifest: Manifest, unique_id: str) -> str:
    """A parent as a message names it: `source crm.contact`, `model int_foo`, `seed role_taxonomy`."""
    if unique_id in manifest["sources"]:
        source = manifest["sources"][unique_id]
        return f"source {source['source_name']}.{source['name']}"
    node = manifest["nodes"].get(unique_id)
    if node is None:
        return unique_id
    return f"{node['resource_type']} {node['name']}"


def parents(node: Node) -> list[str]:
    return node["depends_on"]["nodes"]


# ---- 1. and 2.: who reads sources --------------------------------------------------------------------------


def sources_outside_staging(manifest: Manifest) -> list[str]:
    """Rule 1: only staging models read sources (analyses and snapshots included in the ban)."""
    found = []
    for node in project_nodes(manifest, "model", "analysis", "snapshot"):
        if node["resource_type"] == "model" and layer(node) == "staging":
            continue
        for parent in parents(node):
            if parent in manifest["sources"]:
                source = describe(manifest, parent)
                found.append(f"{node['name']}: reads {source}; only staging models may read sources")
    return found


def staging_reading_outside_its_source(manifest: Manifest) -> list[str]:
    """Rule 2: a model in models/staging/<source>/ reads only that source system's sources and the other
    models of that folder (base_ models, the staging model a quarantine model splits). A base model may
    also read another system's base models: to quarantine rows whose reference names no row there (an
    activity of an unknown contact)."""
    found = []
    for node in models(manifest, "staging"):
        system = source_system(node)
        for parent in parents(node):
            if not staging_may_read(manifest, node, parent):
                found.append(
                    f"{node['name']}: reads {describe(manifest, parent)}; a staging model reads only its "
                    f"own source system's sources and staging models ({system or 'no source folder'})"
                )
    return found


def is_base(node: Node) -> bool:
    return node["name"].startswith("base_")


def staging_may_read(manifest: Manifest, node: Node, parent: str) -> bool:
    system = source_system(node)
    if system is None:
        return False
    if parent in manifest["sources"]:
        return manifest["sources"][parent]["source_name"] == system
    other = manifest["nodes"].get(parent, {})
    if other.get("resource_type") != "model" or source_system(other) is None:
        return False
    return source_system(other) == system or (is_base(node) and is_base(other))


# ---- 3.: descriptions and grains ---------------------------------------------------------------------------


def undescribed(manifest: Manifest) -> list[str]:
    """Rule 3a: every model and seed has a description, and so does every column of a mart (what BI reads)."""
    found = []
    for node in project_nodes(manifest, "model", "seed"):
        if not node["description"].strip():
            found.append(f"{node['name']}: has no description; every model and seed describes itself")
        if node["resource_type"] == "model" and layer(node) == "marts":
            for column in node["columns"].values():
                if not column["description"].strip():
                    found.append(
                        f"{node['name']}: column {column['name']} has no description; "
                        "every column of a mart is described"
                    )
    return found


def enforcing_tests(manifest: Manifest) -> Iterator[Node]:
    """The data tests that fail the build, not only warn."""
    for node in project_nodes(manifest, "test"):
        if str(node["config"].get("severity", "error")).lower() == "error":
            yield node


def grains(manifest: Manifest) -> set[str]:
    """The unique ids of the models and seeds whose grain a test proves."""
    unique: set[tuple[str, str]] = set()
    not_null: set[tuple[str, str]] = set()
    proven: set[str] = set()
    for test in enforcing_tests(manifest):
        kind = (test.get("test_metadata") or {}).get("name")
        tested = test.get("attached_node")
        if kind == "unique":
            unique.add((tested, test["column_name"]))
        elif kind == "not_null":
            not_null.add((tested, test["column_name"]))
        elif kind == "unique_combination_of_columns":
            proven.add(tested)
        elif kind is None:  # a singular test: assert_<model>_grain, reading that model
            for parent in parents(test):
                if test["name"] == f"assert_{manifest['nodes'].get(parent, {}).get('name')}_grain":
                    proven.add(parent)
    return proven | {tested for tested, _ in unique & not_null}


def ancestors(manifest: Manifest, unique_id: str) -> set[str]:
    """Every node the node reads, directly or through others."""
    seen: set[str] = set()
    todo = [unique_id]
    while todo:
        for parent in manifest["nodes"].get(todo.pop(), {}).get("depends_on", {}).get("nodes", []):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def grains_tested_downstream(manifest: Manifest, proven: set[str]) -> set[str]:
    """Views whose grain a model that reads them tests (config meta grain_tested_in: <model>).

    A test on a view runs the view again: on the 12M-row signal chain each such test was a whole pass. A
    view read by a table with the same grain is tested there instead, and says so; the named model must
    read the view (directly or through other views) and have a proven grain itself.
    """
    by_name = {node["name"]: node["unique_id"] for node in project_nodes(manifest, "model")}
    accepted = set()
    for node in project_nodes(manifest, "model"):
        config = node.get("config") or {}
        tested_in = by_name.get((config.get("meta") or {}).get("grain_tested_in"))
        if (
            config.get("materialized") == "view"
            and tested_in in proven
            and node["unique_id"] in ancestors(manifest, tested_in)
        ):
            accepted.add(node["unique_id"])
    return accepted


def without_grain(manifest: Manifest) -> list[str]:
    """Rule 3b: every model and seed has a tested grain."""
    proven = grains(manifest)
    proven |= grains_tested_downstream(manifest, proven)
    return [
        f"{node['name']}: has no tested grain; every model and seed has unique + not_null on one column, "
        f"unique_combination_of_columns, or a singular test assert_{node['name']}_grain (a view may name "
        "the model that reads it and tests its grain: meta grain_tested_in)"
        for node in project_nodes(manifest, "model", "seed")
        if node["unique_id"] not in proven
    ]


# ---- 4.: contracts -----------------------------------------------------------------------------------------


def marts_without_contract(manifest: Manifest) -> list[str]:
    """Rule 4: the marts are the public interface, so each enforces its contract."""
    return [
        f"{node['name']}: has no enforced contract; every mart sets contract: {{enforced: true}}"
        for node in models(manifest, "marts")
        if not (node["config"].get("contract") or {}).get("enforced")
    ]


# ---- 5.: names and places ----------------------------------------------------------------------------------


def naming_problem(node: Node) -> str | None:
    """What is wrong with a model's name for its folder, or None."""
    name, parts = node["name"], folders(node)
    where = layer(node)
    if where == "staging":
        if len(parts) < 2:
            return "lives directly in models/staging/; staging models live in models/staging/<source>/"
        system = parts[1]
        match = re.fullmatch(rf"(stg|base)_{re.escape(system)}__({SNAKE})", name)
        if match is None:
            return (
                f"in models/staging/{system}/ a model is named stg_{system}__<entity>s "
                f"or base_{system}__<table>"
            )
        prefix, entity = match.groups()
        if prefix == "stg" and not entity.endswith("s") and not STAGING_SIDE_OUTPUT.search(entity):
            return f"names a singular entity; staging models are named stg_{system}__<entity>s (plural)"
        return None
    if where == "intermediate":
        if len(parts) < 2:
            return "lives directly in models/intermediate/; intermediate models live in an area folder"
        if not re.fullmatch(rf"int_{SNAKE}(__{SNAKE})?", name):
            return "intermediate models are named int_<entity>s_<verb>s (int_<family>__<part> for a part)"
        return None
    if where in ("marts", "semantic", "quality"):
        if not re.fullmatch(SNAKE, name) or name.startswith(LAYER_PREFIXES):
            return f"{where} models are named for their entity: snake case, no stg_/base_/int_ prefix"
        if where == "semantic" and not name.endswith("s"):
            return "semantic-layer models are named for their grain in the plural (time_spine_days)"
        return None
    return f"lives outside models/{'|'.join(LAYERS)}/; every model belongs to a layer"


def misnamed(manifest: Manifest) -> list[str]:
    """Rule 5: names follow their layer's convention, and every model lives in a layer's folder."""
    found = []
    for node in models(manifest):
        problem = naming_problem(node)
        if problem:
            found.append(f"{node['name']}: {problem}")
    return found


def unread_semantic_models(manifest: Manifest) -> list[str]:
    """Rule 5, semantic/: a model there exists for MetricFlow, so a semantic model reads it or it is the
    time spine."""
    read = {parent for semantic in manifest["semantic_models"].values() for parent in parents(semantic)}
    return [
        f"{node['name']}: no semantic model reads it and it is not the time spine; models/semantic/ holds "
        "only what MetricFlow reads"
        for node in models(manifest, "semantic")
        if node["unique_id"] not in read and not node.get("time_spine")
    ]


def names_too_long(manifest: Manifest) -> list[str]:
    """Rule 5, every engine: a model, a seed and a unit test (its fixture tables) name relations, and
    Postgres cuts an identifier at 63 characters, so two long names can become one."""
    project = manifest["metadata"]["project_name"]
    unit_tests = [test for test in manifest.get("unit_tests", {}).values() if test["package_name"] == project]
    named = sorted([*project_nodes(manifest, "model", "seed"), *unit_tests], key=lambda node: node["name"])
    return [
        f"{node['name']}: {len(node['name'])} characters; names of models, seeds and unit tests are at most "
        f"{IDENTIFIER_LIMIT} (Postgres's identifier limit)"
        for node in named
        if len(node["name"]) > IDENTIFIER_LIMIT
    ]


# ---- 6.: the DAG: layers point one way, fan-in, rejoins, length --------------------------------------------


def meta(node: Node) -> dict[str, Any]:
    return (node.get("config") or {}).get("meta") or {}


def reason(value: Any) -> bool:
    """Whether a declared exception carries a written reason (a non-blank string)."""
    return isinstance(value, str) and bool(value.strip())


def intermediate_reading_marts(manifest: Manifest) -> list[str]:
    """Rule 6a: intermediate models feed marts; one reads a mart only if the mart names why (config meta
    read_by_intermediate: <reason>), such as the one signal stream every area reads."""
    found = []
    for node in models(manifest, "intermediate"):
        for parent in sorted(set(parents(node))):
            mart = manifest["nodes"].get(parent, {})
            if (
                mart.get("resource_type") == "model"
                and layer(mart) == "marts"
                and not reason(meta(mart).get("read_by_intermediate"))
            ):
                found.append(
                    f"{node['name']}: reads mart {mart['name']}; intermediate models feed marts, and read "
                    "only a mart that says why in config meta read_by_intermediate"
                )
    return found


def too_many_parents(manifest: Manifest) -> list[str]:
    """Rule 6b (dbt-project-evaluator's fct_too_many_joins): a model reads fewer than TOO_MANY_PARENTS
    models, seeds and sources, or says why it is one unit (config meta many_parents_because: <reason>)."""
    found = []
    for node in models(manifest):
        count = len(set(parents(node)))
        if count >= TOO_MANY_PARENTS and not reason(meta(node).get("many_parents_because")):
            found.append(
                f"{node['name']}: reads {count} parents; a model reads fewer than {TOO_MANY_PARENTS} "
                "(split it at a seam) or says why in config meta many_parents_because"
            )
    return found


def children(manifest: Manifest) -> dict[str, set[str]]:
    """Each node's direct children: nodes other than data tests, semantic models and exposures."""
    found: dict[str, set[str]] = {}
    readers = [node for node in manifest["nodes"].values() if node["resource_type"] != "test"]
    readers += [*manifest.get("semantic_models", {}).values(), *manifest.get("exposures", {}).values()]
    for index, reader in enumerate(readers):
        for parent in (reader.get("depends_on") or {}).get("nodes", []):
            found.setdefault(parent, set()).add(reader.get("unique_id", f"reader.{index}"))
    return found


def rejoined_upstream_concepts(manifest: Manifest) -> list[str]:
    """Rule 6c (dbt-project-evaluator's fct_rejoining_of_upstream_concepts): a model reads a parent both
    directly and through another model whose only child it is; that model's step belongs in it, or the
    parent is read through that model only. An exception names the parent and why (config meta rejoins:
    {<parent name>: <reason>})."""
    found = []
    child_ids = children(manifest)
    for node in models(manifest):
        direct = set(parents(node))
        declared = meta(node).get("rejoins") or {}
        for between in sorted(direct):
            between_node = manifest["nodes"].get(between, {})
            if between_node.get("resource_type") != "model" or child_ids.get(between) != {node["unique_id"]}:
                continue
            for parent in sorted(direct & set(parents(between_node))):
                name = (manifest["nodes"].get(parent) or {}).get("name", parent)
                if not reason(declared.get(name)):
                    found.append(
                        f"{node['name']}: reads {describe(manifest, parent)} directly and through model "
                        f"{between_node['name']}, which only it reads; fold that model in, read the parent "
                        "through it, or say why in config meta rejoins"
                    )
    return found


def header_comment(code: str) -> str:
    match = HEADER_COMMENT.search(code)
    return match.group(1) if match else ""


def long_models(manifest: Manifest) -> list[str]:
    """Rule 6d: a model over MODEL_LINE_LIMIT lines says why it is one unit in its header comment, on a line
    starting LONG_MODEL_MARKER; otherwise it is split at a seam."""
    found = []
    for node in models(manifest):
        length = len(node.get("raw_code", "").splitlines())
        written = any(
            line.strip().startswith(LONG_MODEL_MARKER)
            for line in header_comment(node.get("raw_code", "")).splitlines()
        )
        if length > MODEL_LINE_LIMIT and not written:
            found.append(
                f"{node['name']}: {length} lines; a model over {MODEL_LINE_LIMIT} lines is split at a seam "
                f"or says why it is one unit in its header comment ('{LONG_MODEL_MARKER} ...')"
            )
    return found


# ---- 7.: where tests live ----------------------------------------------------------------------------------


def unit_tests_outside_their_files(manifest: Manifest) -> list[str]:
    """Rule 7a: a unit test is written in a `*unit_tests.yml` file beside its model's YAML."""
    project = manifest["metadata"]["project_name"]
    tests = [test for test in manifest.get("unit_tests", {}).values() if test["package_name"] == project]
    return [
        f"{test['name']}: written in {test['original_file_path']}; unit tests live in the "
        f"*{UNIT_TESTS_FILE_SUFFIX} files of their model's folder"
        for test in sorted(tests, key=lambda test: test["name"])
        if not test["original_file_path"].endswith(UNIT_TESTS_FILE_SUFFIX)
    ]


def singular_test_folders(manifest: Manifest) -> set[str]:
    """The folders a singular test may sit in: the layers and the areas of models/intermediate/."""
    areas = {folders(node)[1] for node in models(manifest, "intermediate") if len(folders(node)) > 1}
    return set(LAYERS) | areas


def misplaced_singular_tests(manifest: Manifest) -> list[str]:
    """Rule 7b: a singular test is named assert_<what holds> and sits in tests/<folder>/ of what it tests."""
    allowed = singular_test_folders(manifest)
    found = []
    for node in project_nodes(manifest, "test"):
        if node.get("test_metadata"):
            continue  # a generic test, written in YAML
        folder = folders(node)[0] if folders(node) else ""
        if not node["name"].startswith(SINGULAR_TEST_PREFIX):
            found.append(f"{node['name']}: singular tests are named {SINGULAR_TEST_PREFIX}<what holds>")
        if folder not in allowed:
            found.append(
                f"{node['name']}: in tests/{folder or ''}; a singular test sits in tests/<folder>/, the "
                f"folder of the models it tests ({', '.join(sorted(allowed))})"
            )
    return found


RULES: tuple[Callable[[Manifest], list[str]], ...] = (
    sources_outside_staging,
    staging_reading_outside_its_source,
    undescribed,
    without_grain,
    marts_without_contract,
    misnamed,
    unread_semantic_models,
    names_too_long,
    intermediate_reading_marts,
    too_many_parents,
    rejoined_upstream_concepts,
    long_models,
    unit_tests_outside_their_files,
    misplaced_singular_tests,
)


def violations(manifest: Manifest) -> list[str]:
    """Every violation of every rule, rule by rule."""
    return [violation for rule in RULES for violation in rule(manifest)]
