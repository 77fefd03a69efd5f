"""Buying journeys: the hidden decisions that shape every signal.

Each decision unit runs 0-4 journeys. A journey has an exploration phase [S, O) where usage contacts
engage, and a decision phase [O, D] that starts when the opportunity is created and ends at the decision.
Most decision phases are anchored on a window: they end just before the budget window closes (the fiscal-year
start minus 3 months) or inside the 270 days before an incumbent contract ends. Whether the buying committee
is engaged (`covered`) and whether the decision fell in a window (`timed`) set the odds of winning.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from decision_lens.generate import behaviour as b
from decision_lens.generate import vocabulary as v
from decision_lens.generate.accounts import Accounts
from decision_lens.generate.contacts import Contacts
from decision_lens.generate.contracts import Contracts
from decision_lens.generate.streams import expand, pick_in_ranges, rank_within, stream
from decision_lens.generate.timeline import RENEWAL_WINDOW_DAYS, Clock, in_budget_window, month_start

BUDGET, RENEWAL, UNALIGNED = 0, 1, 2
_SLOTS = np.array(
    [
        b.LAYER[x]
        for x in ("approver", "financial_owner", "gatekeeper", "influencer", "influencer", "user", "user")
    ]
)


@dataclass
class Journeys:
    du: np.ndarray
    scale: np.ndarray
    category: np.ndarray
    anchor: np.ndarray
    contract: np.ndarray  # the contract a renewal journey is about, else -1
    start: np.ndarray  # S, days (float)
    opened: np.ndarray  # O: the opportunity's creation
    handoff: np.ndarray  # H: when a lead behind the opportunity was accepted by sales
    decision: np.ndarray  # D: close date
    covered: np.ndarray
    timed: np.ndarray
    has_opp: np.ndarray
    closed: np.ndarray
    won: np.ndarray
    amount: np.ndarray
    renewal_of_ours: np.ndarray
    opp: np.ndarray  # opportunity index (in created order), -1 when the journey has none

    @property
    def n(self) -> int:
        return len(self.du)


@dataclass
class Participants:
    """Contacts taking part in a journey, sorted by contact. `named` ones get an opportunity contact role."""

    journey: np.ndarray
    contact: np.ndarray
    layer: np.ndarray
    active: np.ndarray
    named: np.ndarray
    role: np.ndarray  # index into CONTACT_ROLES
    primary: np.ndarray


def _phase(rng, scale, bounds: dict[str, tuple[int, int]]) -> np.ndarray:
    lo = np.array([bounds[s][0] for s in b.SCALES])[scale]
    hi = np.array([bounds[s][1] for s in b.SCALES])[scale]
    return rng.uniform(lo, hi)


def _in_range(decision: np.ndarray, clock: Clock) -> np.ndarray:
    lo, hi = b.DECISION_RANGE_DAYS
    return (decision >= clock.start_day + lo) & (decision <= clock.as_of_day + hi)


def _budget_anchor(rng, fiscal_month, clock: Clock):
    year = clock.as_of.year + np.arange(-2, 2)
    fiscal_start = (year[None, :] - 1970) * 12 + (fiscal_month[:, None] - 1)
    decision = month_start(fiscal_start - 3) - rng.uniform(5, 30, fiscal_start.shape)
    window_open = month_start(fiscal_start - 9)
    valid = _in_range(decision, clock)
    pick = np.argmax(rng.random(valid.shape) * valid, axis=1)
    rows = np.arange(len(fiscal_month))
    return decision[rows, pick], window_open[rows, pick], valid[rows, pick]


def build_journeys(seed: int, accounts: Accounts, contracts: Contracts, clock: Clock) -> Journeys:
    rng = stream(seed, "journeys")
    dus = accounts.decision_units
    du_scale = b.scale_of_kind(accounts.kind[dus])
    mean = np.array([b.JOURNEYS_MEAN[s] for s in b.SCALES])[du_scale]
    count = np.minimum(rng.poisson(mean) + (du_scale == 0), 4)
    du = np.repeat(dus, count)
    n = len(du)
    scale = b.scale_of_kind(accounts.kind[du])
    anchor = rng.choice(3, size=n, p=b.mix(b.ANCHOR_MIX))

    decision, window_open, ok = _budget_anchor(rng, accounts.du_fiscal_month[du], clock)
    order, starts = contracts.of_du()
    starts = np.r_[starts, np.full(max(0, accounts.n + 2 - len(starts)), starts[-1])]
    pos = pick_in_ranges(rng, starts[du], starts[du + 1] - starts[du])
    contract = np.where(pos >= 0, order[np.maximum(pos, 0)], -1)
    end = contracts.end[np.maximum(contract, 0)]
    renewal_decision = end - rng.uniform(20, 150, n)
    renewal_ok = (contract >= 0) & _in_range(renewal_decision, clock)
    anchor = np.where((anchor == RENEWAL) & ~renewal_ok, BUDGET, anchor)
    anchor = np.where((anchor == BUDGET) & ~ok, UNALIGNED, anchor)
    decision = np.where(anchor == RENEWAL, renewal_decision, decision)
    window_open = np.where(anchor == RENEWAL, end - RENEWAL_WINDOW_DAYS, window_open)
    free = rng.uniform(
        clock.start_day + b.DECISION_RANGE_DAYS[0], clock.as_of_day + b.DECISION_RANGE_DAYS[1], n
    )
    decision = np.where(anchor == UNALIGNED, free, decision)
    contract = np.where(anchor == RENEWAL, contract, -1)

    decision_days = _phase(rng, scale, b.DECISION_PHASE_DAYS)
    aligned = anchor != UNALIGNED
    decision_days = np.where(aligned, np.clip(decision_days, 20, decision - window_open - 15), decision_days)
    opened = decision - decision_days
    start = opened - _phase(rng, scale, b.EXPLORATION_PHASE_DAYS)
    handoff = opened - rng.uniform(1, 14, n)
    renewal_of_ours = (contract >= 0) & contracts.ours[np.maximum(contract, 0)]
    # Only an incumbent's contract opens a renewal window; renewing our own contract is timed by budget alone.
    in_budget = in_budget_window(decision, accounts.du_fiscal_month[du])
    timed = np.where(renewal_of_ours, in_budget, aligned | in_budget)
    p_cover = np.where(aligned, b.COVERAGE_PROBABILITY["aligned"], b.COVERAGE_PROBABILITY["unaligned"])
    covered = rng.random(n) < p_cover
    has_opp = (opened <= clock.as_of_day) & (rng.random(n) < b.OPPORTUNITY_PROBABILITY)
    closed = decision <= clock.as_of_day
    won = np.zeros(n, dtype=bool)  # settled once the committee is staffed (see settle_outcomes)
    amount = np.round(rng.lognormal(np.array([b.AMOUNT_LOG_MEAN[s] for s in b.SCALES])[scale], 0.5), -2)
    category = np.where(
        contract >= 0,
        contracts.category[np.maximum(contract, 0)],
        rng.integers(0, len(v.PRODUCT_CATEGORIES), n),
    )

    keep = start <= clock.as_of_day - 1
    journeys = Journeys(
        du,
        scale,
        category,
        anchor,
        contract,
        start,
        opened,
        handoff,
        decision,
        covered,
        timed,
        has_opp,
        closed,
        won,
        amount,
        renewal_of_ours,
        np.full(n, -1),
    )
    journeys = _select(journeys, np.flatnonzero(keep)[np.argsort(opened[keep], kind="stable")])
    journeys.opp = np.where(journeys.has_opp, np.cumsum(journeys.has_opp) - 1, -1)
    return journeys


def settle_outcomes(seed: int, journeys: Journeys, part: Participants) -> None:
    """A journey counts as covered only if an authority contact actually takes part; then draw who wins."""
    rng = stream(seed, "outcomes")
    staffed = np.zeros(journeys.n, dtype=bool)
    staffed[part.journey[part.active & (b.TIER_OF_LAYER[part.layer] > 0)]] = True
    journeys.covered &= staffed
    p_win = b.WIN_BASE + b.WIN_COVERED * journeys.covered + b.WIN_TIMED * journeys.timed
    journeys.won = journeys.has_opp & journeys.closed & (rng.random(journeys.n) < p_win)


def _select(j: Journeys, rows: np.ndarray) -> Journeys:
    return Journeys(*(getattr(j, f)[rows] for f in j.__dataclass_fields__))


def build_participants(seed: int, journeys: Journeys, contacts: Contacts) -> Participants:
    rng = stream(seed, "participants")
    extra_mean = np.array([b.EXTRA_PARTICIPANTS_MEAN[s] for s in b.SCALES])[journeys.scale]
    extras = rng.poisson(extra_mean)
    slot_journey = np.repeat(np.arange(journeys.n), len(_SLOTS))
    slot_layer = np.tile(_SLOTS, journeys.n)
    extra_journey = expand(extras)
    extra_layer = np.where(rng.random(len(extra_journey)) < 0.6, b.LAYER["user"], b.LAYER["influencer"])
    journey = np.r_[slot_journey, extra_journey]
    layer = np.r_[slot_layer, extra_layer]
    is_slot = np.r_[np.ones(len(slot_journey), bool), np.zeros(len(extra_journey), bool)]
    contact = contacts.pick(rng, journeys.du[journey], layer)
    order = np.argsort(journey, kind="stable")  # slots first within each journey, then extras
    journey, layer, is_slot, contact = journey[order], layer[order], is_slot[order], contact[order]
    keep = contact >= 0
    journey, layer, is_slot, contact = journey[keep], layer[keep], is_slot[keep], contact[keep]
    first = rank_within(journey * (contacts.n + 1) + contact) == 0
    journey, layer, is_slot, contact = journey[first], layer[first], is_slot[first], contact[first]

    n = len(journey)
    authority = b.TIER_OF_LAYER[layer] > 0
    u = rng.random(n)
    active = np.where(authority, journeys.covered[journey] & (u < 0.95), u < 0.9)
    named = is_slot & journeys.has_opp[journey] & (active | (rng.random(n) < 0.25))
    role_names = [v.ROLES_BY_LAYER[v.LAYERS[x]] for x in range(5)]
    role_table = np.array([[v.CONTACT_ROLES.index(r) for r in pair] for pair in role_names])
    role = role_table[np.minimum(layer, 4), (rng.random(n) >= 0.65).astype(np.int64)]
    named_rank = rank_within(np.where(named, journey, -1 - np.arange(n)))
    primary = named & (named_rank == 0)
    by_contact = np.argsort(contact, kind="stable")
    return Participants(*(x[by_contact] for x in (journey, contact, layer, active, named, role, primary)))
