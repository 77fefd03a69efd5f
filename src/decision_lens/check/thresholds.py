"""Every number `lens check` judges by, in one place.

Change a default here, or override one run with `lens check --set NAME=VALUE` (repeatable), for instance
`--set max_days_stale_marketing_automation=30`. The defaults are set for real volumes: the ci and demo
presets pass them with room to spare, and a broken join, a stopped feed or a broken taxonomy does not.

Shares are fractions (0.05 is 5%). A distribution check needs a population to judge: a share over fewer
than `min_rows_for_distribution` rows is not judged and the table lists the check as skipped (a handful of
hand-written rows says nothing about a distribution). Freshness has no such floor; a tiny dataset with
sparse sources relaxes it with --set. A source whose raw tables are empty is not judged (skipped, with the
reason), nor is anything measured against the as-of day while there is none (no signal yet).
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field

import yaml

from decision_lens.project import LensError, project_root


@functools.cache
def _project_vars() -> dict:
    return yaml.safe_load((project_root() / "dbt_project.yml").read_text())["vars"]


def _dbt_fail_share(var: str) -> float:
    """The fail bound of a share dbt's tests already judge (dbt_project.yml): one number for both gates."""
    return float(_project_vars()[var]["fail"])


@dataclass(frozen=True)
class Thresholds:
    # ---- Raw files (suite raw_tables) -----------------------------------------------------------------
    # Rows sharing a key with another row (exact duplicates, re-delivered rows), as a share of a table's
    # rows. Sources deliver a little of this noise; a file loaded twice is 50%.
    max_raw_duplicate_key_share: float = 0.05
    # Soft-deleted rows (is_deleted) as a share of a table's rows: merges and clean-ups, not a mass delete.
    max_raw_deleted_share: float = 0.25

    # ---- Row counts relative to the raw data ----------------------------------------------------------
    # signals from marketing automation and CRM tasks and events, per raw activity + task + event row.
    # Above 1 a join fanned out; well below 1 rows were dropped (duplicates and deleted rows remove a little).
    min_interaction_signals_per_raw_row: float = 0.9
    max_interaction_signals_per_raw_row: float = 1.0
    # contacts mart rows per raw contact row (never above 1: duplicates and deleted contacts are removed).
    min_contacts_per_raw_contact: float = 0.9
    # opportunities mart rows per raw opportunity row (never above 1, likewise).
    min_opportunities_per_raw_opportunity: float = 0.9

    # ---- Freshness (suite signals) --------------------------------------------------------------------
    # Most days between a source system's latest signal and the as-of day (the last day of the semantic
    # layer's calendar: var as_of_date, else the last day with a signal). A signal after the as-of day always
    # fails. Contract events (contract_system) are rare by nature: only "not after the as-of day" applies.
    max_days_stale_marketing_automation: int = 7
    max_days_stale_crm_activity: int = 14
    max_days_stale_intent_provider: int = 14  # weekly scores, dated by the week's Monday
    max_days_stale_crm_campaign: int = 45
    max_days_stale_crm_opportunity: int = 45

    # ---- Distributions --------------------------------------------------------------------------------
    # Fewer rows than this and a share is not judged (listed as skipped). Defaults to dbt's var
    # share_test_min_rows, below which dbt's share tests do not judge either.
    min_rows_for_distribution: int = field(
        default_factory=lambda: int(_project_vars()["share_test_min_rows"])
    )
    # contacts in the authority tier (approvers and financial owners). Near 0: titles stopped matching the
    # taxonomy; near 1: a pattern matches everyone.
    min_contact_authority_share: float = 0.05
    max_contact_authority_share: float = 0.40
    # contacts whose title matched no pattern (decision_layer unclassified), and signals whose type the
    # taxonomy does not know (signal_class unclassified: a renamed activity type). dbt's tests warn above
    # var unclassified_*_share.warn and fail above .fail; these default to the same fail bounds.
    max_contact_unclassified_share: float = field(
        default_factory=lambda: _dbt_fail_share("unclassified_title_share")
    )
    max_unclassified_signal_share: float = field(
        default_factory=lambda: _dbt_fail_share("unclassified_signal_share")
    )
    # decision-unit weeks judged decision_ready: above this the readiness state machine passes everything.
    max_decision_ready_week_share: float = 0.5
    # handoffs whose lead or contact matched no decision unit: lead-to-account matching is broken.
    max_handoffs_without_decision_unit_share: float = 0.5

    # ---- Arithmetic -----------------------------------------------------------------------------------
    # attribution_by_model: each model's shares over one dimension sum to 1 within this.
    share_sum_tolerance: float = 1e-6


def threshold_names() -> list[str]:
    return [field.name for field in dataclasses.fields(Thresholds)]


def with_overrides(overrides: list[str], base: Thresholds | None = None) -> Thresholds:
    """Thresholds with `NAME=VALUE` overrides applied; an unknown name or a bad value is a LensError."""
    base = base or Thresholds()
    types = {field.name: field.type for field in dataclasses.fields(Thresholds)}
    changes: dict[str, float | int] = {}
    for override in overrides:
        name, sep, text = override.partition("=")
        name = name.strip()
        if not sep or name not in types:
            raise LensError(
                f"--set {override!r}: expected NAME=VALUE with NAME one of {', '.join(threshold_names())}."
            )
        kind = int if types[name] in (int, "int") else float
        try:
            changes[name] = kind(text.strip())
        except ValueError:
            expected = "an integer" if kind is int else "a number"
            raise LensError(f"--set {override!r}: {text.strip()!r} is not {expected}.") from None
    return dataclasses.replace(base, **changes)
