"""The semantic layer's definitions: MetricFlow's own validation passes, and every metric says who owns it."""

from __future__ import annotations

import json
import re

import pytest
from metricflow_semantic_interfaces.validations.semantic_manifest_validator import SemanticManifestValidator
from metricflow_semantics.model.dbt_manifest_parser import parse_manifest_from_dbt_generated_manifest

TEAMS = {"marketing", "sales", "shared"}
LENSES = {"generic", "decision"}
REQUIRED_METRICS = {
    "engaged_accounts",
    "intent_accounts",
    "authority_engaged_accounts",
    "decision_ready_accounts",
    "committee_completeness",
    "usage_to_authority_ratio",
    "mqls",
    "mqas",
    "engagement_to_intent_conversion",
    "readiness_to_opportunity_conversion",
    "premature_handoff_rate",
    "handoff_to_opportunity_rate",
    "pipeline_created",
    "won_amount",
    "win_rate",
    "average_sales_cycle_days",
    "attributed_pipeline",
    "attributed_revenue",
    "attributed_pipeline_linear",
    "attributed_revenue_data_driven",
    "cumulative_pipeline",
    "pipeline_created_growth_mom",
}


@pytest.fixture(scope="module")
def manifest(parsed_project):
    """The semantic manifest `dbt parse` writes (no database needed)."""
    text = (parsed_project / "semantic_manifest.json").read_text()
    return parse_manifest_from_dbt_generated_manifest(manifest_json_string=text)


def test_metricflow_validation_finds_no_errors(manifest):
    """What `mf validate-configs` checks before it reaches the database."""
    results = SemanticManifestValidator().validate_semantic_manifest(manifest)
    assert not results.has_blocking_issues, [issue.message for issue in results.all_issues]


def test_every_metric_type_and_every_required_metric_is_defined(manifest):
    names = {metric.name for metric in manifest.metrics}
    assert names >= REQUIRED_METRICS, REQUIRED_METRICS - names
    types = {str(metric.type.value) for metric in manifest.metrics}
    assert types == {"simple", "ratio", "cumulative", "derived", "conversion"}


def defined_metrics(manifest):
    """The metrics of models/semantic/*.yml: MetricFlow also makes a metric for each measure a cumulative or
    conversion metric reads, named after the measure; those are its plumbing, not definitions."""
    measures = {measure.name for model in manifest.semantic_models for measure in model.measures}
    return [metric for metric in manifest.metrics if stand_in_measure(metric.name) not in measures]


def stand_in_measure(name: str) -> str:
    """The measure a stand-in is named after: `<measure>` or, when its nulls are filled,
    `<measure>_fill_nulls_with_<value>`."""
    return re.sub(r"_fill_nulls_with_\d+$", "", name)


def test_every_metric_answers_a_question_and_names_its_owner_and_lens(manifest):
    for metric in defined_metrics(manifest):
        assert metric.description and "?" in metric.description, metric.name
        meta = metric.config.meta if metric.config else {}
        assert meta.get("owner_team") in TEAMS, metric.name
        assert meta.get("lens") in LENSES, metric.name


def test_saved_queries_serve_each_team(manifest):
    assert {query.name for query in manifest.saved_queries} == {
        "marketing_weekly",
        "sales_pipeline",
        "alignment_scorecard",
    }


def test_every_saved_query_orders_by_its_time_dimensions(manifest):
    """Without an order, DuckDB's parallel plans return rows in any order: each saved query names its own."""
    for query in manifest.saved_queries:
        time_items = [item for item in query.query_params.group_by if item.startswith("TimeDimension(")]
        assert time_items, query.name
        assert list(query.query_params.order_by[: len(time_items)]) == time_items, query.name


def test_cumulative_metrics_read_a_daily_grain_model(manifest):
    """A cumulative metric over a fact table is a quadratic join with the time spine: read a daily model."""
    measure_models = {
        measure.name: model.node_relation.alias
        for model in manifest.semantic_models
        for measure in model.measures
    }
    for metric in manifest.metrics:
        if str(metric.type.value) == "cumulative":
            assert measure_models[metric.type_params.measure.name].endswith("_days"), metric.name


def attribution_models_of_the_mart(parsed_project) -> set[str]:
    """The accepted values of attribution_credit.attribution_model, from dbt's manifest."""
    manifest = json.loads((parsed_project / "manifest.json").read_text())
    (values,) = [
        node["test_metadata"]["kwargs"]["values"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "test"
        and node.get("test_metadata", {}).get("name") == "accepted_values"
        and node.get("column_name") == "attribution_model"
        and node["attached_node"].endswith(".attribution_credit")
    ]
    return set(values)


def test_every_attribution_metric_reads_exactly_one_attribution_model(manifest, parsed_project):
    """Credit summed over the attribution models is the pipeline once per model: no metric may add them up,
    whatever a query groups by or filters on, so each metric's own filter names one model."""
    attribution_measures = {
        measure.name
        for model in manifest.semantic_models
        if model.name == "attribution_credit"
        for measure in model.measures
    }
    one_model = re.compile(r"\{\{ Dimension\('attribution_credit__attribution_model'\) \}\} = '(\w+)'")
    read = {}
    for metric in defined_metrics(manifest):
        if not {ref.element_name for ref in metric.measure_references} & attribution_measures:
            continue
        assert metric.type.value == "simple", metric.name
        filters = [where for where in metric.filter.where_filters] if metric.filter else []
        matches = [one_model.fullmatch(where.where_sql_template) for where in filters]
        assert len(matches) == 1 and matches[0], f"{metric.name} does not name one attribution model"
        read[metric.name] = matches[0].group(1)
    models = attribution_models_of_the_mart(parsed_project)
    for measure in ("attributed_pipeline", "attributed_revenue"):
        assert read[measure] == "decision_aware"
        assert {read[f"{measure}_{model}"] for model in models} == models, "one metric per model"
