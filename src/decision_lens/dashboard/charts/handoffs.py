"""Handoffs: ready against premature over time, what became of each, and why the premature were premature."""

from __future__ import annotations

from collections import Counter

from plotly.subplots import make_subplots

from decision_lens.dashboard.context import Ask, Context
from decision_lens.dashboard.views import (
    DECISION,
    WARNING,
    ChartView,
    chart_info,
    empty,
    label,
    share,
    styled,
)

ID = "handoffs"
QUALITY = "handoff__handoff_quality"
COLOURS = {"ready": DECISION, "premature": WARNING}
OUTCOMES = (("handoff_to_opportunity_rate", "Became an opportunity"), ("handoff_win_rate", "Led to a win"))


def build(ask: Ask, context: Context) -> ChartView:
    time = f"metric_time__{context.grain}"
    by_time = ask(context.query(("handoffs",), (time, QUALITY), order_by=(time,))).plain_rows()
    if not any(count for *_, count in by_time):
        return empty(ID, "No handoffs in this period.")
    rates = ask(context.query(tuple(metric for metric, _ in OUTCOMES), (QUALITY,))).plain_rows()
    reasons = ask(context.query(("premature_handoffs",), ("handoff__premature_reason",))).plain_rows()
    figure = make_subplots(
        rows=2,
        cols=2,
        specs=[[{"colspan": 2, "secondary_y": True}, None], [{}, {}]],
        subplot_titles=("Handoffs by quality", "What became of them", "Why handoffs were premature"),
        vertical_spacing=0.18,
    )
    for quality in ("ready", "premature"):
        points = [(when, count) for when, kind, count in by_time if kind == quality and when]
        figure.add_bar(
            x=[when for when, _ in points],
            y=[count or 0 for _, count in points],
            name=label(quality),
            marker_color=COLOURS[quality],
            row=1,
            col=1,
        )
    months = sorted({when for when, _, _ in by_time if when})
    counts = {(when, kind): count or 0 for when, kind, count in by_time}
    figure.add_scatter(
        x=months,
        y=[
            share(
                counts.get((m, "premature"), 0), counts.get((m, "premature"), 0) + counts.get((m, "ready"), 0)
            )
            for m in months
        ],
        name="Premature share (right axis)",
        mode="lines+markers",
        line={"color": "#1d2733", "width": 2},
        secondary_y=True,
        row=1,
        col=1,
    )
    figure.update_yaxes(tickformat=".0%", range=[0, 1], showgrid=False, secondary_y=True, row=1, col=1)
    figure.update_layout(barmode="group")
    outcome = {quality: values for quality, *values in rates}
    for quality in ("ready", "premature"):
        figure.add_bar(
            x=[name for _, name in OUTCOMES],
            y=[value or 0 for value in outcome.get(quality, (0, 0))],
            name=f"{label(quality)} handoffs",
            marker_color=COLOURS[quality],
            showlegend=False,
            row=2,
            col=1,
        )
    figure.update_yaxes(tickformat=".0%", row=2, col=1)
    counted = Counter()
    for reason, count in reasons:
        for part in str(reason or "").split(","):
            if part:
                counted[part] += count or 0
    top = counted.most_common()
    figure.add_bar(
        y=[label(reason) for reason, _ in top],
        x=[count for _, count in top],
        orientation="h",
        marker_color=WARNING,
        showlegend=False,
        row=2,
        col=2,
    )
    figure.update_yaxes(autorange="reversed", row=2, col=2)
    return ChartView(chart_info(ID), styled(figure, height=620), _takeaway(by_time, outcome))


def _takeaway(by_time: list[tuple], outcome: dict[str, list]) -> str:
    totals = Counter()
    for _, quality, count in by_time:
        totals[quality] += count or 0
    whole = sum(totals.values())
    premature_share = totals["premature"] / whole
    ready_rate = (outcome.get("ready") or [None])[0]
    premature_rate = (outcome.get("premature") or [None])[0]
    sentence = f"{premature_share:.0%} of {whole:,} handoffs were premature"
    if ready_rate is None or premature_rate is None:
        return sentence + "; too few have an observed outcome to compare."
    return (
        f"{sentence}; {premature_rate:.0%} of the premature became opportunities, against {ready_rate:.0%} "
        "of the ready ones."
    )
