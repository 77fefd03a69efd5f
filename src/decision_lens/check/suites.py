"""The expectation suites: one per frame (see frames.py), each expectation with a note saying why it holds.

Bounds come from thresholds.py, from the raw row counts of this database, or from the seeds it was built
with (decision layers and tiers, opportunity phases). Vocabularies come from the accepted_values tests of the
marts' YAML, as the build's manifest holds them (value_sets.py): each is written once, there. The readiness
states are listed there in the order of their rank (macros/readiness/readiness_state.sql).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import great_expectations.expectations as gxe
from great_expectations.expectations.expectation import Expectation

from decision_lens.check.frames import (
    FRESH_SOURCES,
    INTERACTION_SOURCES,
    RAW_TABLES_WITH_ROWS,
    SOURCE_RAW_TABLES,
    UNBOUNDED_SOURCES,
    Facts,
    Frame,
    raw_rows_of,
)
from decision_lens.check.thresholds import Thresholds
from decision_lens.check.value_sets import accepted

CLOSED_WON_PAIRS = [(True, True), (True, False), (False, False)]  # won implies closed


def _values(facts: Facts, model: str, column: str) -> list:
    return accepted(facts.value_sets, model, column)


def _readiness_ranks(facts: Facts) -> dict[str, int]:
    """Each readiness state and its rank: its place in the accepted values of decision_unit_weeks."""
    return {
        state: rank for rank, state in enumerate(_values(facts, "decision_unit_weeks", "readiness_state"))
    }


@dataclass(frozen=True)
class Skipped:
    expectation: str
    kwargs: dict
    reason: str
    note: str  # why it would hold


@dataclass
class Suite:
    frame: Frame
    expectations: list[Expectation] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.frame.name

    def add(self, expectation: Expectation) -> None:
        self.expectations.append(expectation)

    def skip(self, expectation: Expectation, reason: str) -> None:
        """Listed with the reason it is not judged on this data, not run."""
        kwargs = dict(expectation.configuration.kwargs)
        self.skipped.append(Skipped(expectation.expectation_type, kwargs, reason, expectation.notes or ""))

    def add_unless(self, reason: str | None, expectation: Expectation) -> None:
        """Judged, unless there is a reason it cannot be on this data (then skipped with it)."""
        if reason:
            self.skip(expectation, reason)
        else:
            self.add(expectation)

    def distribution(self, population: int, minimum: int, expectation: Expectation) -> None:
        """A share, judged only over at least `minimum` rows (thresholds.min_rows_for_distribution)."""
        short = population < minimum
        reason = f"{population:,} rows < {minimum:,} (min_rows_for_distribution)" if short else None
        self.add_unless(reason, expectation)


def _between(column: str, notes: str, low: float | None = None, high: float | None = None) -> Expectation:
    return gxe.ExpectColumnValuesToBeBetween(column=column, min_value=low, max_value=high, notes=notes)


def _zero(column: str, notes: str) -> Expectation:
    return _between(column, notes, 0, 0)


def _unique_key(suite: Suite, column: str) -> None:
    suite.add(gxe.ExpectColumnValuesToNotBeNull(column=column, notes=f"Every row has its {column}."))
    suite.add(gxe.ExpectColumnValuesToBeUnique(column=column, notes=f"{column} is the mart's key."))


def _in_set(column: str, values: list, notes: str) -> Expectation:
    return gxe.ExpectColumnValuesToBeInSet(column=column, value_set=values, notes=notes)


def _no_rows_in(facts: Facts, sources: tuple[str, ...]) -> str | None:
    """Why a check of these source systems' signals has nothing to judge: their raw tables are empty."""
    if raw_rows_of(facts, sources):
        return None
    return "no raw rows in " + ", ".join(key for source in sources for key in SOURCE_RAW_TABLES[source])


def _no_rows(facts: Facts, suite: Suite) -> str | None:
    """Why a column's min or max has nothing to judge: the frame has no rows (it would be null)."""
    return None if facts.frame_rows[suite.name] else "no rows"


def _no_as_of_day(facts: Facts) -> str | None:
    return None if facts.as_of else "no as-of day (no signal yet, var as_of_date not set)"


def _raw_tables(suite: Suite, facts: Facts, t: Thresholds) -> None:
    suite.add(
        _between(
            "required_table_row_count",
            f"The tables every build needs ({', '.join(RAW_TABLES_WITH_ROWS)}) were delivered with rows; the "
            "others may be empty (a team without opportunities, intent or contract data). Null for those.",
            1,
        )
    )
    suite.add(_zero("rows_without_key", "No raw row lacks its key (id; domain, week and topic for intent)."))
    suite.add(
        _between(
            "duplicate_key_share",
            "Rows repeating another row's key: a little delivery noise, not a file loaded twice.",
            high=t.max_raw_duplicate_key_share,
        )
    )
    suite.add(
        _between(
            "deleted_share",
            "Soft-deleted rows (is_deleted): merges and clean-ups, not a mass delete. "
            "Null for tables without is_deleted.",
            high=t.max_raw_deleted_share,
        )
    )


def _signals(suite: Suite, facts: Facts, t: Thresholds) -> None:
    rows = int(facts.previews["signals"]["signal_rows"].iloc[0])
    suite.add_unless(
        _no_rows_in(facts, INTERACTION_SOURCES),
        _between("signal_rows", "Not empty: every raw activity, task and event is a signal.", 1),
    )
    suite.add(_zero("signals_without_id", "Every signal has its signal_id."))
    suite.add(
        _zero("duplicate_signal_ids", "signal_id is the mart's key (duplicates double-count everything).")
    )
    suite.add_unless(
        _no_rows_in(facts, INTERACTION_SOURCES),
        _between(
            "interaction_signals_per_raw_row",
            "Marketing-automation and CRM-activity signals per raw activity + task + event row: above the "
            "maximum a join fanned out, below the minimum rows were lost.",
            t.min_interaction_signals_per_raw_row,
            t.max_interaction_signals_per_raw_row,
        ),
    )
    suite.distribution(
        rows,
        t.min_rows_for_distribution,
        _between(
            "unclassified_signal_share",
            "Signals whose type the signal taxonomy does not know: a renamed activity type shows here.",
            high=t.max_unclassified_signal_share,
        ),
    )
    for source in FRESH_SOURCES:
        suite.add_unless(
            _no_as_of_day(facts) or _no_rows_in(facts, (source,)),
            _between(
                f"days_stale_{source}",
                f"Days from the latest {source} signal to the as-of day ({facts.as_of}): the feed is "
                "current and not ahead of the as-of day.",
                0,
                getattr(t, f"max_days_stale_{source}"),
            ),
        )
    for source in UNBOUNDED_SOURCES:
        suite.add_unless(
            _no_as_of_day(facts) or _no_rows_in(facts, (source,)),
            _between(
                f"days_stale_{source}",
                f"No {source} signal lies after the as-of day ({facts.as_of}); "
                "these are rare, so no age bound.",
                0,
            ),
        )


def _layer_tier_pairs(facts: Facts, notes: str) -> Expectation:
    return gxe.ExpectColumnPairValuesToBeInSet(
        column_A="decision_layer", column_B="authority_tier", value_pairs_set=facts.layer_tiers, notes=notes
    )


def _signals_values(suite: Suite, facts: Facts, t: Thresholds) -> None:
    suite.add(
        _in_set(
            "source_system",
            _values(facts, "signals", "source_system"),
            "The six source systems the signal stream unifies.",
        )
    )
    suite.add(
        _in_set(
            "signal_class",
            _values(facts, "signals", "signal_class"),
            "What a signal means: engagement or intent.",
        )
    )
    suite.add(
        _in_set(
            "signal_stage", _values(facts, "signals", "signal_stage"), "Where in the journey a signal sits."
        )
    )
    suite.add(
        _layer_tier_pairs(
            facts, "Each person-level signal's layer and tier agree with seeds/decision_layers.csv."
        )
    )
    suite.add_unless(
        _no_rows(facts, suite),
        gxe.ExpectColumnMinToBeBetween(column="min_weight", min_value=0, notes="No negative weight."),
    )
    suite.add_unless(
        _no_rows(facts, suite),
        gxe.ExpectColumnMinToBeBetween(
            column="min_half_life_days", min_value=1, notes="Every signal decays over at least a day."
        ),
    )


def _contacts(suite: Suite, facts: Facts, t: Thresholds) -> None:
    rows = int(facts.previews["contacts"]["contact_rows"].iloc[0])
    suite.add(_between("contact_rows", "The contacts mart is not empty.", 1))
    suite.add(_zero("contacts_without_id", "Every contact has its contact_id."))
    suite.add(_zero("duplicate_contact_ids", "contact_id is the mart's key."))
    suite.add(
        _between(
            "contacts_per_raw_contact",
            "Contacts mart rows per raw contact row: never more (duplicates and deleted rows are removed), "
            "not many fewer.",
            t.min_contacts_per_raw_contact,
            1.0,
        )
    )
    suite.distribution(
        rows,
        t.min_rows_for_distribution,
        _between(
            "authority_share",
            "Contacts in the authority tier (approvers, financial owners): near 0 titles stopped "
            "matching the taxonomy, near 1 a pattern matches everyone.",
            t.min_contact_authority_share,
            t.max_contact_authority_share,
        ),
    )
    suite.distribution(
        rows,
        t.min_rows_for_distribution,
        _between(
            "unclassified_share",
            "Contacts whose title matched no role_taxonomy row (is_title_unmatched).",
            high=t.max_contact_unclassified_share,
        ),
    )


def _contacts_values(suite: Suite, facts: Facts, t: Thresholds) -> None:
    suite.add(gxe.ExpectColumnValuesToNotBeNull(column="decision_layer", notes="Every contact has a layer."))
    suite.add(_layer_tier_pairs(facts, "Each contact's layer and tier agree with seeds/decision_layers.csv."))
    suite.add_unless(
        _no_rows(facts, suite),
        gxe.ExpectColumnMinToBeBetween(column="min_signal_count", min_value=0, notes="Counts are >= 0."),
    )
    suite.add_unless(
        _no_rows(facts, suite),
        gxe.ExpectColumnMinToBeBetween(column="min_decayed_score", min_value=0, notes="Scores are >= 0."),
    )


def _decision_unit_weeks(suite: Suite, facts: Facts, t: Thresholds) -> None:
    rows = int(facts.previews["decision_unit_weeks"]["week_rows"].iloc[0])
    signals = int(facts.previews["signals"]["signal_rows"].iloc[0])
    suite.add_unless(
        None if signals else "no signals, so no decision-unit weeks",
        _between("week_rows", "The decision_unit_weeks mart is not empty when there are signals.", 1),
    )
    suite.add(_zero("duplicate_unit_weeks", "One row per decision unit and week."))
    suite.add_unless(
        None if rows else "no decision-unit weeks",
        _between("as_of_weeks_per_unit", "Every decision unit with weeks has exactly one as-of week.", 1, 1),
    )
    suite.add(
        _zero("units_missing_from_decision_units", "Every unit with weeks is in the decision_units mart.")
    )
    suite.add_unless(
        _no_as_of_day(facts),
        _between(
            "days_from_latest_week_to_as_of",
            f"The latest week is the week of the as-of day ({facts.as_of}).",
            0,
            6,
        ),
    )
    suite.distribution(
        rows,
        t.min_rows_for_distribution,
        _between(
            "decision_ready_share",
            "Weeks judged decision_ready: above the maximum the readiness state machine passes everything.",
            high=t.max_decision_ready_week_share,
        ),
    )


def _decision_unit_weeks_values(suite: Suite, facts: Facts, t: Thresholds) -> None:
    suite.add(
        gxe.ExpectColumnPairValuesToBeInSet(
            column_A="readiness_state",
            column_B="readiness_rank",
            value_pairs_set=list(_readiness_ranks(facts).items()),
            notes="The readiness states and their ranks (macros/readiness/readiness_state.sql).",
        )
    )
    suite.add_unless(
        _no_rows(facts, suite),
        gxe.ExpectColumnMinToBeBetween(
            column="min_committee_completeness", min_value=0, notes="Completeness is a fraction."
        ),
    )
    suite.add_unless(
        _no_rows(facts, suite),
        gxe.ExpectColumnMaxToBeBetween(
            column="max_committee_completeness", max_value=1, notes="Completeness is a fraction."
        ),
    )


def _states(facts: Facts, column: str) -> Expectation:
    return _in_set(
        column, list(_readiness_ranks(facts)), "A readiness state of the state machine (DOMAIN.md §6)."
    )


def _fraction(column: str) -> Expectation:
    return _between(column, "A fraction between 0 and 1.", 0, 1)


def _decision_units(suite: Suite, facts: Facts, t: Thresholds) -> None:
    accounts = facts.raw_rows["crm.account"]
    suite.add(
        gxe.ExpectTableRowCountToBeBetween(
            min_value=1,
            max_value=accounts,
            notes=f"Decision units roll accounts up: at least one, at most the {accounts:,} raw accounts.",
        )
    )
    _unique_key(suite, "decision_unit_id")
    suite.add(gxe.ExpectColumnValuesToNotBeNull(column="unit_type", notes="Every unit has a type."))
    suite.add(_states(facts, "current_readiness_state"))
    suite.add(_fraction("current_committee_completeness"))
    suite.add(_between("fiscal_year_start_month", "A month.", 1, 12))
    suite.add(_between("member_facility_count", "Counts are >= 0.", 0))
    suite.add(_between("total_bed_count", "Counts are >= 0.", 0))


def _opportunities(suite: Suite, facts: Facts, t: Thresholds) -> None:
    raw = facts.raw_rows["crm.opportunity"]
    low = math.floor(t.min_opportunities_per_raw_opportunity * raw)
    suite.add(
        gxe.ExpectTableRowCountToBeBetween(
            min_value=low,
            max_value=raw,
            notes=f"Between min_opportunities_per_raw_opportunity x {raw:,} raw opportunity rows and all of "
            "them (deleted rows are removed).",
        )
    )
    _unique_key(suite, "opportunity_id")
    suite.add(_in_set("phase", facts.phases, "A phase of seeds/opportunity_stage_map.csv."))
    suite.add(_states(facts, "readiness_state_at_creation"))
    suite.add(
        gxe.ExpectColumnPairValuesToBeInSet(
            column_A="is_closed",
            column_B="is_won",
            value_pairs_set=CLOSED_WON_PAIRS,
            notes="A won opportunity is closed.",
        )
    )
    suite.add(_between("amount", "No negative amount.", 0))
    suite.add(_fraction("committee_completeness_at_creation"))
    suite.add(_fraction("committee_completeness_at_close"))
    suite.add(_between("sales_cycle_days", "A cycle does not end before it starts.", 0))


def _handoffs(suite: Suite, facts: Facts, t: Thresholds) -> None:
    _unique_key(suite, "handoff_id")
    suite.add(
        _in_set(
            "handoff_type",
            _values(facts, "handoffs", "handoff_type"),
            "How marketing passed the lead or contact on.",
        )
    )
    suite.add(
        _in_set(
            "handoff_quality",
            _values(facts, "handoffs", "handoff_quality"),
            "Judged at the handoff's own moment.",
        )
    )
    suite.add(_states(facts, "readiness_state_at_handoff"))
    suite.add(_between("days_to_opportunity", "An opportunity does not precede its handoff.", 0))
    suite.distribution(
        facts.frame_rows["handoffs"],
        t.min_rows_for_distribution,
        gxe.ExpectColumnMeanToBeBetween(
            column="is_without_decision_unit",
            max_value=t.max_handoffs_without_decision_unit_share,
            notes="Share of handoffs matched to no decision unit: above it lead-to-account matching broke.",
        ),
    )


def _attribution_by_model(suite: Suite, facts: Facts, t: Thresholds) -> None:
    _unique_key(suite, "attribution_summary_id")
    suite.add(
        _in_set(
            "attribution_model",
            _values(facts, "attribution_credit", "attribution_model"),
            "The nine attribution models (as attribution_credit lists them).",
        )
    )
    suite.add(
        _in_set(
            "dimension",
            _values(facts, "attribution_by_model", "dimension"),
            "The dimensions credit is summed by.",
        )
    )
    suite.add(_fraction("pipeline_share"))
    suite.add(_fraction("revenue_share"))
    suite.add(
        _between(
            "pipeline_share_total",
            "Each model's pipeline shares over one dimension sum to 1 (share_sum_tolerance).",
            1 - t.share_sum_tolerance,
            1 + t.share_sum_tolerance,
        )
    )


BUILDERS = {
    "raw_tables": _raw_tables,
    "signals": _signals,
    "signals_values": _signals_values,
    "contacts": _contacts,
    "contacts_values": _contacts_values,
    "decision_unit_weeks": _decision_unit_weeks,
    "decision_unit_weeks_values": _decision_unit_weeks_values,
    "decision_units": _decision_units,
    "opportunities": _opportunities,
    "handoffs": _handoffs,
    "attribution_by_model": _attribution_by_model,
}


def build_suite(frame: Frame, facts: Facts, thresholds: Thresholds) -> Suite:
    suite = Suite(frame)
    BUILDERS[frame.name](suite, facts, thresholds)
    return suite
