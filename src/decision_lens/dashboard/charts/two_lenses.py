"""Two lenses over time: engaged accounts and MQAs (generic) beside decision-ready accounts (decision)."""

from __future__ import annotations

from plotly.subplots import make_subplots

from decision_lens.dashboard.context import Ask, Context
from decision_lens.dashboard.views import DECISION, GENERIC, ChartView, chart_info, empty, styled

ID = "two-lenses"
LINES = (
    ("engaged_accounts", "Engaged accounts", GENERIC, "dot"),
    ("mqas", "MQAs", GENERIC, "solid"),
    ("decision_ready_accounts", "Decision-ready accounts", DECISION, "solid"),
)


def build(ask: Ask, context: Context) -> ChartView:
    time = f"metric_time__{context.grain}"
    metrics = tuple(metric for metric, *_ in LINES)
    rows = [row for row in ask(context.query(metrics, (time,), order_by=(time,))).plain_rows() if row[0]]
    if not rows:
        return empty(ID, "No decision unit has a week in this period yet.")
    # engaged accounts are many times the others: they read on the right-hand axis
    figure = make_subplots(specs=[[{"secondary_y": True}]])
    for index, (_, name, colour, dash) in enumerate(LINES, start=1):
        figure.add_scatter(
            x=[row[0] for row in rows],
            y=[row[index] or 0 for row in rows],
            name=name + (" (right axis)" if index == 1 else ""),
            mode="lines+markers",
            line={"color": colour, "dash": dash, "width": 3 if colour == DECISION else 2},
            secondary_y=index == 1,
        )
    figure.update_yaxes(title_text="MQAs, decision-ready", secondary_y=False)
    figure.update_yaxes(title_text="engaged accounts", secondary_y=True, showgrid=False)
    _, engaged, mqas, ready = rows[-1]
    engaged, mqas, ready = engaged or 0, mqas or 0, ready or 0
    takeaway = (
        f"In {_period(context.grain, rows[-1][0])}, {engaged:,} accounts were engaged and "
        f"{mqas:,} were MQAs, but only {ready:,} were decision-ready."
    )
    return ChartView(chart_info(ID), styled(figure), takeaway)


def _period(grain: str, start) -> str:
    return f"the week of {start:%d %b %Y}" if grain == "week" else f"{start:%B %Y}"
