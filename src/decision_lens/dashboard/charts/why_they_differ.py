"""Why the lenses differ, in the as-of week: the MQAs the decision lens does not count, by reason, and the
decision-ready units that are not MQAs."""

from __future__ import annotations

import plotly.graph_objects as go

from decision_lens.dashboard.context import Ask, Context
from decision_lens.dashboard.views import (
    CAUTION,
    DECISION,
    GENERIC,
    WARNING,
    ChartView,
    chart_info,
    empty,
    styled,
)
from decision_lens.reports import DECISION_READY, MISSING_AUTHORITY, NOT_MQA, OUT_OF_WINDOW, SINGLE_LAYER

ID = "why-they-differ"
# (bar, metric, filter, colour): a unit can lack several things at once, so the middle bars overlap
BARS = (
    ("MQAs this week", "mqas", None, GENERIC),
    ("…that lack an engaged approver or financial owner", "mqas", MISSING_AUTHORITY, WARNING),
    ("…outside any budget or renewal window", "mqas", OUT_OF_WINDOW, CAUTION),
    ("…with intent from fewer than two layers", "mqas", SINGLE_LAYER, CAUTION),
    ("…that are decision-ready", "mqas", DECISION_READY, DECISION),
    ("Decision-ready units that are not MQAs", "decision_ready_accounts", NOT_MQA, DECISION),
)


def build(ask: Ask, context: Context) -> ChartView:
    values = []
    for _, metric, condition, _ in BARS:
        result = ask(context.as_of_query((metric,), where=(condition,) if condition else ()))
        values.append(sum(value or 0 for (value,) in result.plain_rows()))
    mqas, missing_authority, *_, ready_mqas, ready_not_mqas = values
    if not mqas and not ready_not_mqas:
        return empty(ID, "No MQA and no decision-ready unit in the as-of week.")
    figure = go.Figure(
        go.Bar(
            y=[bar for bar, *_ in BARS],
            x=values,
            orientation="h",
            marker_color=[colour for *_, colour in BARS],
            text=[f"{value:,}" for value in values],
            textposition="auto",
        )
    )
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(title_text="decision units")
    figure.update_layout(showlegend=False)
    takeaway = (
        f"{missing_authority / mqas:.0%} of this week's {mqas:,} MQAs lack an engaged approver or financial "
        f"owner and {ready_mqas:,} are decision-ready; {ready_not_mqas:,} decision-ready units are not MQAs."
        if mqas
        else f"No MQA this week, yet {ready_not_mqas:,} decision units are decision-ready."
    )
    return ChartView(chart_info(ID), styled(figure, height=320), takeaway)
