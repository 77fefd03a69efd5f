"""Campaign members: one row per (campaign, person) that an activity links, with the best response reached."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from decision_lens.generate import behaviour as b
from decision_lens.generate import columns as col
from decision_lens.generate import touches as tt
from decision_lens.generate import vocabulary as v
from decision_lens.generate.activity import Rows
from decision_lens.generate.campaigns import NEWSLETTER, NURTURE, Campaigns
from decision_lens.generate.noise import flags
from decision_lens.generate.timeline import DAY

_STATUS = col.pool(v.CAMPAIGN_MEMBER_STATUSES)
_S = {name: code for code, name in enumerate(v.CAMPAIGN_MEMBER_STATUSES)}


def member_columns(
    rng,
    rows: Rows,
    people: pa.Array,
    is_lead: bool,
    campaigns: Campaigns,
    campaign_ids: pa.Array,
    first_number: int,
) -> dict[str, pa.Array]:
    linked = rows.campaign >= 0
    campaign, person, t = rows.campaign[linked], rows.person[linked], rows.t[linked]
    level = tt.RESPONSE_LEVEL[tt.TYPE[rows.template[linked]]]
    key = campaign.astype(np.int64) * (int(person.max(initial=0)) + 1) + person
    order = np.lexsort((t, key))
    key, campaign, person, t, level = key[order], campaign[order], person[order], t[order], level[order]
    first = np.r_[True, key[1:] != key[:-1]]
    group = np.cumsum(first) - 1
    n = int(first.sum())
    best = np.full(n, -1)
    np.maximum.at(best, group, level)
    responded_t = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(responded_t, group, np.where(level >= 2, t, np.iinfo(np.int64).max))
    c, p, first_t = campaign[first], person[first], t[first]
    email = np.isin(campaigns.kind[c], [NEWSLETTER, NURTURE])
    past = campaigns.start[c] < campaigns.clock.as_of_day
    status = np.where(
        email,
        np.choose(np.clip(best, 0, 2), [_S["Sent"], _S["Opened"], _S["Clicked"]]),
        np.where(best >= 3, _S["Attended"], np.where(past, _S["No Show"], _S["Registered"])),
    )
    responded = best >= 2
    created = first_t - rng.integers(60, 2 * DAY, n)
    who = col.take(people, p)
    none = pa.nulls(n, pa.string())
    out = {
        "id": col.ids("00v", first_number + np.arange(n)),
        "campaign_id": col.take(campaign_ids, c),
        "contact_id": none if is_lead else who,
        "lead_id": who if is_lead else none,
        "status": col.take(_STATUS, status),
        "has_responded": col.bools(responded),
        "first_responded_date": col.dates(np.where(responded, responded_t // DAY, 0), null=~responded),
        "created_date": col.timestamps(created),
        "is_deleted": col.bools(flags(rng, n, b.DELETED_SHARE / 2)),
    }
    return out
