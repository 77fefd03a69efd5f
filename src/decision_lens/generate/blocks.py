"""One block of people -> its marketing activity rows and its tasks and events.

A block's numbers come from streams keyed by the block index, so a block always generates the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from decision_lens.generate import behaviour as b
from decision_lens.generate.activity import Base, Rows, lifetime, staged, type_touches
from decision_lens.generate.sales import (
    FOLLOW_UP,
    HANDOFF,
    INTRO_CALL,
    INTRO_MEETING,
    SalesRows,
    draw_subjects,
)
from decision_lens.generate.streams import expand, stream
from decision_lens.generate.timeline import DAY, business_time
from decision_lens.generate.world import World


def _phase_rows(rng, active: np.ndarray, rate: np.ndarray) -> np.ndarray:
    """Participant rows repeated Poisson(rate) times, only where active."""
    return expand(np.where(active, rng.poisson(rate), 0))


def _decision_days(rng, j, journey: np.ndarray, tier: np.ndarray, late: tuple[float, float]) -> np.ndarray:
    o, d = j.opened[journey], j.decision[journey]
    usage = o + (d - o) * rng.beta(1.2, 1.8, len(journey))
    authority = (o - 45) + (d - o + 45) * rng.beta(*late, len(journey))
    return np.where(tier == 0, usage, authority)


@dataclass
class _ContactBlock:
    """Contacts [lo, hi) and the journey participations of those contacts."""

    lo: int
    hi: int
    layer: np.ndarray
    tier: np.ndarray
    floor: np.ndarray  # seconds: nothing before the contact exists (or before the span starts)
    ceil: np.ndarray
    journey: np.ndarray  # per participation
    person: np.ndarray  # per participation, index within the block
    p_tier: np.ndarray
    active: np.ndarray

    @classmethod
    def of(cls, world: World, block: int) -> _ContactBlock:
        c, p, clock = world.contacts, world.participants, world.clock
        lo = block * world.preset.block_size
        hi = min(lo + world.preset.block_size, c.n)
        layer = c.layer[lo:hi]
        p_lo, p_hi = np.searchsorted(p.contact, [lo, hi])
        return cls(
            lo,
            hi,
            layer,
            b.TIER_OF_LAYER[layer],
            np.maximum(c.created[lo:hi], clock.start),
            np.full(hi - lo, clock.horizon),
            p.journey[p_lo:p_hi],
            p.contact[p_lo:p_hi] - lo,
            b.TIER_OF_LAYER[p.layer[p_lo:p_hi]],
            p.active[p_lo:p_hi],
        )


def contact_block(world: World, block: int) -> tuple[Rows, SalesRows, SalesRows, int, int]:
    cb = _ContactBlock.of(world, block)
    rng = stream(world.seed, "contacts.activity", block)
    rows = type_touches(rng, _contact_touches(rng, world, cb), cb.floor, cb.ceil, world.campaigns)
    tasks = _contact_sales(rng, world, cb, events=False)
    events = _contact_sales(rng, world, cb, events=True)
    return rows, tasks, events, cb.lo, cb.hi


def _contact_touches(rng, world: World, cb: _ContactBlock) -> Base:
    """Background engagement, exploration-phase touches (usage), decision-phase touches (late-skewed for
    authority) and the authority touch that precedes a ready handoff."""
    j, clock, rate = world.journeys, world.clock, world.preset.activity_rate
    usage = cb.active & (cb.p_tier == 0)
    ex = _phase_rows(rng, usage, b.EXPLORATION_TOUCHES_USAGE * rate)
    s, o = j.start[cb.journey[ex]], j.opened[cb.journey[ex]]
    ex_day = s + (o - s) * rng.beta(1.3, 1.6, len(ex))
    explore = staged(rng, cb.person[ex], ex_day, cb.p_tier[ex], b.EXPLORATION_STAGE)
    de = _phase_rows(rng, cb.active, np.take(b.DECISION_TOUCHES, cb.p_tier) * rate)
    de_day = _decision_days(rng, j, cb.journey[de], cb.p_tier[de], (4.0, 1.2))
    timing = cb.p_tier[de] + 3 * ~j.timed[cb.journey[de]]
    decide = staged(rng, cb.person[de], de_day, cb.p_tier[de], b.DECISION_STAGE_BY_TIMING, group=timing)
    pre = np.flatnonzero(cb.active & (cb.p_tier == 1))
    pre_day = j.handoff[cb.journey[pre]] - rng.uniform(2, 45, len(pre))
    handoff = Base(cb.person[pre], pre_day, np.full(len(pre), 2), cb.p_tier[pre])
    rates = np.take(b.BACKGROUND_TOUCHES, cb.layer) * rate
    span = clock.horizon - clock.start
    background = lifetime(rng, rates, cb.floor, cb.ceil, cb.tier, span, b.BACKGROUND_STAGE)
    return Base.concat(background, explore, decide, handoff)


def _contact_sales(rng, world: World, cb: _ContactBlock, events: bool) -> SalesRows:
    """Prospecting any time (early subjects), exploration-phase calls, decision-phase work (late subjects)."""
    j, clock, c = world.journeys, world.clock, world.contacts
    if events:
        bg_rate = np.full(len(cb.layer), b.BACKGROUND_EVENTS)
        explore_rate, decide_rate = b.EXPLORATION_EVENTS, b.DECISION_EVENTS
    else:
        bg_rate = np.take(b.BACKGROUND_TASKS, cb.layer)
        explore_rate, decide_rate = b.EXPLORATION_TASKS, b.DECISION_TASKS
    span = clock.horizon - clock.start
    bg = lifetime(rng, bg_rate, cb.floor, cb.ceil, cb.tier, span, (0.85, 0.15, 0.0))
    ex = _phase_rows(rng, cb.active & (cb.p_tier == 0), explore_rate)
    s, o = j.start[cb.journey[ex]], j.opened[cb.journey[ex]]
    explore = staged(
        rng, cb.person[ex], s + (o - s) * rng.random(len(ex)), cb.p_tier[ex], b.TASK_EXPLORATION_STAGE
    )
    de = _phase_rows(rng, cb.active, np.take(decide_rate, cb.p_tier))
    de_day = _decision_days(rng, j, cb.journey[de], cb.p_tier[de], (2.5, 1.2))
    timing = cb.p_tier[de] + 3 * ~j.timed[cb.journey[de]]
    decide = staged(rng, cb.person[de], de_day, cb.p_tier[de], b.TASK_DECISION_STAGE_BY_TIMING, group=timing)

    journey = np.r_[np.full(len(bg.person), -1), cb.journey[ex], cb.journey[de]]
    base = Base.concat(bg, explore, decide)
    t = business_time(rng, base.day)
    in_opp = (journey >= 0) & (base.day >= j.opened[journey]) & (base.day <= j.decision[journey] + 1)
    opp = np.where(in_opp, j.opp[journey], -1)
    account_owner = world.accounts.owner[c.account[cb.lo + base.person]]
    sdr = world.users.sdrs[rng.integers(0, len(world.users.sdrs), len(t))]
    prospecting_owner = np.where(rng.random(len(t)) < 0.5, account_owner, sdr)
    owner = np.where(journey >= 0, world.accounts.owner[j.du[journey]], prospecting_owner)
    subject = draw_subjects(rng, cb.layer[base.person], base.stage, events)
    out = SalesRows(base.person, t, subject, opp, owner)
    return out.select((t >= cb.floor[base.person]) & (t < clock.horizon - 2 * 3600)).sorted()


def lead_block(world: World, block: int) -> tuple[Rows, SalesRows, SalesRows, int, int]:
    leads, clock = world.leads, world.clock
    size = world.preset.block_size
    lo, hi = block * size, min((block + 1) * size, leads.n)
    rng = stream(world.seed, "leads.activity", block)
    rate = world.preset.activity_rate
    tier = b.TIER_OF_LAYER[leads.layer[lo:hi]]
    steps = leads.steps[lo:hi]
    floor = np.maximum(leads.created[lo:hi], clock.start)
    ceil = np.where(steps[:, 3] >= 0, steps[:, 3], clock.horizon)
    ceil = np.where(leads.deleted[lo:hi], floor, ceil)
    span = clock.horizon - clock.start
    background = lifetime(
        rng, np.full(hi - lo, b.LEAD_BACKGROUND_TOUCHES * rate), floor, ceil, tier, span, b.BACKGROUND_STAGE
    )
    mql = steps[:, 1]
    burst = expand(np.where(mql >= 0, rng.poisson(b.LEAD_BURST_TOUCHES * rate, hi - lo), 0))
    burst_base = staged(
        rng, burst, mql[burst] / DAY - rng.uniform(0, 40, len(burst)), tier[burst], (0.35, 0.55, 0.10)
    )
    rows = type_touches(rng, Base.concat(background, burst_base), floor, ceil, world.campaigns)

    sdr, ae = leads.sdr[lo:hi], leads.owner_after[lo:hi]
    parts = []
    for step, subject, owner in ((0, INTRO_CALL, sdr), (1, FOLLOW_UP, sdr), (2, HANDOFF, ae)):
        who = np.flatnonzero(steps[:, step] >= 0)
        t = steps[who, step] + (rng.integers(0, 2 * DAY, len(who)) if step == 1 else 0)
        parts.append(SalesRows(who, t, np.full(len(who), subject), np.full(len(who), -1), owner[who]))
    tasks = SalesRows.concat(*parts)
    tasks = tasks.select(tasks.t < clock.horizon).sorted()
    met = np.flatnonzero((steps[:, 2] >= 0) & (rng.random(hi - lo) < 0.3))
    t = steps[met, 2] + rng.integers(1, 10, len(met)) * DAY
    events = SalesRows(met, t, np.full(len(met), INTRO_MEETING), np.full(len(met), -1), ae[met])
    events = events.select(events.t < clock.horizon - 2 * 3600).sorted()
    return rows, tasks, events, lo, hi
