"""The glossary as pages: Markdown (for diffs and review) and one standalone HTML page for marketing and sales
leaders (templates/glossary.html.j2: inline CSS, no scripts, nothing from another host, so it reads offline).

Each metric leads with its label, its question and what it counts in words, its owner team and lens, and
links to the dashboard's charts that show it; its definition for analysts (name, measures, expressions,
filters, group-by items) follows, in the HTML folded in a <details> block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from decision_lens.glossary import (
    UNSET,
    Glossary,
    MetricEntry,
    SavedQueryEntry,
    build_glossary,
    load_semantic_manifest,
)

MARKDOWN_FILE = "glossary.md"
HTML_FILE = "glossary.html"
TITLE = "Decision Lens metric glossary"
# `lens report` writes the dashboard into report/, beside glossary/; `lens serve` passes its /dashboard
DASHBOARD_HREF = "../report/dashboard.html"
CODE_SPAN = re.compile(r"`([^`]*)`")


def render_markdown(glossary: Glossary) -> str:
    lines = [
        f"# {TITLE}",
        "",
        "Generated from the semantic manifest (`dbt parse`): do not edit by hand. "
        f"{len(glossary.metrics)} metrics, {len(glossary.saved_queries)} saved queries. "
        "Each metric is said in words first; its definition for analysts follows, with the group-by items "
        "MetricFlow offers (`mf list dimensions --metrics <metric>`).",
        "",
        "## Summary",
        "",
        "| Metric | Owner team | Lens | Question |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| {_md_cell(m.label)} | {m.owner_team} | {m.lens} | {_md_cell(m.question)} |"
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
    lines = [f"#### {metric.label}", "", metric.question or UNSET, ""]
    lines += [f"- {line}" for line in (*metric.in_words, metric.owner_in_words(), metric.lens_in_words())]
    if metric.charts:
        lines.append("- On the dashboard: " + "; ".join(chart.title for chart in metric.charts))
    lines += [
        "",
        "Definition for analysts:",
        "",
        f"- **Name:** `{metric.name}`",
        f"- **Type:** {metric.type}",
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


def render_html(glossary: Glossary, dashboard_href: str = DASHBOARD_HREF) -> str:
    """The glossary as one standalone page; each chart link is dashboard_href#<chart id> (the server passes
    its own /dashboard)."""
    template = _ENVIRONMENT.get_template("glossary.html.j2")
    return template.render(title=TITLE, unset=UNSET, glossary=glossary, dashboard_href=dashboard_href)


def _anchor(*parts: str) -> str:
    """An id attribute: the parts joined by dashes, characters outside [A-Za-z0-9_-] replaced."""
    text = "-".join(parts)
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "_-") else "_" for ch in text)


def _code_spans(text: str) -> Markup:
    """Escaped text, its `code spans` (the definitions' notation, shared with Markdown) as <code>."""
    return Markup(CODE_SPAN.sub(r"<code>\1</code>", str(escape(text))))


_ENVIRONMENT = Environment(
    loader=PackageLoader("decision_lens", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_ENVIRONMENT.filters.update(anchor=_anchor, code_spans=_code_spans)


def write_glossary(semantic_manifest_path: Path, out_dir: Path) -> tuple[Path, Path]:
    """Write glossary.md and glossary.html for the semantic manifest into out_dir; returns both paths."""
    glossary = build_glossary(load_semantic_manifest(semantic_manifest_path))
    out_dir.mkdir(parents=True, exist_ok=True)
    markdown_path = out_dir / MARKDOWN_FILE
    html_path = out_dir / HTML_FILE
    markdown_path.write_text(render_markdown(glossary), encoding="utf-8")
    html_path.write_text(render_html(glossary), encoding="utf-8")
    return markdown_path, html_path
