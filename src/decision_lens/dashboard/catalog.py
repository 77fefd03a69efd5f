"""The dashboard's charts by name: what each shows and the metrics it reads (the glossary links them)."""

from __future__ import annotations

from dataclasses import dataclass

ATTRIBUTION_MODELS = (
    *("first_touch", "last_touch", "u_shaped", "w_shaped", "full_path"),
    *("linear", "time_decay", "decision_aware", "data_driven"),
)


@dataclass(frozen=True)
class ChartInfo:
    id: str  # the chart's anchor on the page: /dashboard#<id>
    title: str
    question: str
    metrics: tuple[str, ...]


CHARTS = (
    ChartInfo(
        "two-lenses",
        "Two lenses over time",
        "Engaged accounts and MQAs (the generic lens) beside decision-ready accounts (the decision lens).",
        ("engaged_accounts", "mqas", "decision_ready_accounts"),
    ),
    ChartInfo(
        "why-they-differ",
        "Why the lenses differ",
        "Which MQAs the decision lens does not count as ready, and why; which ready units are not MQAs.",
        ("mqas", "decision_ready_accounts"),
    ),
    ChartInfo(
        "handoffs",
        "Handoffs: ready or premature",
        "What share of handoffs came before the committee and the budget were ready; what became of them.",
        (
            "handoffs",
            "premature_handoffs",
            "premature_handoff_rate",
            "handoff_to_opportunity_rate",
            "handoff_win_rate",
        ),
    ),
    ChartInfo(
        "committee",
        "Committee coverage",
        "For the decision units with the most open pipeline: which committee layers are engaged, silent or "
        "missing.",
        ("signals", "committee_contacts", "open_pipeline", "committee_completeness"),
    ),
    ChartInfo(
        "timing",
        "Timing against budget and renewal windows",
        "When signals arrive against the units' budget and renewal windows, from the people who approve and "
        "pay and from the people who use.",
        ("authority_signals", "usage_signals"),
    ),
    ChartInfo(
        "attribution",
        "Attribution under each model",
        "How much pipeline each channel earns under each attribution model, and how far the models disagree.",
        tuple(f"attributed_pipeline_{model}" for model in ATTRIBUTION_MODELS),
    ),
)


def charts_showing(metric: str) -> tuple[ChartInfo, ...]:
    """The charts that show a metric (none for most)."""
    return tuple(chart for chart in CHARTS if metric in chart.metrics)
