"""Every chart of the dashboard for one set of filters, in the catalog's order."""

from __future__ import annotations

from decision_lens.dashboard.charts import (
    attribution,
    committee,
    handoffs,
    timing,
    two_lenses,
    why_they_differ,
)
from decision_lens.dashboard.context import Ask, Filters, context_for
from decision_lens.dashboard.views import ChartView

BUILDERS = (two_lenses, why_they_differ, handoffs, committee, timing, attribution)


def build_charts(ask: Ask, filters: Filters) -> tuple[object, list[ChartView]]:
    """The context (as-of week, period) and the charts."""
    context = context_for(ask, filters)
    if context.as_of_week is None:
        return context, []
    return context, [builder.build(ask, context) for builder in BUILDERS]
