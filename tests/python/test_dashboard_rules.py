"""The dashboard's decision rules, on hand-made metric answers (no database): filters, the period, committee
states, the attribution spread, handoff reasons and the takeaways."""

from __future__ import annotations

import datetime as dt

import pytest

from decision_lens.dashboard.charts import attribution, committee, handoffs, two_lenses
from decision_lens.dashboard.context import BadFilter, Context, Filters, read_filters
from decision_lens.semantic import MetricQuery, QueryResult

OPTIONS = {"region": ["Midwest", "West"], "unit_type": ["Hospital", "IDN"], "bed_count_band": ["100-299"]}
AS_OF = dt.date(2026, 10, 26)


def fake_ask(answers):
    """ask() answering each query with the rows of the first (metrics, group_by) key it matches."""

    def ask(query: MetricQuery) -> QueryResult:
        for (metrics, group_by), (columns, rows) in answers.items():
            if query.metrics == metrics and query.group_by == group_by:
                return QueryResult(columns=list(columns), rows=rows, sql="")
        raise AssertionError(f"unexpected query {query.metrics} by {query.group_by}")

    return ask


def test_filters_are_checked_against_the_offered_values_all_at_once():
    filters = read_filters({"months": "6", "region": "West", "unit_type": ""}, OPTIONS)
    assert filters == Filters(6, (("region", "West"),))
    assert filters.where == ("{{ Dimension('decision_unit__region') }} = 'West'",)
    with pytest.raises(BadFilter) as raised:
        read_filters({"months": "7", "region": "Atlantis", "colour": "red"}, OPTIONS)
    message = str(raised.value)
    assert "months='7'" in message and "region='Atlantis'" in message and "colour: not a filter" in message


def test_a_value_with_a_quote_is_quoted_not_pasted():
    options = {**OPTIONS, "region": ["O'Brien County"]}
    filters = read_filters({"region": "O'Brien County"}, options)
    assert filters.where == ("{{ Dimension('decision_unit__region') }} = 'O''Brien County'",)


@pytest.mark.parametrize(
    ("months", "start", "grain"),
    [
        (3, dt.date(2026, 7, 1), "week"),
        (12, dt.date(2025, 10, 1), "month"),
        (24, dt.date(2024, 10, 1), "month"),
    ],
)
def test_the_period_ends_with_the_as_of_week(months, start, grain):
    context = Context(Filters(months), AS_OF)
    assert (context.start, context.end, context.grain) == (start, dt.date(2026, 11, 1), grain)
    query = context.query(("mqas",), ("metric_time__month",))
    assert (query.start, query.end) == (start, dt.date(2026, 11, 1))


def test_committee_layers_are_engaged_silent_or_missing():
    units = [("du_1", "Mercy", 900.0), ("du_2", "Lakeside", 400.0), ("du_3", None, 0.0)]
    ask = fake_ask(
        {
            (("open_pipeline",), ("decision_unit", "decision_unit__name")): (("u", "n", "v"), units),
            (("signals",), committee.DIMS["signal"]): (
                ("u", "l", "v"),
                [("du_1", "user", 5), ("du_1", "approver", 2), ("du_2", "user", 1), ("du_2", "approver", 0)],
            ),
            (("committee_contacts",), committee.DIMS["contact"]): (
                ("u", "l", "v"),
                [
                    ("du_1", "user", 3),
                    ("du_1", "approver", 1),
                    ("du_1", "financial_owner", 1),
                    ("du_2", "approver", 2),
                ],
            ),
            (("completeness_at_creation",), ("opportunity__outcome",)): (("o", "v"), [("won", 0.5)]),
            (("completeness_at_close",), ("opportunity__outcome",)): (("o", "v"), [("won", 0.75)]),
        }
    )
    view = committee.build(ask, Context(Filters(), AS_OF))
    heatmap = view.figure.data[0]
    assert list(heatmap.y) == ["Mercy", "Lakeside"], "a unit with no open pipeline is not a top unit"
    states = dict(zip(committee.LAYERS, heatmap.text[0], strict=True))
    assert states == {
        "user": "engaged",
        "influencer": "missing",
        "approver": "engaged",
        "financial_owner": "silent",
        "gatekeeper": "missing",
    }
    assert dict(zip(committee.LAYERS, heatmap.text[1], strict=True))["approver"] == "silent"  # 0 signals
    assert (
        view.takeaway
        == "2 of the 2 units with the most open pipeline have no engaged financial owner in this period."
    )


def test_attribution_shares_and_the_spread_between_models():
    metrics = tuple(f"attributed_pipeline_{model}" for model in attribution.ATTRIBUTION_MODELS)
    # Email earns 30 of 100 under the first model and 10 of 100 under the others; Web the rest
    email = ("Email", 30.0, *([10.0] * 8))
    web = ("Web", 70.0, *([90.0] * 8))
    ask = fake_ask({(metrics, (attribution.CHANNEL,)): (("c", *metrics), [email, web, (None, *([0.0] * 9))])})
    view = attribution.build(ask, Context(Filters(), AS_OF))
    spread = view.figure.data[-1]
    assert list(spread.y) == ["Email", "Web"] and list(spread.x) == pytest.approx([20.0, 20.0])
    assert view.takeaway.startswith("The models disagree most on Email: from 10.0% of attributed pipeline")
    assert "to 30.0% (first touch)" in view.takeaway


def test_handoff_reasons_count_each_reason_of_a_handoff():
    ask = fake_ask(
        {
            (("handoffs",), ("metric_time__month", handoffs.QUALITY)): (
                ("t", "q", "v"),
                [(dt.date(2026, 9, 1), "ready", 1), (dt.date(2026, 9, 1), "premature", 3)],
            ),
            (("handoff_to_opportunity_rate", "handoff_win_rate"), (handoffs.QUALITY,)): (
                ("q", "o", "w"),
                [("ready", 0.6, 0.3), ("premature", 0.2, 0.1)],
            ),
            (("premature_handoffs",), ("handoff__premature_reason",)): (
                ("r", "v"),
                [("missing_authority,single_layer", 2), ("missing_authority", 1), (None, 0)],
            ),
        }
    )
    view = handoffs.build(ask, Context(Filters(), AS_OF))
    reasons = view.figure.data[-1]
    assert dict(zip(reasons.y, reasons.x, strict=True)) == {"Missing authority": 3, "Single layer": 2}
    assert view.takeaway == (
        "75% of 4 handoffs were premature; 20% of the premature became opportunities, "
        "against 60% of the ready ones."
    )


def test_two_lenses_reads_the_latest_period_and_says_so_when_empty():
    metrics = ("engaged_accounts", "mqas", "decision_ready_accounts")
    rows = [(dt.date(2026, 9, 1), 50, 20, 2), (dt.date(2026, 10, 1), 70, 30, 3)]
    view = two_lenses.build(
        fake_ask({(metrics, ("metric_time__month",)): (("t", *metrics), rows)}), Context(Filters(), AS_OF)
    )
    assert (
        view.takeaway
        == "In October 2026, 70 accounts were engaged and 30 were MQAs, but only 3 were decision-ready."
    )
    assert [list(trace.y) for trace in view.figure.data] == [[50, 70], [20, 30], [2, 3]]
    empty = two_lenses.build(
        fake_ask({(metrics, ("metric_time__month",)): (("t", *metrics), [])}), Context(Filters(), AS_OF)
    )
    assert empty.figure is None and "No decision unit" in empty.takeaway
