"""Attribution: the share of attributed pipeline each channel earns under each model, side by side, and how
far the models disagree on it (the spread: the highest share less the lowest, in points)."""

from __future__ import annotations

from plotly.subplots import make_subplots

from decision_lens.dashboard.catalog import ATTRIBUTION_MODELS
from decision_lens.dashboard.context import Ask, Context
from decision_lens.dashboard.views import (
    DECISION,
    ChartView,
    add_cell_map,
    chart_info,
    empty,
    label,
    share,
    styled,
)

ID = "attribution"
CHANNEL = "attribution_credit__channel"


def build(ask: Ask, context: Context) -> ChartView:
    metrics = tuple(f"attributed_pipeline_{model}" for model in ATTRIBUTION_MODELS)
    rows = [row for row in ask(context.query(metrics, (CHANNEL,))).plain_rows() if row[0] is not None]
    totals = [sum(row[index] or 0 for row in rows) for index in range(1, len(metrics) + 1)]
    if not any(totals):
        return empty(ID, "No attributed pipeline in this period.")
    shares = {
        row[0]: [100 * share(row[index] or 0, totals[index - 1]) for index in range(1, len(metrics) + 1)]
        for row in rows
    }
    spreads = {channel: max(values) - min(values) for channel, values in shares.items()}
    channels = sorted(shares, key=lambda channel: -spreads[channel])
    figure = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.78, 0.22],
        shared_yaxes=True,
        horizontal_spacing=0.03,
        subplot_titles=("% of attributed pipeline, by model", "Disagreement (points)"),
    )
    add_cell_map(
        figure,
        z=[shares[channel] for channel in channels],
        x=[label(model) for model in ATTRIBUTION_MODELS],
        y=[label(channel) for channel in channels],
        colorscale=[[0, "#f4f7f9"], [1, DECISION]],
        text=[[f"{value:.1f}" for value in shares[channel]] for channel in channels],
        hover="%{y} under %{x}: %{text}% of attributed pipeline",
        gap=1,
    )
    figure.add_bar(
        y=[label(channel) for channel in channels],
        x=[spreads[channel] for channel in channels],
        name="Spread, highest less lowest",
        orientation="h",
        marker_color="#d1495b",
        text=[f"{spreads[channel]:.1f}" for channel in channels],
        textposition="auto",
        showlegend=False,
        row=1,
        col=2,
    )
    figure.update_yaxes(autorange="reversed")
    top = channels[0]
    low, high = min(shares[top]), max(shares[top])
    low_model = ATTRIBUTION_MODELS[shares[top].index(low)]
    high_model = ATTRIBUTION_MODELS[shares[top].index(high)]
    takeaway = (
        f"The models disagree most on {label(top)}: from {low:.1f}% of attributed pipeline "
        f"({label(low_model).lower()}) to {high:.1f}% ({label(high_model).lower()})."
    )
    return ChartView(chart_info(ID), styled(figure, height=max(380, 26 * len(channels) + 120)), takeaway)
