"""A chart as the page shows it: its catalog entry, its Plotly figure, a one-line takeaway from the data."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import plotly.graph_objects as go

from decision_lens.dashboard.catalog import CHARTS, ChartInfo

# readable colours, the same meaning on every chart
GENERIC = "#8c96a3"  # the generic lens (engagement, MQAs)
DECISION = "#1f6f8b"  # the decision lens (readiness, authority)
WARNING = "#d1495b"  # premature, missing
CAUTION = "#edae49"  # silent, outside a window
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"


@dataclass(frozen=True)
class ChartView:
    info: ChartInfo
    figure: go.Figure | None  # None when the data has nothing to draw
    takeaway: str


def chart_info(chart_id: str) -> ChartInfo:
    return next(chart for chart in CHARTS if chart.id == chart_id)


def empty(chart_id: str, sentence: str) -> ChartView:
    return ChartView(chart_info(chart_id), None, sentence)


def styled(figure: go.Figure, height: int = 360) -> go.Figure:
    figure.update_layout(
        height=height,
        margin={"l": 60, "r": 20, "t": 30, "b": 50},
        font={"family": FONT, "size": 13},
        legend={"orientation": "h", "y": -0.18},
        plot_bgcolor="white",
        hovermode="closest",
    )
    figure.update_xaxes(gridcolor="#eee")
    figure.update_yaxes(gridcolor="#eee", rangemode="tozero")
    return figure


def add_cell_map(figure: go.Figure, *, text: list[list[str]], hover: str, gap: int, **heatmap) -> None:
    """A heat map in the figure's first panel whose cells are labelled with text, without a colour scale."""
    figure.add_heatmap(
        text=text,
        texttemplate="%{text}",
        hovertemplate=hover + "<extra></extra>",
        showscale=False,
        xgap=gap,
        ygap=gap,
        row=1,
        col=1,
        **heatmap,
    )


def grouped(rows: Iterable[tuple], key: int = 0) -> dict[object, list[tuple]]:
    groups: dict[object, list[tuple]] = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


def share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def label(name: object) -> str:
    """A dimension value in words: financial_owner -> Financial owner."""
    text = str(name).replace("_", " ")
    return text[:1].upper() + text[1:]
