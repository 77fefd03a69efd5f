"""The dashboard as one HTML page (Jinja2, autoescaped), the same for `lens serve` and `lens report`.

Plotly draws the charts: its JavaScript comes with its Python package and is either served by the same
server (`lens serve`) or written into the page (`lens report`), so the page never reaches another host.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
from plotly.offline import get_plotlyjs

from decision_lens import __version__
from decision_lens.dashboard.context import PERIOD_MONTHS, UNIT_FILTERS, Context
from decision_lens.dashboard.views import ChartView

ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("decision_lens.dashboard", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)
GLOSSARY_PAGE = Path("glossary") / "glossary.html"  # beside the database (lens glossary, lens run)
QUALITY_FOLDER = "quality"  # beside the database (lens check)
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


@dataclass(frozen=True)
class Links:
    """Where the page's links go: the glossary (metric anchors: #metric-<name>) and the data-quality page."""

    glossary: str
    quality: str | None
    plotly_src: str | None  # None: Plotly's JavaScript goes into the page


@functools.cache
def plotly_js() -> str:
    return get_plotlyjs()


def render_page(
    context: Context,
    charts: list[ChartView],
    *,
    labels: Mapping[str, str],
    options: Mapping[str, list[str]] | None,
    links: Links,
) -> str:
    """The page; options None: a report, whose filters are fixed and said in words instead of a form."""
    return ENVIRONMENT.get_template("dashboard.html.j2").render(
        context=context,
        charts=[_chart(chart, labels, links) for chart in charts],
        options=options,
        selected=dict(context.filters.units),
        period_months=PERIOD_MONTHS,
        unit_filters=UNIT_FILTERS,
        links=links,
        plotly_inline=None if links.plotly_src else plotly_js(),
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        version=__version__,
    )


def render_message(
    title: str, *, text: str | None = None, problem: str | None = None, login_target: str | None = None
) -> str:
    """A short page: a title and a sentence, or the form that asks for the server's token."""
    return ENVIRONMENT.get_template("message.html.j2").render(
        title=title, text=text, problem=problem, login_target=login_target
    )


def _chart(chart: ChartView, labels: Mapping[str, str], links: Links) -> dict[str, object]:
    figure = None
    if chart.figure is not None:
        figure = chart.figure.to_html(
            full_html=False, include_plotlyjs=False, div_id=f"figure-{chart.info.id}", config=PLOTLY_CONFIG
        )
    return {
        "info": chart.info,
        "takeaway": chart.takeaway,
        "figure": figure,
        "metrics": [
            (labels.get(metric, metric), f"{links.glossary}#metric-{metric}") for metric in chart.info.metrics
        ],
    }
