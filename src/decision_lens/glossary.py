"""The metric glossary: every metric of the semantic layer in words, from the manifest `dbt parse` writes.

For each metric: its label, the question it answers (its description) and what it counts or divides, in words;
who owns it (config.meta.owner_team), which lens it belongs to (config.meta.lens) and the dashboard's charts
that show it; then, for analysts, its definition in the layer's terms (name, measures, expressions, filters)
and the dimensions it can be grouped by. Then the saved queries. No database is needed: the group-by items
come from MetricFlow's own resolution on the manifest (`SemanticManifestLookup`), the path
`mf list dimensions --metrics X` takes, without the engine (which wants a SQL client). Everything is sorted,
so two glossaries can be diffed. glossary_pages.py writes it as Markdown and HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from metricflow.engine.metricflow_engine import SIMPLE_DIMENSIONS_WITHOUT_ANY_PROPERTIES
from metricflow_semantic_interfaces.implementations.filters.where_filter import (
    PydanticWhereFilterIntersection,
)
from metricflow_semantic_interfaces.implementations.metric import (
    PydanticConversionTypeParams,
    PydanticMetric,
    PydanticMetricInput,
    PydanticMetricTimeWindow,
)
from metricflow_semantic_interfaces.implementations.semantic_manifest import PydanticSemanticManifest
from metricflow_semantic_interfaces.references import MetricReference
from metricflow_semantics.model.dbt_manifest_parser import parse_manifest_from_dbt_generated_manifest
from metricflow_semantics.model.linkable_element_property import GroupByItemProperty
from metricflow_semantics.model.semantic_manifest_lookup import SemanticManifestLookup
from metricflow_semantics.model.semantics.element_filter import GroupByItemSetFilter
from metricflow_semantics.model.semantics.linkable_element import LinkableElementType
from metricflow_semantics.naming.linkable_spec_name import StructuredLinkableSpecName

from decision_lens.dashboard.catalog import ChartInfo, charts_showing
from decision_lens.project import LensError

UNSET = "(unset)"

AGGREGATIONS = {
    "sum": "sum of",
    "min": "minimum of",
    "max": "maximum of",
    "count_distinct": "count of distinct",
    "sum_boolean": "count of rows where",
    "average": "average of",
    "percentile": "percentile of",
    "median": "median of",
    "count": "count of",
}
# the same, in the words of a sentence; a sum of ones and zeros (a flag per row) counts
AGGREGATION_WORDS = {
    "sum": "Adds up",
    "min": "Takes the lowest of",
    "max": "Takes the highest of",
    "count_distinct": "Counts",
    "sum_boolean": "Counts",
    "average": "Averages",
    "percentile": "Takes a percentile of",
    "median": "Takes the median of",
    "count": "Counts",
}
FLAG_EXPR = re.compile(r"1|case when .+ then 1 else 0 end", flags=re.I | re.S)
# the filters said in words: a dimension compared with a value, a time that is set
FILTER_DIMENSION = r"\{\{\s*(?:Time)?Dimension\('(?:\w+__)?(\w+)'(?:,\s*'\w+')?\)\s*\}\}"
FILTER_EQUALS = re.compile(FILTER_DIMENSION + r"\s*=\s*'([^']*)'")
FILTER_IS_SET = re.compile(FILTER_DIMENSION + r"\s+is\s+not\s+null", flags=re.I)
TEAM_WORDS = {"shared": "Owned by marketing and sales together.", UNSET: "No owner team is set."}
LENS_WORDS = {
    "generic": "Generic lens: the standard measure most teams use today, blind to who in the account acted "
    "and when.",
    "decision": "Decision lens: reads who in the buying committee acted, and whether a budget or renewal "
    "window was open.",
    UNSET: "No lens is set.",
}


@dataclass(frozen=True)
class GroupByItem:
    """A dimension a metric can be grouped by: its qualified name, and its base grain if it is a time."""

    name: str
    time_grain: str | None = None

    def text(self) -> str:
        return f"{self.name} (time, {self.time_grain})" if self.time_grain else self.name


@dataclass(frozen=True)
class MetricEntry:
    """A metric for its readers (label, question, in_words, owner, lens, charts), then for analysts."""

    name: str
    label: str
    type: str
    owner_team: str
    lens: str
    question: str
    in_words: tuple[str, ...]
    definition: tuple[str, ...]
    filters: tuple[str, ...]
    dimensions: tuple[GroupByItem, ...]
    charts: tuple[ChartInfo, ...]

    def owner_in_words(self) -> str:
        return TEAM_WORDS.get(self.owner_team, f"Owned by the {self.owner_team} team.")

    def lens_in_words(self) -> str:
        return LENS_WORDS.get(self.lens, f"Lens: {self.lens}.")


@dataclass(frozen=True)
class SavedQueryEntry:
    name: str
    label: str
    description: str
    metrics: tuple[str, ...]
    group_by: tuple[str, ...]
    where: tuple[str, ...]
    order_by: tuple[str, ...]
    limit: int | None


@dataclass(frozen=True)
class Glossary:
    """Metrics sorted by owner team, lens and name; saved queries by name."""

    metrics: tuple[MetricEntry, ...]
    saved_queries: tuple[SavedQueryEntry, ...]

    def sections(self) -> list[tuple[str, str, list[MetricEntry]]]:
        """(team, lens, metrics) in order, for the team-then-lens headings."""
        grouped: dict[tuple[str, str], list[MetricEntry]] = {}
        for metric in self.metrics:
            grouped.setdefault((metric.owner_team, metric.lens), []).append(metric)
        return [(team, lens, grouped[team, lens]) for team, lens in sorted(grouped)]


# ---------------------------------------------------------------------------------------------------------
# Reading the manifest


def load_semantic_manifest(semantic_manifest_path: Path) -> PydanticSemanticManifest:
    """The manifest as MetricFlow reads it (its transformations applied, as `mf` and the engine see it)."""
    if not semantic_manifest_path.is_file():
        raise LensError(
            f"No semantic manifest at {semantic_manifest_path}: run `dbt parse` (or `lens build`) first."
        )
    return parse_manifest_from_dbt_generated_manifest(manifest_json_string=semantic_manifest_path.read_text())


def is_defined_metric(metric: PydanticMetric) -> bool:
    """A metric of models/semantic/*.yml, not one of MetricFlow's own.

    The semantic_manifest.json dbt writes holds only the metrics of the YAML. Reading it, MetricFlow's parser
    (`parse_manifest_from_dbt_generated_manifest`) replaces every measure a cumulative or conversion metric
    reads with a simple metric named after the measure (active_units, distinct_units, daily_pipeline_amount
    ...), and marks it private: "the metric should not be exposed in APIs and end users". Those have no
    owner, lens or question; they are plumbing, so the glossary leaves them out. tests/python/
    test_semantic_layer.py's `defined_metrics` drops the metrics named after a measure, which picks the same
    ones in this project (test_glossary.py checks that the two rules agree). The private flag is the marker
    MetricFlow itself sets, and the name rule goes wrong where it does not: it would drop a YAML metric that
    shares its measure's name, and keep MetricFlow's renamed stand-ins (`<measure>_1`,
    `<measure>_fill_nulls_with_0`, `<measure>_join_to_timespine`). A measure with `create_metric: true` gets
    a public metric: it is listed, with its owner and lens unset.
    """
    return not metric.type_params.is_private


def build_glossary(manifest: PydanticSemanticManifest) -> Glossary:
    lookup = SemanticManifestLookup(manifest)
    describer = _Describer(manifest)
    entries = []
    for metric in manifest.metrics:
        if not is_defined_metric(metric):
            continue
        meta = (metric.config.meta if metric.config else None) or {}
        entries.append(
            MetricEntry(
                name=metric.name,
                label=_words(metric.label) or metric.name,
                type=str(metric.type.value),
                owner_team=str(meta.get("owner_team") or UNSET),
                lens=str(meta.get("lens") or UNSET),
                question=_words(metric.description),
                in_words=tuple(describer.in_words(metric)),
                definition=tuple(describer.definition(metric)),
                filters=_filters(metric.filter),
                dimensions=group_by_items(lookup, metric.name),
                charts=charts_showing(metric.name),
            )
        )
    entries.sort(key=lambda entry: (entry.owner_team, entry.lens, entry.name))
    queries = sorted(
        (
            SavedQueryEntry(
                name=query.name,
                label=_words(query.label) or query.name,
                description=_words(query.description),
                metrics=tuple(query.query_params.metrics),
                group_by=tuple(query.query_params.group_by),
                where=_filters(query.query_params.where),
                order_by=tuple(query.query_params.order_by),
                limit=query.query_params.limit,
            )
            for query in manifest.saved_queries
        ),
        key=lambda query: query.name,
    )
    return Glossary(metrics=tuple(entries), saved_queries=tuple(queries))


def group_by_items(lookup: SemanticManifestLookup, metric_name: str) -> tuple[GroupByItem, ...]:
    """What `mf list dimensions --metrics <metric_name>` lists, sorted by name, without a SQL client.

    MetricFlowEngine.simple_dimensions_for_metrics asks the metric lookup for the common group-by items
    without entities, metrics, date parts, derived grains or local-linked duplicates, then keeps dimensions
    and time dimensions (metric_time at its base grain). The same call and the same filter, here."""
    items = lookup.metric_lookup.get_common_group_by_items(
        metric_references=(MetricReference(element_name=metric_name),),
        set_filter=GroupByItemSetFilter.create(
            any_properties_denylist=tuple(SIMPLE_DIMENSIONS_WITHOUT_ANY_PROPERTIES)
        ),
    )
    found: set[GroupByItem] = set()
    for spec in items.annotated_specs:
        if spec.element_type is LinkableElementType.TIME_DIMENSION:
            if GroupByItemProperty.DATE_PART in spec.property_set:
                continue
            grain = spec.time_grain.name if spec.time_grain is not None else None
        elif spec.element_type is LinkableElementType.DIMENSION:
            grain = None
        else:
            continue
        name = StructuredLinkableSpecName(
            entity_link_names=tuple(link.element_name for link in spec.spec.entity_links),
            element_name=spec.element_name,
        ).dunder_name
        found.add(GroupByItem(name=name, time_grain=grain))
    return tuple(sorted(found, key=lambda item: (item.name, item.time_grain or "")))


class _Describer:
    """A metric in words for its readers (in_words), and its definition in the layer's terms, one line per
    part (definition)."""

    def __init__(self, manifest: PydanticSemanticManifest) -> None:
        self._metrics = {metric.name: metric for metric in manifest.metrics}
        self._models = {model.name: model for model in manifest.semantic_models}
        self._measures = {
            measure.name: measure for model in manifest.semantic_models for measure in model.measures
        }

    def in_words(self, metric: PydanticMetric) -> list[str]:
        """What the metric counts, adds up or divides, as sentences without the layer's names or SQL."""
        kind = str(metric.type.value)
        params = metric.type_params
        lines: list[str] = []
        if kind == "simple":
            lines = self.simple_words(metric)
        elif kind == "ratio":
            numerator, denominator = self.input_words(params.numerator), self.input_words(params.denominator)
            lines = [_sentence(f"{numerator}, divided by {denominator}.")]
        elif kind == "derived":
            inputs = "; ".join(self.input_words(item) for item in params.metrics or ())
            lines = [f"Calculated from {inputs} (the formula is in the definition for analysts)."]
        elif kind == "cumulative":
            lines = [self.cumulative_words(metric)]
        elif kind == "conversion":
            lines = self.conversion_words(metric)
        filters = _filters(metric.filter)
        if filters:
            lines.append(_sentence(f"{_filter_words(filters)}."))
        return lines

    def simple_words(self, metric: PydanticMetric) -> list[str]:
        """What the measure counts or adds up, in its description's words (nothing without one)."""
        params = metric.type_params
        measure = self._measures.get(params.measure.name) if params.measure else None
        aggregation = params.metric_aggregation_params
        if measure is None or not measure.description or aggregation is None:
            return []
        agg = str(aggregation.agg.value)
        if agg == "sum" and FLAG_EXPR.fullmatch(_words(params.expr)):
            agg = "count"
        return [f"{AGGREGATION_WORDS.get(agg, 'Aggregates')} {_phrase(measure.description)}."]

    def input_words(self, item: PydanticMetricInput | None) -> str:
        """A metric another one reads, as a phrase: its label (MetricFlow's stand-in for a measure: the
        measure's description), its offset and its filter in words."""
        if item is None:
            return UNSET
        text = item.name
        metric = self._metrics.get(item.name)
        if metric is not None and is_defined_metric(metric):
            text = _words(metric.label) or item.name
        elif metric is not None and metric.type_params.measure is not None:
            measure = self._measures.get(metric.type_params.measure.name)
            text = _words(measure.description if measure else None) or item.name
        text = _phrase(text)
        if item.offset_window is not None:
            text += f", {_window(item.offset_window)} earlier"
        if item.offset_to_grain:
            text += f", at the start of the {item.offset_to_grain}"
        filters = _filters(item.filter)
        if filters:
            text += f", {_filter_words(filters)}"
        return text

    def cumulative_words(self, metric: PydanticMetric) -> str:
        source, window, grain_to_date = _cumulative_parts(metric)
        if window is not None:
            span = f"over the trailing {_window(window)}"
        elif grain_to_date:
            span = f"since the start of each {grain_to_date}"
        else:
            span = "since the data begins"
        return f"Running total of {self.input_words(source)}, {span}."

    def conversion_words(self, metric: PydanticMetric) -> list[str]:
        params = metric.type_params.conversion_type_params
        if params is None:
            return []
        base, conversion = _conversion_inputs(params)
        window = f"within {_window(params.window)}" if params.window else "at any time later"
        value = "share" if str(params.calculation.value) == "conversion_rate" else "number"
        return [
            _sentence(f"starting event: {self.input_words(base)}."),
            _sentence(
                f"conversion event: {self.input_words(conversion)}, for the same "
                f"{params.entity.replace('_', ' ')} {window}."
            ),
            f"The {value} of starting events followed by a conversion event.",
        ]

    def definition(self, metric: PydanticMetric) -> list[str]:
        kind = str(metric.type.value)
        params = metric.type_params
        lines: list[str]
        if kind == "simple":
            lines = [self.aggregation(metric)]
            if params.fill_nulls_with is not None:
                lines.append(f"Empty periods read as {params.fill_nulls_with} (fill_nulls_with).")
            if params.join_to_timespine:
                lines.append("Joined to the time spine: every period appears, with or without rows.")
        elif kind == "ratio":
            lines = [
                f"Numerator: {self.input(params.numerator)}",
                f"Denominator: {self.input(params.denominator)}",
                "Value: numerator / denominator, each aggregated over the same group-by items.",
            ]
        elif kind == "derived":
            lines = [f"Expression: `{_words(params.expr)}`"]
            lines += [f"Input: {self.input(item)}" for item in params.metrics or ()]
        elif kind == "cumulative":
            lines = self.cumulative(metric)
        elif kind == "conversion":
            lines = self.conversion(metric)
        else:
            lines = [f"Metric of type {kind}."]
        if metric.time_granularity:
            lines.append(f"Default grain of metric_time: {metric.time_granularity}.")
        return lines

    def aggregation(self, metric: PydanticMetric) -> str:
        """A simple metric: the aggregation, the expression, the semantic model and the time it is counted by.

        MetricFlow's parser copies the measure's agg, expr and semantic model onto the simple metric
        (metric_aggregation_params); the measure itself is looked up where it is still named."""
        params = metric.type_params
        aggregation = params.metric_aggregation_params
        measure = params.measure.name if params.measure else None
        if aggregation is None:
            return f"Reads measure {measure}." if measure else "A simple metric."
        model_name = aggregation.semantic_model
        model = self._models.get(model_name)
        expr = _words(params.expr) or measure or metric.name
        agg = str(aggregation.agg.value)
        text = f"{AGGREGATIONS.get(agg, agg)} `{expr}`"
        if aggregation.agg_params and aggregation.agg_params.percentile is not None:
            text += f" (percentile {aggregation.agg_params.percentile:g})"
        text += f" in semantic model {model_name}"
        if measure:
            text += f" (measure {measure})"
        time = aggregation.agg_time_dimension or (
            model.defaults.agg_time_dimension if model is not None and model.defaults else None
        )
        if time:
            text += f", counted by {time}"
        text += "."
        non_additive = aggregation.non_additive_dimension
        if non_additive is not None:
            pick = "latest" if str(non_additive.window_choice.value) == "max" else "earliest"
            text += (
                f" Semi-additive: over a period it is read at the {pick} {non_additive.name} of the period,"
                f" never summed across {non_additive.name}"
            )
            if non_additive.window_groupings:
                text += f" (per {', '.join(sorted(non_additive.window_groupings))})"
            text += "."
        return text

    def input(self, item: PydanticMetricInput | None) -> str:
        """A metric read by a ratio, derived, cumulative or conversion metric: alias, offset, filter."""
        if item is None:
            return UNSET
        text = item.name
        if item.alias:
            text += f" as {item.alias}"
        if item.offset_window is not None:
            text += f", offset by {_window(item.offset_window)}"
        if item.offset_to_grain:
            text += f", offset to the start of the {item.offset_to_grain}"
        filters = _filters(item.filter)
        if filters:
            text += ", where " + " and ".join(f"`{item}`" for item in filters)
        metric = self._metrics.get(item.name)
        if metric is not None and not is_defined_metric(metric):
            # MetricFlow's stand-in for a measure: say what the measure is
            text += f" ({self.aggregation(metric)[:-1]})"
        return text

    def cumulative(self, metric: PydanticMetric) -> list[str]:
        cumulative = metric.type_params.cumulative_type_params
        source, window, grain_to_date = _cumulative_parts(metric)
        if window is not None:
            span = f"Accumulated over a trailing window of {_window(window)} up to each metric_time."
        elif grain_to_date:
            span = f"Accumulated from the start of each {grain_to_date} to date (grain to date)."
        else:
            span = "Accumulated over all time up to each metric_time (no window)."
        lines = [f"Input: {self.input(source)}", span]
        if cumulative is not None:
            lines.append(
                "Grouped by a coarser grain than the input's, a period shows its "
                f"{cumulative.period_agg.value} value (period_agg)."
            )
        return lines

    def conversion(self, metric: PydanticMetric) -> list[str]:
        params = metric.type_params.conversion_type_params
        if params is None:
            return ["A conversion metric."]
        base, conversion = _conversion_inputs(params)
        window = _window(params.window) if params.window else "any time later (no window)"
        calculation = str(params.calculation.value)
        lines = [
            f"Base event: {self.input(base)}",
            f"Conversion event: {self.input(conversion)}",
            f"Entity: {params.entity} (a conversion is an event of the same {params.entity} at or after the"
            " base event)",
            f"Window: {window}",
        ]
        if calculation == "conversion_rate":
            lines.append("Calculation: conversion_rate (conversions / base events)")
        else:
            lines.append(f"Calculation: {calculation}")
        for constant in params.constant_properties or ():
            lines.append(
                f"Constant property: base {constant.base_property}"
                f" = conversion {constant.conversion_property}"
            )
        return lines


def _cumulative_parts(
    metric: PydanticMetric,
) -> tuple[PydanticMetricInput | None, PydanticMetricTimeWindow | None, str | None]:
    """A cumulative metric's input, window and grain to date, from cumulative_type_params or type_params'
    own fields."""
    params = metric.type_params
    cumulative = params.cumulative_type_params
    source = cumulative.metric if cumulative and cumulative.metric else None
    if source is None and params.measure is not None:
        source = PydanticMetricInput(name=params.measure.name, filter=params.measure.filter)
    window = (cumulative.window if cumulative else None) or params.window
    grain_to_date = (cumulative.grain_to_date if cumulative else None) or (
        str(params.grain_to_date.value) if params.grain_to_date else None
    )
    return source, window, grain_to_date


def _conversion_inputs(
    params: PydanticConversionTypeParams,
) -> tuple[PydanticMetricInput | None, PydanticMetricInput | None]:
    """A conversion metric's base and conversion inputs, whether it names metrics or measures."""
    base = params.base_metric or (
        PydanticMetricInput(name=params.base_measure.name, filter=params.base_measure.filter)
        if params.base_measure
        else None
    )
    conversion = params.conversion_metric or (
        PydanticMetricInput(name=params.conversion_measure.name, filter=params.conversion_measure.filter)
        if params.conversion_measure
        else None
    )
    return base, conversion


def _filter_words(filters: tuple[str, ...]) -> str:
    """Filters as a condition in words where each compares a dimension with a value or asks that a time be
    set; else a pointer to the definition for analysts."""
    conditions = []
    for item in filters:
        if match := FILTER_EQUALS.fullmatch(item):
            conditions.append(f"{match[1].replace('_', ' ')} is {match[2]}")
        elif match := FILTER_IS_SET.fullmatch(item):
            conditions.append(f"{match[1].replace('_', ' ')} is set")
        else:
            return "only the rows its filters keep (see the definition for analysts)"
    return "only where " + " and ".join(conditions)


def _phrase(text: str) -> str:
    """Text to go inside a sentence: one line, no final period, its first letter lower-case unless it
    begins an acronym (MQAs)."""
    text = _words(text).removesuffix(".")
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _words(text: str | None) -> str:
    """Folded YAML text on one line."""
    return " ".join((text or "").split())


def _window(window: PydanticMetricTimeWindow) -> str:
    return f"{window.count} {window.granularity}{'' if window.count == 1 else 's'}"


def _filters(where: PydanticWhereFilterIntersection | None) -> tuple[str, ...]:
    if where is None:
        return ()
    return tuple(_words(item.where_sql_template) for item in where.where_filters)
