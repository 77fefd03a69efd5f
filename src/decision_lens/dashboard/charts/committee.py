"""Committee coverage: for the decision units with the most open pipeline, which buying-committee layers are
engaged (signals in the period), silent (contacts, no signals) or missing (no contacts); and how complete the
committee was when deals were created and when they closed, by outcome."""

from __future__ import annotations

from plotly.subplots import make_subplots

from decision_lens.dashboard.context import Ask, Context
from decision_lens.dashboard.views import (
    CAUTION,
    DECISION,
    GENERIC,
    WARNING,
    ChartView,
    add_cell_map,
    chart_info,
    empty,
    label,
    styled,
)
from decision_lens.semantic import MetricQuery

ID = "committee"
TOP_UNITS = 10
LAYERS = ("user", "influencer", "approver", "financial_owner", "gatekeeper")
AUTHORITY_LAYERS = ("approver", "financial_owner")
STATES = ((0, "missing", WARNING), (1, "silent", CAUTION), (2, "engaged", DECISION))
OUTCOMES = ("won", "lost", "open")
# missing, silent, engaged (z = 0, 1, 2) as three flat bands
STATE_COLOURS = [
    [0, WARNING],
    [0.33, WARNING],
    [0.34, CAUTION],
    [0.66, CAUTION],
    [0.67, DECISION],
    [1, DECISION],
]


def build(ask: Ask, context: Context) -> ChartView:
    units = _top_units(ask, context)
    if not units:
        return empty(ID, "No open pipeline for these filters.")
    in_units = "{{ Entity('decision_unit') }} in (" + ", ".join(f"'{unit}'" for unit, _ in units) + ")"
    signals = _by_unit_and_layer(ask(context.query(("signals",), DIMS["signal"], where=(in_units,))))
    contacts = _by_unit_and_layer(
        ask(MetricQuery(metrics=("committee_contacts",), group_by=DIMS["contact"], where=(in_units,)))
    )
    states = [
        [2 if signals.get((unit, layer)) else 1 if contacts.get((unit, layer)) else 0 for layer in LAYERS]
        for unit, _ in units
    ]
    figure = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.62, 0.38],
        horizontal_spacing=0.22,
        subplot_titles=("Top units by open pipeline", "Committee completeness"),
    )
    add_cell_map(
        figure,
        z=states,
        x=[label(layer) for layer in LAYERS],
        y=[name for _, name in units],
        zmin=0,
        zmax=2,
        colorscale=STATE_COLOURS,
        text=[[STATES[state][1] for state in row] for row in states],
        hover="%{y}<br>%{x}: %{text}",
        gap=2,
    )
    figure.update_yaxes(autorange="reversed", row=1, col=1)
    _add_completeness(figure, ask, context)
    figure.update_yaxes(tickformat=".0%", range=[0, 1], row=1, col=2)
    return ChartView(chart_info(ID), styled(figure, height=460), _takeaway(units, states))


DIMS = {
    "signal": ("decision_unit", "signal__decision_layer"),
    "contact": ("decision_unit", "contact__decision_layer"),
}


def _top_units(ask: Ask, context: Context) -> list[tuple[str, str]]:
    """(decision unit id, name) of the units with the most open pipeline (open now, whenever created)."""
    result = ask(
        MetricQuery(
            metrics=("open_pipeline",),
            group_by=("decision_unit", "decision_unit__name"),
            where=context.where,
            order_by=("-open_pipeline",),
            limit=TOP_UNITS,
        )
    )
    return [(unit, name or unit) for unit, name, amount in result.plain_rows() if amount and unit]


def _by_unit_and_layer(result) -> dict[tuple[str, str], float]:
    return {(unit, layer): value or 0 for unit, layer, value in result.plain_rows()}


def _add_completeness(figure, ask: Ask, context: Context) -> None:
    """Completeness at creation and at close, side by side for won, lost and open deals."""
    for metric, name, colour in (
        ("completeness_at_creation", "at creation", GENERIC),
        ("completeness_at_close", "at close", DECISION),
    ):
        rows = ask(context.query((metric,), ("opportunity__outcome",))).plain_rows()
        values = {outcome: value for outcome, value in rows if value is not None}
        shown = [outcome for outcome in OUTCOMES if outcome in values]
        figure.add_bar(
            x=[label(outcome) for outcome in shown],
            y=[values[outcome] for outcome in shown],
            name=f"Completeness {name}",
            marker_color=colour,
            row=1,
            col=2,
        )


def _takeaway(units: list[tuple[str, str]], states: list[list[int]]) -> str:
    without = {layer: sum(1 for row in states if row[LAYERS.index(layer)] < 2) for layer in AUTHORITY_LAYERS}
    layer, count = max(without.items(), key=lambda item: item[1])
    return (
        f"{count} of the {len(units)} units with the most open pipeline have no engaged "
        f"{label(layer).lower()} in this period."
    )
