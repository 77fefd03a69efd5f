"""Structure checks: the project's manifest follows the rules of decision_lens.structure (which layer may read
a source, descriptions and tested grains, contracts on the marts, names), and each rule can fail.

The metric rules (every metric has a description and an owner, config.meta.owner_team) are checked in
test_semantic_layer.py (`test_every_metric_answers_a_question_and_names_its_owner_and_lens`), on the semantic
manifest; they are not repeated here.
"""

from __future__ import annotations

import json

import pytest

from decision_lens import structure

CORE_LAYERS = ("staging", "intermediate", "marts", "semantic")
# Being split in another change (its helper owns these files): the project test does not depend on whether
# their length rule passes yet; the rule itself is tested on hand-made manifests below.


@pytest.fixture(scope="module")
def manifest(parsed_project):
    """The manifest `dbt parse` writes (no database needed)."""
    return json.loads((parsed_project / "manifest.json").read_text())


def test_the_project_follows_the_structure_rules(manifest):
    found = structure.violations(manifest)
    assert not found, f"{len(found)} structure violations:\n" + "\n".join(found)


def test_the_rules_see_every_layer(manifest):
    """Guards the rules against passing on nothing (a manifest whose paths they no longer understand)."""
    counts = {layer: len(list(structure.models(manifest, layer))) for layer in CORE_LAYERS}
    assert all(counts.values()), counts
    assert structure.grains(manifest)


# ---- Each rule fails on a hand-made manifest ---------------------------------------------------------------


def model(name, path, reads=(), description="A model.", contract=False, columns=(), **extra):
    return {
        "unique_id": f"model.lens.{name}",
        "resource_type": "model",
        "package_name": "lens",
        "name": name,
        "path": path,
        "description": description,
        "depends_on": {"nodes": list(reads)},
        "config": {"contract": {"enforced": contract}},
        "columns": {column: {"name": column, "description": text} for column, text in columns},
        **extra,
    }


def seed(name, description="A map."):
    return {
        "unique_id": f"seed.lens.{name}",
        "resource_type": "seed",
        "package_name": "lens",
        "name": name,
        "path": f"{name}.csv",
        "description": description,
        "depends_on": {"nodes": []},
        "config": {},
        "columns": {},
    }


def analysis(name, reads):
    return {**model(name, f"{name}.sql", reads, description=""), "resource_type": "analysis"}


def source(source_name, table):
    return {
        "unique_id": f"source.lens.{source_name}.{table}",
        "resource_type": "source",
        "source_name": source_name,
        "name": table,
    }


def data_test(kind, on, column=None, columns=None, name=None, severity="ERROR", where=None):
    """A generic test (kind: unique, not_null, unique_combination_of_columns) or, with kind None, a
    singular test named `name` reading `on`."""
    kwargs = {"combination_of_columns": columns} if columns else {"column_name": column}
    name = name or f"{kind}_{on.rsplit('.', 1)[1]}_{column or '_'.join(columns or ())}"
    return {
        "unique_id": f"test.lens.{name}",
        "resource_type": "test",
        "package_name": "lens",
        "name": name,
        "path": f"{name}.sql",
        "attached_node": on if kind else None,
        "column_name": column,
        "test_metadata": {"name": kind, "kwargs": kwargs} if kind else None,
        "depends_on": {"nodes": [on]},
        "config": {"severity": severity, "where": where},
    }


def grain(node, column="id"):
    """The tests that give a node a grain: unique and not_null on one column."""
    return [data_test("unique", node["unique_id"], column), data_test("not_null", node["unique_id"], column)]


def manifest_of(*nodes, sources=(), semantic_reads=()):
    return {
        "metadata": {"project_name": "lens"},
        "nodes": {node["unique_id"]: node for node in nodes},
        "sources": {item["unique_id"]: item for item in sources},
        "semantic_models": {
            f"semantic_model.lens.{i}": {"depends_on": {"nodes": [read]}}
            for i, read in enumerate(semantic_reads)
        },
    }


CONTACT = source("crm", "contact")
ACTIVITY = source("marketing", "activity")
STG_CONTACTS = model("stg_crm__contacts", "staging/crm/stg_crm__contacts.sql", [CONTACT["unique_id"]])


def test_only_staging_models_may_read_sources():
    int_foo = model("int_foo", "intermediate/people/int_foo.sql", [CONTACT["unique_id"]])
    report = analysis("contact_report", [CONTACT["unique_id"]])
    found = structure.sources_outside_staging(manifest_of(STG_CONTACTS, int_foo, report, sources=[CONTACT]))
    assert found == [
        "contact_report: reads source crm.contact; only staging models may read sources",
        "int_foo: reads source crm.contact; only staging models may read sources",
    ]


def test_a_staging_model_reads_only_its_own_source_system():
    base = model("base_crm__contact", "staging/crm/base/base_crm__contact.sql", [CONTACT["unique_id"]])
    stg = model("stg_crm__contacts", "staging/crm/stg_crm__contacts.sql", [base["unique_id"]])
    quarantine = model("stg_crm__contact_quarantined", "staging/crm/q.sql", [base["unique_id"]])
    stray = model(
        "stg_crm__leads",
        "staging/crm/stg_crm__leads.sql",
        [ACTIVITY["unique_id"], "model.lens.stg_marketing__activities", "seed.lens.lead_status_map"],
    )
    other = model("stg_marketing__activities", "staging/marketing/x.sql", [ACTIVITY["unique_id"]])
    nodes = [base, stg, quarantine, stray, other, seed("lead_status_map")]
    found = structure.staging_reading_outside_its_source(manifest_of(*nodes, sources=[CONTACT, ACTIVITY]))
    rule = "a staging model reads only its own source system's sources and staging models (crm)"
    assert found == [
        f"stg_crm__leads: reads source marketing.activity; {rule}",
        f"stg_crm__leads: reads model stg_marketing__activities; {rule}",
        f"stg_crm__leads: reads seed lead_status_map; {rule}",
    ]


def test_only_a_base_model_may_read_another_systems_base_model():
    contacts = model("base_crm__contacts", "staging/crm/base/base_crm__contacts.sql", [CONTACT["unique_id"]])
    checked = model(
        "base_marketing__activities",
        "staging/marketing/base/base_marketing__activities.sql",
        [ACTIVITY["unique_id"], contacts["unique_id"]],
    )
    stray = model("stg_marketing__activities", "staging/marketing/x.sql", [contacts["unique_id"]])
    nodes = [contacts, checked, stray]
    found = structure.staging_reading_outside_its_source(manifest_of(*nodes, sources=[CONTACT, ACTIVITY]))
    assert found == [
        "stg_marketing__activities: reads model base_crm__contacts; a staging model reads only its own "
        "source system's sources and staging models (marketing)"
    ]


def test_every_model_and_seed_has_a_description_and_every_mart_column_too():
    quiet = model("int_quiet", "intermediate/people/int_quiet.sql", description="  ")
    mart = model("contacts", "marts/contacts.sql", columns=[("contact_id", "The key."), ("email", "")])
    found = structure.undescribed(manifest_of(quiet, mart, seed("role_map", description="")))
    assert found == [
        "contacts: column email has no description; every column of a mart is described",
        "int_quiet: has no description; every model and seed describes itself",
        "role_map: has no description; every model and seed describes itself",
    ]


def test_an_analysis_needs_no_description_and_no_grain():
    report = analysis("comparison", [])
    manifest = manifest_of(report)
    assert structure.undescribed(manifest) == structure.without_grain(manifest) == []


def test_a_grain_is_unique_and_not_null_on_one_column_or_a_combination_or_a_grain_assertion():
    keyed = model("int_keyed", "intermediate/a/int_keyed.sql")
    combined = model("int_combined", "intermediate/a/int_combined.sql")
    asserted = model("credit", "marts/credit.sql")
    split = model("int_split", "intermediate/a/int_split.sql")  # unique on one column, not_null on another
    warned = model("int_warned", "intermediate/a/int_warned.sql")  # a grain test that only warns
    filtered = model("base_crm__contacts", "staging/crm/base/x.sql")  # unique over the rows staging keeps
    mapped = seed("role_map")
    tests = [
        *grain(keyed),
        data_test("unique_combination_of_columns", combined["unique_id"], columns=["a_id", "b_id"]),
        data_test(None, asserted["unique_id"], name="assert_credit_grain"),
        data_test("unique", split["unique_id"], "a_id"),
        data_test("not_null", split["unique_id"], "b_id"),
        data_test("unique_combination_of_columns", warned["unique_id"], columns=["a_id"], severity="warn"),
        data_test(
            "unique_combination_of_columns", filtered["unique_id"], columns=["id"], where="reason is null"
        ),
    ]
    manifest = manifest_of(keyed, combined, asserted, split, warned, filtered, mapped, *tests)
    rule = (
        "has no tested grain; every model and seed has unique + not_null on one column, "
        "unique_combination_of_columns, or a singular test assert_{}_grain (a view may name the model that "
        "reads it and tests its grain: meta grain_tested_in)"
    )
    assert structure.without_grain(manifest) == [
        f"{name}: {rule.format(name)}" for name in ("int_split", "int_warned", "role_map")
    ]


def _view(name, reads=(), tested_in=None, materialized="view"):
    config = {"materialized": materialized, "meta": {"grain_tested_in": tested_in} if tested_in else {}}
    return model(name, f"intermediate/a/{name}.sql", reads, config=config)


def test_a_view_may_leave_its_grain_to_a_table_that_reads_it_and_tests_it():
    first = _view("int_first", tested_in="mart")
    second = _view("int_second", [first["unique_id"]], tested_in="mart")
    mart = model("mart", "marts/mart.sql", [second["unique_id"]])
    untested = model("untested", "marts/untested.sql", [second["unique_id"]])
    unread = _view("int_unread", tested_in="mart")  # the mart does not read it
    table = _view("int_table", tested_in="mart", materialized="table")  # a table tests its own grain
    to_untested = _view("int_to_untested", tested_in="untested")  # that model's grain is not tested
    untested["depends_on"]["nodes"].append(to_untested["unique_id"])
    mart["depends_on"]["nodes"] += [table["unique_id"]]
    nodes = (first, second, mart, untested, unread, table, to_untested)
    manifest = manifest_of(*nodes, *grain(mart))
    assert [found.split(":")[0] for found in structure.without_grain(manifest)] == [
        "int_table",
        "int_to_untested",
        "int_unread",
        "untested",
    ]


def test_a_singular_test_is_a_grain_only_for_the_model_it_names():
    credit = model("credit", "marts/credit.sql")
    other = model("opportunities", "marts/opportunities.sql")
    check = data_test(None, credit["unique_id"], name="assert_credit_grain")
    check["depends_on"]["nodes"].append(other["unique_id"])
    assert structure.grains(manifest_of(credit, other, check)) == {credit["unique_id"]}


def test_every_mart_enforces_its_contract():
    enforced = model("contacts", "marts/contacts.sql", contract=True)
    loose = model("signals", "marts/signals.sql")
    helper = model("pipeline_days", "semantic/pipeline_days.sql")  # the rule is about marts only
    assert structure.marts_without_contract(manifest_of(enforced, loose, helper)) == [
        "signals: has no enforced contract; every mart sets contract: {enforced: true}"
    ]


@pytest.mark.parametrize(
    "name, path",
    [
        ("stg_crm__contacts", "staging/crm/stg_crm__contacts.sql"),
        ("stg_crm__lead_history_entries", "staging/crm/stg_crm__lead_history_entries.sql"),
        ("base_crm__lead_history", "staging/crm/base/base_crm__lead_history.sql"),
        ("stg_crm__lead_quarantined", "staging/crm/stg_crm__lead_quarantined.sql"),
        ("int_signals_classified", "intermediate/signals/int_signals_classified.sql"),
        ("int_signals__intent_surges", "intermediate/signals/int_signals__intent_surges.sql"),
        ("int_decision_unit_committee_coverage", "intermediate/committee/x.sql"),
        ("decision_unit_weeks", "marts/decision_unit_weeks.sql"),
        ("attribution_by_model", "marts/attribution_by_model.sql"),
        ("time_spine_days", "semantic/time_spine_days.sql"),
        ("raw_quarantine", "quality/raw_quarantine.sql"),
    ],
)
def test_names_that_follow_the_conventions(name, path):
    assert structure.naming_problem(model(name, path)) is None


@pytest.mark.parametrize(
    "name, path, problem",
    [
        ("stg_crm_contacts", "staging/crm/x.sql", "a model is named stg_crm__<entity>s or base_crm__<table>"),
        ("stg_marketing__contacts", "staging/crm/x.sql", "a model is named stg_crm__<entity>s"),
        ("contacts", "staging/crm/x.sql", "a model is named stg_crm__<entity>s"),
        ("stg_crm__contact", "staging/crm/x.sql", "names a singular entity"),
        (
            "stg_crm__contacts",
            "staging/stg_crm__contacts.sql",
            "staging models live in models/staging/<source>/",
        ),
        ("signals_classified", "intermediate/signals/x.sql", "intermediate models are named int_"),
        ("int_Signals", "intermediate/signals/x.sql", "intermediate models are named int_"),
        ("int_signals___parts", "intermediate/signals/x.sql", "intermediate models are named int_"),
        ("int_signals_classified", "intermediate/x.sql", "intermediate models live in an area folder"),
        ("int_contacts", "marts/int_contacts.sql", "no stg_/base_/int_ prefix"),
        ("contacts__wide", "marts/x.sql", "marts models are named for their entity"),
        ("pipeline_by_day", "semantic/x.sql", "named for their grain in the plural"),
        ("stg_raw_quarantine", "quality/x.sql", "quality models are named for their entity"),
        ("scratch_contacts", "legacy/scratch_contacts.sql", "every model belongs to a layer"),
        ("scratch_contacts", "scratch_contacts.sql", "every model belongs to a layer"),
    ],
)
def test_names_that_break_the_conventions(name, path, problem):
    found = structure.misnamed(manifest_of(model(name, path)))
    assert len(found) == 1
    assert found[0].startswith(f"{name}: ")
    assert problem in found[0]


def test_a_semantic_folder_model_is_read_by_a_semantic_model_or_is_the_time_spine():
    spine = model(
        "time_spine_days", "semantic/time_spine_days.sql", time_spine={"standard_granularity_column": "d"}
    )
    read = model("pipeline_days", "semantic/pipeline_days.sql")
    unread = model("scratch_days", "semantic/scratch_days.sql", time_spine=None)
    found = structure.unread_semantic_models(
        manifest_of(spine, read, unread, semantic_reads=[read["unique_id"]])
    )
    assert found == [
        "scratch_days: no semantic model reads it and it is not the time spine; models/semantic/ holds only "
        "what MetricFlow reads"
    ]


def test_names_of_models_seeds_and_unit_tests_fit_a_postgres_identifier():
    fits = model("m" * 63, "marts/x.sql")
    too_long = model("m" * 64, "marts/y.sql")
    long_seed = seed("s" * 64)
    unit = {"name": "u" * 70, "package_name": "lens"}
    foreign = {"name": "f" * 70, "package_name": "dbt_utils"}
    manifest = {**manifest_of(fits, too_long, long_seed), "unit_tests": {"a": unit, "b": foreign}}
    found = structure.names_too_long(manifest)
    assert [line.split(":")[0] for line in found] == ["m" * 64, "s" * 64, "u" * 70]
    assert found[2].endswith(
        "70 characters; names of models, seeds and unit tests are at most 63 (Postgres's identifier limit)"
    )


def test_violations_lists_every_rule_and_ignores_installed_packages():
    broken = model("Odd", "odd.sql", [CONTACT["unique_id"]], description="")
    foreign = {**broken, "unique_id": "model.dbt_utils.Odd", "package_name": "dbt_utils"}
    found = structure.violations(manifest_of(foreign, broken, sources=[CONTACT]))
    assert found == [
        "Odd: reads source crm.contact; only staging models may read sources",
        "Odd: has no description; every model and seed describes itself",
        "Odd: has no tested grain; every model and seed has unique + not_null on one column, "
        "unique_combination_of_columns, or a singular test assert_Odd_grain (a view may name the model "
        "that reads it and tests its grain: meta grain_tested_in)",
        "Odd: lives outside models/staging|intermediate|marts|semantic|quality/; "
        "every model belongs to a layer",
    ]


# ---- 6.: the DAG -------------------------------------------------------------------------------------------


def with_meta(node, **entries):
    return {**node, "config": {**node["config"], "meta": entries}}


def test_an_intermediate_model_reads_only_a_mart_that_says_why():
    signals = with_meta(model("signals", "marts/signals.sql"), read_by_intermediate="The one signal stream.")
    opportunities = model("opportunities", "marts/opportunities.sql")
    blank = with_meta(model("contacts", "marts/contacts.sql"), read_by_intermediate="  ")
    reader = model(
        "int_scores",
        "intermediate/readiness/int_scores.sql",
        [signals["unique_id"], opportunities["unique_id"], blank["unique_id"]],
    )
    mart = model("handoffs", "marts/handoffs.sql", [opportunities["unique_id"]])  # a mart may read a mart
    found = structure.intermediate_reading_marts(manifest_of(signals, opportunities, blank, reader, mart))
    rule = (
        "intermediate models feed marts, and read only a mart that says why in config meta "
        "read_by_intermediate"
    )
    assert found == [
        f"int_scores: reads mart contacts; {rule}",
        f"int_scores: reads mart opportunities; {rule}",
    ]


def test_a_model_with_too_many_parents_says_why():
    inputs = [seed(f"map_{index}") for index in range(structure.TOO_MANY_PARENTS)]
    ids = [node["unique_id"] for node in inputs]
    wide = model("int_wide", "intermediate/a/int_wide.sql", ids)
    explained = with_meta(
        model("int_explained", "intermediate/a/int_explained.sql", ids), many_parents_because="x"
    )
    narrow = model("int_narrow", "intermediate/a/int_narrow.sql", ids[1:] + ids[1:2])  # a parent read twice
    found = structure.too_many_parents(manifest_of(*inputs, wide, explained, narrow))
    assert found == [
        f"int_wide: reads {structure.TOO_MANY_PARENTS} parents; a model reads fewer than "
        f"{structure.TOO_MANY_PARENTS} (split it at a seam) or says why in config meta many_parents_because"
    ]


def test_a_model_that_reads_a_parent_again_through_a_model_only_it_reads_says_why():
    upstream = model("int_people", "intermediate/a/int_people.sql")
    between = model("int_people_named", "intermediate/a/int_people_named.sql", [upstream["unique_id"]])
    rejoining = model(
        "int_coverage", "intermediate/a/int_coverage.sql", [upstream["unique_id"], between["unique_id"]]
    )
    # the same shape, but the model in between has another child: a shared step, not a rejoin
    shared = model("int_shared", "intermediate/a/int_shared.sql", [upstream["unique_id"]])
    first = model("int_first", "intermediate/a/int_first.sql", [upstream["unique_id"], shared["unique_id"]])
    second = model("int_second", "intermediate/a/int_second.sql", [shared["unique_id"]])
    # read by a semantic model as well: not its only child
    exposed = model("int_exposed", "intermediate/a/int_exposed.sql", [upstream["unique_id"]])
    mart = model("mart", "marts/mart.sql", [upstream["unique_id"], exposed["unique_id"]])
    explained = with_meta(
        model("int_explained", "intermediate/a/int_explained.sql", [upstream["unique_id"]]),
        rejoins={"int_people": "Why it is one unit."},
    )
    step = model("int_step", "intermediate/a/int_step.sql", [upstream["unique_id"]])
    explained["depends_on"]["nodes"].append(step["unique_id"])
    nodes = (upstream, between, rejoining, shared, first, second, exposed, mart, explained, step)
    found = structure.rejoined_upstream_concepts(manifest_of(*nodes, semantic_reads=[exposed["unique_id"]]))
    assert found == [
        "int_coverage: reads model int_people directly and through model int_people_named, which only it "
        "reads; fold that model in, read the parent through it, or say why in config meta rejoins"
    ]


def _sql(name, lines, header):
    code = "\n".join([header, *(["select 1"] * (lines - len(header.splitlines())))])
    return model(name, f"marts/{name}.sql", raw_code=code)


def test_a_long_model_says_why_it_is_one_unit_in_its_header():
    limit = structure.MODEL_LINE_LIMIT
    reason = "{#\n    What it is.\n    Long because: the steps are one unit.\n#}"
    elsewhere = "{#\n    What it is.\n#}\n{# Long because: not in the header. #}"
    models_ = [
        _sql("fits", limit, "{#\n    What it is.\n#}"),
        _sql("too_long", limit + 1, "{#\n    What it is.\n#}"),
        _sql("explained", limit + 1, reason),
        _sql("reason_outside_header", limit + 1, elsewhere),
        _sql("no_header", limit + 1, "select 1"),
    ]
    found = structure.long_models(manifest_of(*models_))
    rule = (
        f"{limit + 1} lines; a model over {limit} lines is split at a seam or says why it is one unit in its "
        "header comment ('Long because: ...')"
    )
    assert found == [f"{name}: {rule}" for name in ("no_header", "reason_outside_header", "too_long")]


def unit_test(name, file_path):
    return {"name": name, "package_name": "lens", "original_file_path": file_path}


def test_a_unit_test_lives_in_a_unit_tests_file():
    kept = unit_test("kept", "models/marts/_contacts__unit_tests.yml")
    topical = unit_test("topical", "models/intermediate/people/_people__title_reading_unit_tests.yml")
    stray = unit_test("stray", "models/marts/_contacts__models.yml")
    foreign = {**stray, "name": "foreign", "package_name": "dbt_utils"}
    manifest = {**manifest_of(), "unit_tests": {"a": kept, "b": topical, "c": stray, "d": foreign}}

    assert structure.unit_tests_outside_their_files(manifest) == [
        "stray: written in models/marts/_contacts__models.yml; "
        "unit tests live in the *unit_tests.yml files of their model's folder"
    ]


def singular(name, path):
    return {**data_test(None, "model.lens.signals", name=name), "path": path}


def test_a_singular_test_is_named_for_what_holds_in_the_folder_of_what_it_tests():
    area_model = model("int_signals_classified", "intermediate/signals/int_signals_classified.sql")
    placed = singular("assert_signals_reconcile", "signals/assert_signals_reconcile.sql")
    by_layer = singular("assert_raw_rows_counted", "quality/assert_raw_rows_counted.sql")
    unprefixed = singular("signals_reconcile", "signals/signals_reconcile.sql")
    elsewhere = singular("assert_loose", "misc/assert_loose.sql")
    generic = data_test("unique", area_model["unique_id"], "signal_id")
    manifest = manifest_of(area_model, placed, by_layer, unprefixed, elsewhere, generic)

    found = structure.misplaced_singular_tests(manifest)

    assert [line.split(":")[0] for line in found] == ["assert_loose", "signals_reconcile"]
    assert found[0].startswith("assert_loose: in tests/misc; a singular test sits in tests/<folder>/")
    assert "signals" in found[0] and "quality" in found[0]
    assert found[1] == "signals_reconcile: singular tests are named assert_<what holds>"
