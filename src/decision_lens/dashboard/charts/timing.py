"""Timing: signals month by month, inside and outside the units' budget and renewal windows, from the people
who approve and pay (authority) and from the people who use (usage)."""

from __future__ import annotations

from plotly.subplots import make_subplots

from decision_lens.dashboard.context import Ask, Context
from decision_lens.dashboard.views import (
    CAUTION,
    DECISION,
    GENERIC,
    ChartView,
    chart_info,
    empty,
    share,
    styled,
)

ID = "timing"
IN_WINDOW = "signal__is_in_window"
# (metric's column in the answer, panel, in window?, legend, colour)
SERIES = (
    (2, 1, True, "Authority, in a window", DECISION),
    (2, 1, False, "Authority, outside", "#7fb3c6"),
    (3, 2, True, "Usage, in a window", CAUTION),
    (3, 2, False, "Usage, outside", GENERIC),
)


def build(ask: Ask, context: Context) -> ChartView:
    time = "metric_time__month"
    rows = ask(context.query(("authority_signals", "usage_signals"), (time, IN_WINDOW), order_by=(time,)))
    rows = [row for row in rows.plain_rows() if row[0]]
    if not rows:
        return empty(ID, "No signals in this period.")
    figure = make_subplots(
        rows=1, cols=2, subplot_titles=("Authority signals (approve, pay)", "Usage signals (use, influence)")
    )
    for column, panel, in_window, name, colour in SERIES:
        points = [(row[0], row[column] or 0) for row in rows if bool(row[1]) == in_window]
        figure.add_bar(
            x=[when for when, _ in points],
            y=[value for _, value in points],
            name=name,
            marker_color=colour,
            row=1,
            col=panel,
        )
    figure.update_layout(barmode="stack")
    figure.update_yaxes(title_text="signals", row=1, col=1)
    totals = {
        (column, in_window): sum(row[column] or 0 for row in rows if bool(row[1]) == in_window)
        for column in (2, 3)
        for in_window in (True, False)
    }
    authority = share(totals[2, True], totals[2, True] + totals[2, False])
    usage = share(totals[3, True], totals[3, True] + totals[3, False])
    takeaway = (
        f"{authority:.0%} of authority signals fell inside a budget or renewal window, against "
        f"{usage:.0%} of usage signals."
    )
    return ChartView(chart_info(ID), styled(figure), takeaway)
