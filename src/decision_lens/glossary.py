"""The metric glossary: every metric of the semantic layer in words, from the manifest `dbt parse` writes.

For each metric: who owns it (config.meta.owner_team), which lens it belongs to (config.meta.lens), the
question it answers (its description), its definition in plain terms and the dimensions it can be grouped by;
then the saved queries. Written as Markdown (for diffs and review) and as one standalone HTML page (no
scripts, no external CSS or fonts). No database is needed: the group-by items come from MetricFlow's own
resolution on the manifest (`SemanticManifestLookup`), the path `mf list dimensions --metrics X` takes,
without the engine (which wants a SQL client). Everything is sorted, so two glossaries can be diffed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
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

from decision_lens.project import LensError

MARKDOWN_FILE = "glossary.md"
HTML_FILE = "glossary.html"
TITLE = "Decision Lens metric glossary"
UNSET = "(unset)"
CODE_SPAN = re.compile(r"`([^`]*)`")

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


@dataclass(frozen=True)
class GroupByItem:
    """A dimension a metric can be grouped by: its qualified name, and its base grain if it is a time."""

    name: str
    time_grain: str | None = None

    def text(self) -> str:
        return f"{self.name} (time, {self.time_grain})" if self.time_grain else self.name


@dataclass(frozen=True)
class MetricEntry:
    name: str
    label: str
    type: str
    owner_team: str
    lens: str
    question: str
    definition: tuple[str, ...]
    filters: tuple[str, ...]
    dimensions: tuple[GroupByItem, ...]


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
                definition=tuple(describer.definition(metric)),
                filters=_filters(metric.filter),
                dimensions=group_by_items(lookup, metric.name),
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
    """A metric's definition in plain terms, one line per part."""

    def __init__(self, manifest: PydanticSemanticManifest) -> None:
        self._metrics = {metric.name: metric for metric in manifest.metrics}
        self._models = {model.name: model for model in manifest.semantic_models}

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


def _words(text: str | None) -> str:
    """Folded YAML text on one line."""
    return " ".join((text or "").split())


def _window(window: PydanticMetricTimeWindow) -> str:
    return f"{window.count} {window.granularity}{'' if window.count == 1 else 's'}"


def _filters(where: PydanticWhereFilterIntersection | None) -> tuple[str, ...]:
    if where is None:
        return ()
    return tuple(_words(item.where_sql_template) for item in where.where_filters)


# ---------------------------------------------------------------------------------------------------------
# Markdown


def render_markdown(glossary: Glossary) -> str:
    lines = [
        f"# {TITLE}",
        "",
        "Generated from the semantic manifest (`dbt parse`): do not edit by hand. "
        f"{len(glossary.metrics)} metrics, {len(glossary.saved_queries)} saved queries. "
        "Group-by items are MetricFlow's (`mf list dimensions --metrics <metric>`).",
        "",
        "## Summary",
        "",
        "| Metric | Team | Lens | Type | Question |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| `{m.name}` | {m.owner_team} | {m.lens} | {m.type} | {_md_cell(m.question)} |"
        for m in glossary.metrics
    ]
    current_team = None
    for team, lens, metrics in glossary.sections():
        if team != current_team:
            lines += ["", f"## Team: {team}"]
            current_team = team
        lines += ["", f"### {team} · lens: {lens}"]
        for metric in metrics:
            lines += ["", *_md_metric(metric)]
    lines += ["", "## Saved queries"]
    for query in glossary.saved_queries:
        lines += ["", *_md_saved_query(query)]
    return "\n".join(lines) + "\n"


def _md_metric(metric: MetricEntry) -> list[str]:
    lines = [
        f"#### `{metric.name}`: {metric.label}",
        "",
        f"- **Type:** {metric.type}",
        f"- **Owner team:** {metric.owner_team}",
        f"- **Lens:** {metric.lens}",
        f"- **Question:** {metric.question or UNSET}",
        "- **Definition:**",
        *(f"  - {line}" for line in metric.definition),
    ]
    if metric.filters:
        lines += ["- **Filters:**", *(f"  - `{item}`" for item in metric.filters)]
    lines.append(
        f"- **Group by ({len(metric.dimensions)}):** " + _md_codes(d.text() for d in metric.dimensions)
    )
    return lines


def _md_saved_query(query: SavedQueryEntry) -> list[str]:
    lines = [
        f"### `{query.name}`: {query.label}",
        "",
        f"- **Description:** {query.description or UNSET}",
        f"- **Metrics:** {_md_codes(query.metrics)}",
        f"- **Group by:** {_md_codes(query.group_by) or '(none)'}",
    ]
    if query.where:
        lines.append(f"- **Where:** {_md_codes(query.where)}")
    if query.order_by:
        lines.append(f"- **Order by:** {_md_codes(query.order_by)}")
    if query.limit is not None:
        lines.append(f"- **Limit:** {query.limit}")
    return lines


def _md_codes(items: Iterable[str]) -> str:
    return ", ".join(f"`{item}`" for item in items)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


# ---------------------------------------------------------------------------------------------------------
# HTML

CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 70rem;
  padding: 0 1rem; color: #1d2329; }
h1, h2, h3, h4 { line-height: 1.25; }
h2 { border-bottom: 2px solid #d0d7de; padding-bottom: .2rem; margin-top: 2.5rem; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; }
code { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: #f3f5f7;
  padding: 0 .2rem; border-radius: 3px; }
article { border: 1px solid #d0d7de; border-radius: 6px; padding: .2rem 1rem .8rem; margin: 1rem 0; }
dt { font-weight: 600; margin-top: .4rem; }
dd { margin-left: 1.2rem; }
ul.dims { columns: 3; margin: .2rem 0; }
.tag { display: inline-block; padding: 0 .4rem; border-radius: 3px; background: #e7eef8; font-size: 13px; }
"""


def escape(text: object) -> str:
    """Text for HTML: &, <, >, and both quotes escaped, so it is safe in element content and attributes."""
    return html.escape(str(text), quote=True)


def render_html(glossary: Glossary) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(TITLE)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(TITLE)}</h1>",
        f"<p>Generated from the semantic manifest (<code>dbt parse</code>): do not edit by hand. "
        f"{len(glossary.metrics)} metrics, {len(glossary.saved_queries)} saved queries. Group-by items are "
        "MetricFlow&#x27;s (<code>mf list dimensions --metrics &lt;metric&gt;</code>).</p>",
        '<h2 id="summary">Summary</h2>',
        "<table>",
        "<thead><tr><th>Metric</th><th>Team</th><th>Lens</th><th>Type</th><th>Question</th></tr></thead>",
        "<tbody>",
    ]
    for m in glossary.metrics:
        parts.append(
            f'<tr><td><a href="#{_anchor("metric", m.name)}"><code>{escape(m.name)}</code></a></td>'
            f"<td>{escape(m.owner_team)}</td><td>{escape(m.lens)}</td><td>{escape(m.type)}</td>"
            f"<td>{escape(m.question)}</td></tr>"
        )
    parts += ["</tbody>", "</table>"]
    current_team = None
    for team, lens, metrics in glossary.sections():
        if team != current_team:
            parts.append(f'<h2 id="{_anchor("team", team)}">Team: {escape(team)}</h2>')
            current_team = team
        parts.append(f'<h3 id="{_anchor("lens", team, lens)}">{escape(team)} · lens: {escape(lens)}</h3>')
        for metric in metrics:
            parts += _html_metric(metric)
    parts.append('<h2 id="saved-queries">Saved queries</h2>')
    for query in glossary.saved_queries:
        parts += _html_saved_query(query)
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _html_metric(metric: MetricEntry) -> list[str]:
    parts = [
        f'<article id="{_anchor("metric", metric.name)}">',
        f"<h4><code>{escape(metric.name)}</code>: {escape(metric.label)}</h4>",
        f'<p><span class="tag">{escape(metric.type)}</span> <span class="tag">team: '
        f'{escape(metric.owner_team)}</span> <span class="tag">lens: {escape(metric.lens)}</span></p>',
        "<dl>",
        f"<dt>Question</dt><dd>{escape(metric.question or UNSET)}</dd>",
        f"<dt>Definition</dt><dd>{_html_list(metric.definition)}</dd>",
    ]
    if metric.filters:
        parts.append(f"<dt>Filters</dt><dd>{_html_list(metric.filters, code=True)}</dd>")
    parts += [
        f"<dt>Group by ({len(metric.dimensions)})</dt>"
        f"<dd>{_html_list((d.text() for d in metric.dimensions), code=True, css_class='dims')}</dd>",
        "</dl>",
        "</article>",
    ]
    return parts


def _html_saved_query(query: SavedQueryEntry) -> list[str]:
    parts = [
        f'<article id="{_anchor("saved-query", query.name)}">',
        f"<h3><code>{escape(query.name)}</code>: {escape(query.label)}</h3>",
        "<dl>",
        f"<dt>Description</dt><dd>{escape(query.description or UNSET)}</dd>",
        "<dt>Metrics</dt><dd>"
        + ", ".join(
            f'<a href="#{_anchor("metric", name)}"><code>{escape(name)}</code></a>' for name in query.metrics
        )
        + "</dd>",
        f"<dt>Group by</dt><dd>{_html_codes(query.group_by) or '(none)'}</dd>",
    ]
    if query.where:
        parts.append(f"<dt>Where</dt><dd>{_html_codes(query.where)}</dd>")
    if query.order_by:
        parts.append(f"<dt>Order by</dt><dd>{_html_codes(query.order_by)}</dd>")
    if query.limit is not None:
        parts.append(f"<dt>Limit</dt><dd>{escape(query.limit)}</dd>")
    parts += ["</dl>", "</article>"]
    return parts


def _html_list(items: Iterable[str], code: bool = False, css_class: str = "") -> str:
    attribute = f' class="{escape(css_class)}"' if css_class else ""
    cells = (f"<code>{escape(item)}</code>" if code else _html_text(item) for item in items)
    return f"<ul{attribute}>" + "".join(f"<li>{cell}</li>" for cell in cells) + "</ul>"


def _html_text(text: str) -> str:
    """Escaped text, its `code spans` (the definitions' notation, shared with Markdown) as <code>."""
    return CODE_SPAN.sub(r"<code>\1</code>", escape(text))


def _html_codes(items: Sequence[str]) -> str:
    return ", ".join(f"<code>{escape(item)}</code>" for item in items)


def _anchor(*parts: str) -> str:
    """An id attribute: the parts joined by dashes, characters outside [A-Za-z0-9_-] replaced."""
    text = "-".join(parts)
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "_-") else "_" for ch in text)


# ---------------------------------------------------------------------------------------------------------


def write_glossary(semantic_manifest_path: Path, out_dir: Path) -> tuple[Path, Path]:
    """Write glossary.md and glossary.html for the semantic manifest into out_dir; returns both paths."""
    glossary = build_glossary(load_semantic_manifest(semantic_manifest_path))
    out_dir.mkdir(parents=True, exist_ok=True)
    markdown_path = out_dir / MARKDOWN_FILE
    html_path = out_dir / HTML_FILE
    markdown_path.write_text(render_markdown(glossary), encoding="utf-8")
    html_path.write_text(render_html(glossary), encoding="utf-8")
    return markdown_path, html_path
