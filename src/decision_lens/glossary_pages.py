"""The glossary as pages: Markdown (for diffs and review, templates/glossary.md.j2) and one standalone HTML
page for marketing and sales leaders (templates/glossary.html.j2: inline CSS, no scripts, nothing from another
host, so it reads offline). Both templates render one context (page_context), computed once.

Each metric leads with its label, its question and what it counts in words, its owner team and lens, and
links to the dashboard's charts that show it; its definition for analysts (name, measures, expressions,
filters, group-by items) follows, in the HTML folded in a <details> block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from decision_lens.glossary import (
    UNSET,
    Glossary,
    build_glossary,
    load_semantic_manifest,
)

MARKDOWN_FILE = "glossary.md"
HTML_FILE = "glossary.html"
MARKDOWN_TEMPLATE, HTML_TEMPLATE = "glossary.md.j2", "glossary.html.j2"
TITLE = "Decision Lens metric glossary"
# `lens report` writes the dashboard into report/, beside glossary/; `lens serve` passes its /dashboard
DASHBOARD_HREF = "../report/dashboard.html"
CODE_SPAN = re.compile(r"`([^`]*)`")


def page_context(glossary: Glossary, dashboard_href: str = DASHBOARD_HREF) -> dict:
    """What both pages render, computed once: the glossary, its sections (team, then lens), the title, the
    word for an unset field and where the dashboard's chart links point."""
    return {
        "title": TITLE,
        "unset": UNSET,
        "glossary": glossary,
        "sections": glossary.sections(),
        "dashboard_href": dashboard_href,
    }


def render_markdown(glossary: Glossary) -> str:
    return _render(MARKDOWN_TEMPLATE, page_context(glossary))


def render_html(glossary: Glossary, dashboard_href: str = DASHBOARD_HREF) -> str:
    """The glossary as one standalone page; each chart link is dashboard_href#<chart id> (the server passes
    its own /dashboard)."""
    return _render(HTML_TEMPLATE, page_context(glossary, dashboard_href))


def _render(template: str, context: dict) -> str:
    return _ENVIRONMENT.get_template(template).render(context)


def _anchor(*parts: str) -> str:
    """An id attribute: the parts joined by dashes, characters outside [A-Za-z0-9_-] replaced."""
    text = "-".join(parts)
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "_-") else "_" for ch in text)


def _md_codes(items: Iterable[str]) -> str:
    return ", ".join(f"`{item}`" for item in items)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _code_spans(text: str) -> Markup:
    """Escaped text, its `code spans` (the definitions' notation, shared with Markdown) as <code>."""
    return Markup(CODE_SPAN.sub(r"<code>\1</code>", str(escape(text))))


_ENVIRONMENT = Environment(
    loader=PackageLoader("decision_lens", "templates"),
    autoescape=select_autoescape(enabled_extensions=("html.j2",)),  # the Markdown is not escaped
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_ENVIRONMENT.filters.update(
    anchor=_anchor, code_spans=_code_spans, codes=_md_codes, md_cell=_md_cell, text=lambda item: item.text()
)


def write_glossary(semantic_manifest_path: Path, out_dir: Path) -> tuple[Path, Path]:
    """Write glossary.md and glossary.html for the semantic manifest into out_dir; returns both paths."""
    context = page_context(build_glossary(load_semantic_manifest(semantic_manifest_path)))
    out_dir.mkdir(parents=True, exist_ok=True)
    markdown_path = out_dir / MARKDOWN_FILE
    html_path = out_dir / HTML_FILE
    markdown_path.write_text(_render(MARKDOWN_TEMPLATE, context), encoding="utf-8")
    html_path.write_text(_render(HTML_TEMPLATE, context), encoding="utf-8")
    return markdown_path, html_path
