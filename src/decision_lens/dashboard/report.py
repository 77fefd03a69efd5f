"""`lens report`: the dashboard as one standalone HTML file (Plotly inside), for email or a wiki.

It asks the same semantic layer as `lens query`, on the database of the last build, with fixed filters. Its
links go to the glossary and the data-quality page written beside the database (lens glossary, lens check).
"""

from __future__ import annotations

import os
from pathlib import Path

from decision_lens.check.offline_page import offline_page_path
from decision_lens.dashboard.build import build_charts
from decision_lens.dashboard.context import read_filters, unit_filter_options
from decision_lens.dashboard.page import GLOSSARY_PAGE, QUALITY_FOLDER, Links, render_page
from decision_lens.project import Workspace
from decision_lens.semantic import SemanticLayer
from decision_lens.serve.catalog import Catalog

REPORT_FOLDER = "report"
REPORT_FILE = "dashboard.html"


def default_report_path(workspace: Workspace) -> Path:
    return workspace.db_path.parent / REPORT_FOLDER / REPORT_FILE


def write_report(workspace: Workspace, out: Path, params: dict[str, str]) -> Path:
    """Write the page to out (whole, then renamed into place); BadFilter when a filter is not offered."""
    with SemanticLayer.for_workspace(workspace) as layer:
        options = unit_filter_options(layer.query)
        filters = read_filters(params, options)
        context, charts = build_charts(layer.query, filters)
        labels = {metric["name"]: metric["label"] for metric in Catalog(layer.manifest).metrics}
    folder = workspace.db_path.parent
    quality = offline_page_path(folder / QUALITY_FOLDER)
    links = Links(
        glossary=_relative(folder / GLOSSARY_PAGE, out.parent),
        quality=_relative(quality, out.parent) if quality.is_file() else None,
        plotly_src=None,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.write_text(render_page(context, charts, labels=labels, options=None, links=links))
    partial.replace(out)
    return out


def _relative(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target.resolve(), start.resolve())).as_posix()
