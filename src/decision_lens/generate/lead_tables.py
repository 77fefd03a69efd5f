"""crm.lead and crm.lead_history columns from the lead model."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from decision_lens.generate import columns as col
from decision_lens.generate import vocabulary as v
from decision_lens.generate.leads import STEP_STATUS
from decision_lens.generate.streams import stream
from decision_lens.generate.timeline import DAY
from decision_lens.generate.world import World

_STATUS = col.pool(v.LEAD_STATUSES)
_UNKNOWN_NAME = col.pool([name for name, _ in v.UNKNOWN_LEAD_COMPANIES])
_UNKNOWN_DOMAIN = col.pool([domain for _, domain in v.UNKNOWN_LEAD_COMPANIES])


def lead_table(world: World) -> dict[str, pa.Array]:
    leads, a, clock = world.leads, world.accounts, world.clock
    rng = stream(world.seed, "leads.table")
    order = np.argsort(leads.created, kind="stable")
    known = leads.account >= 0
    org_domain = col.where(
        known, col.take(a.domain, leads.account), col.take(_UNKNOWN_DOMAIN, leads.unknown_company)
    )
    company = col.where(
        known, col.take(a.name, leads.account), col.take(_UNKNOWN_NAME, leads.unknown_company)
    )
    company = col.where(leads.deleted, col.constant("Test Company", leads.n, pa.string()), company)
    person = leads.people.strings(org_domain)
    conv = leads.converted_at()
    converted = conv >= 0
    contact = np.where(converted, leads.contact, -1)
    accepted = leads.steps[:, 2] >= 0
    last = np.maximum(leads.created, leads.steps.max(axis=1))
    modified = np.minimum(last + rng.integers(0, 5 * DAY, leads.n), clock.horizon - 1)
    out = {
        "id": world.lead_ids,
        "first_name": person["first_name"],
        "last_name": person["last_name"],
        "email": person["email"],
        "title": person["title"],
        "company": company,
        "status": col.take(_STATUS, leads.status()),
        "lead_source": col.take(col.pool(v.LEAD_SOURCES), leads.lead_source),
        "is_converted": col.bools(converted),
        "converted_date": col.dates(np.where(converted, conv // DAY, 0), null=~converted),
        "converted_account_id": col.take(
            world.account_ids, np.where(converted, world.contacts.account[contact], -1)
        ),
        "converted_contact_id": col.take(
            col.ids("003", np.maximum(contact, 0) + 1), np.where(converted, np.arange(leads.n), -1)
        ),
        "converted_opportunity_id": col.take(world.opp_ids, np.where(converted, leads.opp, -1)),
        "owner_id": col.take(world.user_ids, np.where(accepted, leads.owner_after, leads.sdr)),
        "created_date": col.timestamps(leads.created),
        "last_modified_date": col.timestamps(modified),
        "is_deleted": col.bools(leads.deleted),
    }
    take = pa.array(order)
    return {k: arr.take(take) for k, arr in out.items()}


def lead_history_table(world: World) -> dict[str, pa.Array]:
    leads = world.leads
    rng = stream(world.seed, "leads.history")
    steps = leads.steps
    lead, step = np.nonzero(steps >= 0)
    new = STEP_STATUS[step]
    previous = np.where(np.r_[False, lead[1:] == lead[:-1]], np.r_[0, new[:-1]], 0)
    t = steps[lead, step]
    status = (lead, t, col.take(_STATUS, previous), col.take(_STATUS, new), "Status")
    owners = np.flatnonzero(steps[:, 2] >= 0)
    owner = (
        owners,
        steps[owners, 2] + 60,
        col.take(world.user_ids, leads.sdr[owners]),
        col.take(world.user_ids, leads.owner_after[owners]),
        "Owner",
    )
    rated = np.flatnonzero((steps[:, 1] >= 0) & (rng.random(leads.n) < 0.15))
    n_r = len(rated)
    rating = (
        rated,
        steps[rated, 1] - 3600,
        col.constant(v.LEAD_RATINGS[0], n_r, pa.string()),
        col.constant(v.LEAD_RATINGS[1], n_r, pa.string()),
        "Rating",
    )
    parts = (status, owner, rating)
    who = np.concatenate([p[0] for p in parts])
    when = np.concatenate([p[1] for p in parts])
    order = np.lexsort((who, when))
    n = len(who)
    return {
        "id": col.ids("017", np.arange(1, n + 1)),
        "lead_id": col.take(world.lead_ids, who[order]),
        "field": pa.concat_arrays([col.constant(p[4], len(p[0]), pa.string()) for p in parts]).take(
            pa.array(order)
        ),
        "old_value": pa.concat_arrays([p[2] for p in parts]).take(pa.array(order)),
        "new_value": pa.concat_arrays([p[3] for p in parts]).take(pa.array(order)),
        "created_date": col.timestamps(when[order]),
    }
