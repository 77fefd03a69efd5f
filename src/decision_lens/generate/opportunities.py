"""Opportunities (one per journey that reached one), their stage history and contact roles."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from decision_lens.generate import behaviour as b
from decision_lens.generate import columns as col
from decision_lens.generate import vocabulary as v
from decision_lens.generate.contracts import Contracts
from decision_lens.generate.noise import flags
from decision_lens.generate.streams import stream
from decision_lens.generate.timeline import DAY, business_time
from decision_lens.generate.world import World

_STAGE = {name: code for code, name in enumerate(v.OPPORTUNITY_STAGES)}
_PATHS = np.array([[_STAGE[s] for s in path] for path in (v.HEALTHCARE_STAGE_PATH, v.STANDARD_STAGE_PATH)])
_PROBABILITY = np.array([v.STAGE_PROBABILITY[s] for s in v.OPPORTUNITY_STAGES])
_FORECAST = np.array(
    [v.FORECAST_CATEGORIES.index(v.STAGE_FORECAST_CATEGORY[s]) for s in v.OPPORTUNITY_STAGES]
)
_STAGES = col.pool(v.OPPORTUNITY_STAGES)
_STEPS = _PATHS.shape[1]


def opportunity_created(world: World, rng) -> np.ndarray:
    """Seconds each opportunity was created: the converting lead's conversion, else a moment on day O."""
    j = world.journeys
    rows = np.flatnonzero(j.has_opp)
    created = business_time(rng, j.opened[rows])
    converted = world.leads.opp >= 0
    created[world.leads.opp[converted]] = world.leads.steps[converted, 3]
    return np.minimum(created, world.clock.horizon - 3600)


def build_opportunities(world: World) -> tuple[dict, dict, dict, Contracts]:
    """(opportunity, opportunity_history, opportunity_contact_role columns, contracts incl. won deals)."""
    rng = stream(world.seed, "opportunities")
    j, clock = world.journeys, world.clock
    rows = np.flatnonzero(j.has_opp)
    n = len(rows)
    created = opportunity_created(world, rng)
    decision_day = np.floor(j.decision[rows]).astype(np.int64)
    times, stage, valid, last = _stage_changes(rng, world, rows, created, decision_day)
    pos = np.arange(_STEPS + 1)[None, :]
    amount = j.amount[rows]
    wobble = 1 + (rng.random((n, _STEPS + 1)) - 0.5) * 0.4 * (1 - pos / _STEPS)
    row_amount = np.round(amount[:, None] * wobble, -2)
    row_amount[np.arange(n), last] = amount
    expected = decision_day[:, None] + np.round((1 - pos / _STEPS) * rng.uniform(-15, 60, (n, _STEPS + 1)))
    expected[np.arange(n), last] = decision_day

    opp_of_row, step = np.nonzero(valid)
    order = np.lexsort((step, times[opp_of_row, step]))
    opp_of_row, step = opp_of_row[order], step[order]
    history = {
        "id": col.ids("008", np.arange(1, len(step) + 1)),
        "opportunity_id": col.take(world.opp_ids, opp_of_row),
        "stage_name": col.take(_STAGES, stage[opp_of_row, step]),
        "amount": col.floats(row_amount[opp_of_row, step]),
        "probability": col.floats(_PROBABILITY[stage[opp_of_row, step]]),
        "close_date": col.dates(expected[opp_of_row, step]),
        "created_date": col.timestamps(times[opp_of_row, step]),
        "is_deleted": col.bools(np.zeros(len(step), dtype=bool)),
    }
    final_stage = stage[np.arange(n), last]
    modified = np.minimum(times[np.arange(n), last] + rng.integers(0, 3 * DAY, n), clock.horizon - 1)
    opportunity = _opportunity_columns(world, rng, rows, created, modified, final_stage, decision_day)
    roles = _contact_roles(world, rng, created)
    return (
        opportunity,
        history,
        roles,
        world.contracts.extended(_won_contracts(rng, world, rows, decision_day)),
    )


def _stage_changes(rng, world: World, rows, created, decision_day):
    """Per opportunity, up to 9 stage changes along its path: (times, stage codes, valid, index of the last).

    Won deals walk the whole path, lost ones stop at a random stage, open ones have progressed about as far as
    the time elapsed; closed deals end with a Closed Won/Lost change on the close date.
    """
    j, clock = world.journeys, world.clock
    n = len(rows)
    closed, won = j.closed[rows], j.won[rows]
    path = (rng.random(n) >= 0.7).astype(np.int64)  # most deals follow the healthcare path
    elapsed = (clock.as_of_day - j.opened[rows]) / np.maximum(j.decision[rows] - j.opened[rows], 1)
    progressed = 1 + np.floor(np.clip(elapsed, 0, 1) * (_STEPS - 1) * rng.uniform(0.6, 1.0, n))
    reached = np.where(won, _STEPS, np.where(closed, rng.integers(1, _STEPS + 1, n), progressed)).astype(
        np.int64
    )
    end = np.where(closed, decision_day * DAY + 17 * 3600, clock.horizon - 3600)
    end = np.maximum(end, created + 3600)
    frac = np.sort(rng.random((n, _STEPS)), axis=1) * 0.95
    frac[:, 0] = 0.0
    pos = np.arange(_STEPS + 1)[None, :]
    times = np.c_[created[:, None] + (frac * (end - created)[:, None]).astype(np.int64), end]
    closing = (pos == reached[:, None]) & closed[:, None]
    times = np.where(closing, end[:, None], times)
    valid = (pos < reached[:, None]) | closing
    stage = _PATHS[path][:, np.minimum(np.arange(_STEPS + 1), _STEPS - 1)]
    closed_stage = np.where(won, _STAGE["Closed Won"], _STAGE["Closed Lost"])[:, None]
    stage = np.where(pos == reached[:, None], closed_stage, stage)
    return times, stage, valid, reached - 1 + closed


def _won_contracts(rng, world: World, rows, decision_day) -> Contracts:
    """Our contract for each won deal, starting a few weeks after the close (if that is before as_of)."""
    j = world.journeys
    won = j.won[rows]
    start = decision_day[won] + rng.integers(7, 46, int(won.sum()))
    keep = start <= world.clock.as_of_day
    won_rows = rows[won][keep]
    return Contracts(
        account=j.du[won_rows],
        du=j.du[won_rows],
        vendor=np.full(len(won_rows), -1),
        category=j.category[won_rows],
        start=start[keep],
        end=start[keep] + 3 * 365,
        value=np.round(j.amount[won_rows] / 3, -2),
    )


def _opportunity_columns(world, rng, rows, created, modified, stage, decision_day) -> dict[str, pa.Array]:
    j, a, contracts = world.journeys, world.accounts, world.contracts
    n = len(rows)
    du = j.du[rows]
    ours = contracts.ours
    since = np.full(a.n, np.iinfo(np.int64).max)
    until = np.full(a.n, np.iinfo(np.int64).min)
    np.minimum.at(since, contracts.du[ours], contracts.start[ours])
    np.maximum.at(until, contracts.du[ours], contracts.end[ours])
    day = created // DAY
    kind = np.where(j.renewal_of_ours[rows], 2, np.where((since[du] <= day) & (day <= until[du]), 1, 0))
    lead_source = col.take(
        col.pool(v.OPPORTUNITY_LEAD_SOURCES), rng.integers(0, len(v.OPPORTUNITY_LEAD_SOURCES), n)
    )
    from_lead = np.flatnonzero(world.leads.opp >= 0)
    source_code = np.full(n, -1)
    source_code[world.leads.opp[from_lead]] = world.leads.lead_source[from_lead]
    lead_source = col.where(source_code >= 0, col.take(col.pool(v.LEAD_SOURCES), source_code), lead_source)
    campaign_starts = world.campaigns.start
    before = np.searchsorted(campaign_starts, day, side="right")
    campaign = np.where(
        (rng.random(n) < 0.35) & (before > 0), np.floor(rng.random(n) * before).astype(np.int64), -1
    )
    suffix = col.where(kind == 2, col.constant(" Renewal", n, pa.string()), col.constant("", n, pa.string()))
    name = col.join(
        col.take(a.name, du), " - ", col.take(col.pool(v.PRODUCT_CATEGORIES), j.category[rows]), suffix
    )
    out = {
        "id": world.opp_ids.slice(0, n),
        "account_id": col.take(world.account_ids, du),
        "name": name,
        "type": col.take(col.pool(v.OPPORTUNITY_TYPES), kind),
        "stage_name": col.take(_STAGES, stage),
        "amount": col.floats(j.amount[rows]),
        "probability": col.floats(_PROBABILITY[stage]),
        "forecast_category": col.take(col.pool(v.FORECAST_CATEGORIES), _FORECAST[stage]),
        "close_date": col.dates(decision_day),
        "is_closed": col.bools(j.closed[rows]),
        "is_won": col.bools(j.won[rows]),
        "lead_source": lead_source,
        "campaign_id": col.take(world.campaign_ids, campaign),
        "owner_id": col.take(world.user_ids, a.owner[du]),
        "created_date": col.timestamps(created),
        "last_modified_date": col.timestamps(modified),
        "is_deleted": col.bools(np.zeros(n, dtype=bool)),
    }
    return _with_junk(rng, out, world)


def _with_junk(rng, out: dict[str, pa.Array], world: World) -> dict[str, pa.Array]:
    """Deleted duplicate opportunities (someone created one twice): nothing points at them."""
    n = len(out["id"])
    m = world.opportunity_junk
    src = pa.array(rng.integers(0, max(n, 1), m))
    junk = {k: a.take(src) for k, a in out.items()}
    junk["id"] = world.opp_ids.slice(n, m)
    junk["name"] = col.join(junk["name"], " (duplicate)")
    junk["stage_name"] = col.constant("Prospecting", m, pa.string())
    junk["is_deleted"] = col.bools(np.ones(m, dtype=bool))
    return {k: pa.concat_arrays([out[k], junk[k]]) for k in out}


def _contact_roles(world: World, rng, created: np.ndarray) -> dict[str, pa.Array]:
    p, j, c = world.participants, world.journeys, world.contacts
    rows = np.flatnonzero(p.named)
    opp = j.opp[p.journey[rows]]
    at = np.maximum(created[opp] + rng.integers(0, 20 * DAY, len(rows)), c.created[p.contact[rows]] + 3600)
    keep = at < world.clock.horizon - 1
    rows, opp, at = rows[keep], opp[keep], at[keep]
    order = np.lexsort((p.contact[rows], at))
    rows, opp, at = rows[order], opp[order], at[order]
    n = len(rows)
    modified = np.minimum(at + rng.integers(0, 30 * DAY, n), world.clock.horizon - 1)
    return {
        "id": col.ids("00K", np.arange(1, n + 1)),
        "opportunity_id": col.take(world.opp_ids, opp),
        "contact_id": col.ids("003", p.contact[rows] + 1),
        "role": col.take(col.pool(v.CONTACT_ROLES), p.role[rows]),
        "is_primary": col.bools(p.primary[rows]),
        "created_date": col.timestamps(at),
        "last_modified_date": col.timestamps(modified),
        "is_deleted": col.bools(flags(rng, n, b.DELETED_SHARE * 2)),
    }
