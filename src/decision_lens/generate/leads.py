"""Leads and their status history, including handoffs to sales.

Three kinds of lead:
- journey leads: accepted by sales just before a journey's opportunity is created and converted into it. When
  the journey's committee is engaged and its decision phase sits in a window they are `ready` handoffs.
- cold handoffs: a burst of usage-layer engagement makes them MQLs at a random moment, usually outside any
  window and without authority engagement (`premature`); few convert, none into an opportunity.
- nurture leads: never handed off.
Converted leads become an existing contact, whose created date moves to the conversion moment.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from decision_lens.generate import behaviour as b
from decision_lens.generate import vocabulary as v
from decision_lens.generate.accounts import Accounts
from decision_lens.generate.contacts import TITLES, Contacts, People, draw_titles
from decision_lens.generate.journeys import Journeys, Participants
from decision_lens.generate.streams import rank_within, stream
from decision_lens.generate.timeline import Clock, business_time

JOURNEY, COLD, NURTURE, JUNK = 0, 1, 2, 3
# Status codes follow vocabulary.LEAD_STATUSES: 0 open, 1 working, 2 MQL, 3 accepted, 4 converted, 5 closed.
STEP_STATUS = np.array([1, 2, 3, 4, 5])


@dataclass
class Leads:
    kind: np.ndarray
    account: np.ndarray  # -1: a company the CRM does not know
    unknown_company: np.ndarray  # index into UNKNOWN_LEAD_COMPANIES where account is -1
    layer: np.ndarray
    people: People
    lead_source: np.ndarray
    created: np.ndarray  # seconds
    steps: np.ndarray  # (n, 5) seconds of working, MQL, accepted, converted, not converted; -1 = never
    contact: np.ndarray  # converted contact, -1
    opp: np.ndarray  # converted opportunity, -1
    journey: np.ndarray  # the journey behind a journey lead, -1
    sdr: np.ndarray
    owner_after: np.ndarray  # the account executive who owns the lead after acceptance
    deleted: np.ndarray

    @property
    def n(self) -> int:
        return len(self.kind)

    def status(self) -> np.ndarray:
        reached = self.steps >= 0
        last = np.where(reached.any(axis=1), 4 - np.argmax(reached[:, ::-1], axis=1), -1)
        return np.where(last >= 0, STEP_STATUS[np.maximum(last, 0)], 0)

    def converted_at(self) -> np.ndarray:
        return self.steps[:, 3]


def _journey_leads(rng, journeys: Journeys, part: Participants):
    ready = journeys.covered & journeys.timed
    p = np.where(ready, b.JOURNEY_LEAD_PROBABILITY["ready"], b.JOURNEY_LEAD_PROBABILITY["other"])
    chosen = journeys.has_opp & (rng.random(journeys.n) < p)
    usage = part.active & (b.TIER_OF_LAYER[part.layer] == 0) & (part.layer != b.LAYER["unclassified"])
    rows = np.flatnonzero(usage & chosen[part.journey])
    rows = rows[np.argsort(part.journey[rows] * 2**32 + rng.integers(0, 2**31, len(rows)), kind="stable")]
    first_of_journey = rank_within(part.journey[rows]) == 0
    rows = rows[first_of_journey]
    rows = rows[np.argsort(part.journey[rows], kind="stable")]
    first_of_contact = rank_within(part.contact[rows]) == 0  # a contact converts once: its earliest journey
    rows = rows[first_of_contact]
    return part.journey[rows], part.contact[rows]


def build_leads(
    seed: int,
    journeys: Journeys,
    part: Participants,
    contacts: Contacts,
    accounts: Accounts,
    sdrs: np.ndarray,
    lead_ratio: float,
    clock: Clock,
) -> Leads:
    rng = stream(seed, "leads")
    j_journey, j_contact = _journey_leads(rng, journeys, part)
    n_j = len(j_journey)
    n_c = round(lead_ratio * contacts.n * b.COLD_HANDOFF_SHARE)
    n_n = round(lead_ratio * contacts.n * (1 - b.COLD_HANDOFF_SHARE))
    n_x = max(1, round((n_j + n_c + n_n) * b.JUNK_LEAD_SHARE))
    kind = np.r_[np.full(n_j, JOURNEY), np.full(n_c, COLD), np.full(n_n, NURTURE), np.full(n_x, JUNK)]
    n = len(kind)
    host = contacts.account[rng.integers(0, contacts.n, n)]  # where a lead works: weighted like contacts
    host[:n_j] = contacts.account[j_contact]
    days, created = _timeline(rng, kind, journeys, j_journey, accounts.du[host], accounts.n, clock)

    # Who each lead is: converting leads are an existing contact of the decision unit.
    unknown = (kind != JOURNEY) & (rng.random(n) < b.UNKNOWN_COMPANY_SHARE)
    layer = rng.choice(len(v.LAYERS), size=n, p=b.mix(b.LEAD_LAYER_MIX))
    contact = np.full(n, -1)
    contact[:n_j] = j_contact
    want = np.flatnonzero((kind == COLD) & ~np.isnan(days[:, 3]) & ~unknown)
    pick = contacts.pick(rng, accounts.du[host[want]], layer[want])
    taken = np.isin(pick, j_contact) | (rank_within(pick) > 0) | (pick < 0)
    contact[want] = np.where(taken, -1, pick)
    days[(kind == COLD) & (contact < 0), 3] = np.nan  # nobody to convert into
    has_contact = contact >= 0
    host = np.where(has_contact, contacts.account[np.maximum(contact, 0)], host)
    layer = np.where(has_contact, contacts.layer[np.maximum(contact, 0)], layer)
    title = draw_titles(rng, np.minimum(layer, 4))
    people = People.draw(rng, np.where(layer == b.LAYER["unclassified"], _unknown_title(rng, n), title))
    copied = np.flatnonzero(has_contact)
    for f in people.__dataclass_fields__:
        getattr(people, f)[copied] = getattr(contacts.people, f)[contact[copied]]

    steps = _to_seconds(rng, days, clock)
    first_step = np.where(steps < 0, np.iinfo(np.int64).max, steps).min(axis=1)
    created_s = np.minimum(np.minimum(business_time(rng, created), first_step - 3600), clock.horizon - 1)
    conv = steps[:, 3]
    moved = has_contact & (conv >= 0)
    contacts.created[contact[moved]] = conv[moved]  # the contact record is created by the conversion

    inbound = np.array([v.LEAD_SOURCES.index(x) for x in b.INBOUND_LEAD_SOURCES])
    any_source = rng.integers(0, len(v.LEAD_SOURCES), n)
    lead_source = np.where(kind == JOURNEY, any_source, inbound[rng.integers(0, len(inbound), n)])
    opp = np.full(n, -1)
    opp[:n_j] = np.where(conv[:n_j] >= 0, journeys.opp[j_journey], -1)
    journey = np.full(n, -1)
    journey[:n_j] = j_journey
    return Leads(
        kind=kind,
        account=np.where(unknown, -1, host),
        unknown_company=rng.integers(0, len(v.UNKNOWN_LEAD_COMPANIES), n),
        layer=layer,
        people=people,
        lead_source=lead_source,
        created=created_s.astype(np.int64),
        steps=steps,
        contact=np.where(moved, contact, -1),
        opp=opp,
        journey=journey,
        sdr=sdrs[rng.integers(0, len(sdrs), n)],
        owner_after=accounts.owner[accounts.du[host]],
        deleted=kind == JUNK,
    )


def _timeline(rng, kind, journeys: Journeys, j_journey, du, n_accounts: int, clock: Clock):
    """Days of the status steps (working, MQL, accepted, converted, not converted; NaN = never), creation."""
    a0, a1 = clock.start_day, clock.as_of_day
    n = len(kind)
    steps = np.full((n, 5), np.nan)
    working, mql, accepted, converted, lost = (steps[:, k] for k in range(5))
    j = np.flatnonzero(kind == JOURNEY)
    accepted[j] = journeys.handoff[j_journey]
    converted[j] = journeys.opened[j_journey]
    mql[j] = accepted[j] - rng.uniform(1, 10, len(j))
    c = np.flatnonzero(kind == COLD)
    mql[c] = rng.uniform(a0, a1 - 2, len(c))
    is_accepted = rng.random(len(c)) < b.COLD_ACCEPTED
    accepted[c] = np.where(is_accepted, mql[c] + rng.uniform(1, 10, len(c)), np.nan)
    deciding = _deciding(journeys, du[c], accepted[c], n_accounts)
    p_convert = np.where(deciding, b.COLD_CONVERSION_DECIDING, b.COLD_CONVERSION)
    converts = is_accepted & (rng.random(len(c)) < p_convert)
    converted[c] = np.where(converts, accepted[c] + rng.uniform(3, 30, len(c)), np.nan)
    closes = ~converts & (rng.random(len(c)) < np.where(is_accepted, 0.7, 0.5))
    after = np.where(is_accepted, accepted[c], mql[c]) + rng.uniform(14, 120, len(c))
    lost[c] = np.where(closes, after, np.nan)
    handed = np.r_[j, c]
    working[handed] = np.where(
        rng.random(len(handed)) < 0.7, mql[handed] - rng.uniform(3, 40, len(handed)), np.nan
    )
    created = np.fmin(working, mql) - rng.uniform(1, 120, n)
    nu = np.flatnonzero(kind == NURTURE)
    created[nu] = rng.uniform(a0 - 100, a1 - 1, len(nu))
    is_working = rng.random(len(nu)) < 0.6
    working[nu] = np.where(is_working, created[nu] + rng.uniform(1, 30, len(nu)), np.nan)
    gives_up = is_working & (rng.random(len(nu)) < 0.35)
    lost[nu] = np.where(gives_up, working[nu] + rng.uniform(20, 200, len(nu)), np.nan)
    x = np.flatnonzero(kind == JUNK)
    created[x] = rng.uniform(a0, a1 - 1, len(x))
    return steps, created


def _deciding(journeys: Journeys, du: np.ndarray, day: np.ndarray, n_accounts: int) -> np.ndarray:
    """True where the decision unit is in the decision phase of a covered, well-timed journey."""
    order = np.argsort(journeys.du, kind="stable")
    starts = np.searchsorted(journeys.du[order], np.arange(n_accounts + 1))
    out = np.zeros(len(du), dtype=bool)
    for k in range(int(np.diff(starts).max(initial=0))):
        pos = starts[du] + k
        has = pos < starts[du + 1]
        jj = order[np.minimum(pos, len(order) - 1)]
        live = (day >= journeys.opened[jj] - 60) & (day <= journeys.decision[jj])
        out |= has & live & journeys.covered[jj] & journeys.timed[jj]
    return out


def _unknown_title(rng, n):
    first_unknown = len(TITLES) - len(v.UNKNOWN_TITLES)
    return first_unknown + rng.integers(0, len(v.UNKNOWN_TITLES), n)


def _to_seconds(rng, steps_days: np.ndarray, clock: Clock) -> np.ndarray:
    """Business-hour seconds per step, kept in order, -1 for steps that never happen (or after as_of)."""
    flat = steps_days.ravel()
    seconds = np.full(flat.shape, -1, dtype=np.int64)
    known = ~np.isnan(flat)
    seconds[known] = business_time(rng, flat[known])
    seconds = seconds.reshape(steps_days.shape)
    previous = np.full(len(seconds), -(2**62))
    for k in range(seconds.shape[1]):
        valid = seconds[:, k] >= 0
        seconds[:, k] = np.where(valid, np.maximum(seconds[:, k], previous + 600), -1)
        previous = np.where(valid, seconds[:, k], previous)
    return np.where(seconds >= clock.horizon, -1, seconds)
