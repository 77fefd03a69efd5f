"""Third-party intent: weekly topic scores by company domain.

Covered domains get sparse background scores on random topics; during a journey (from eight weeks before the
opportunity until the decision) the decision unit's domain surges on the journey's product topics. About one
domain in ten matches no account. One row per (domain, week, topic), plus deliberate exact duplicates.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from decision_lens.generate import behaviour as b
from decision_lens.generate import columns as col
from decision_lens.generate import vocabulary as v
from decision_lens.generate.names import slug
from decision_lens.generate.streams import expand, stream
from decision_lens.generate.timeline import monday
from decision_lens.generate.world import World

_TOPICS = col.pool(v.INTENT_TOPICS)
_N_PRODUCT = len(v.PRODUCT_INTENT_TOPICS)
# Product topics that go with each product category (two per category).
_CATEGORY_TOPICS = np.array([[0, 1], [2, 3], [4, 7], [5, 6], [6, 8], [8, 9]])


def intent_table(world: World) -> dict[str, pa.Array]:
    rng = stream(world.seed, "intent")
    a, j, clock = world.accounts, world.journeys, world.clock
    is_du = (a.du == np.arange(a.n)) & ~a.deleted
    coverage = np.where(is_du, b.INTENT_COVERAGE["decision_unit"], b.INTENT_COVERAGE["facility"])
    covered = np.flatnonzero(~a.deleted & (rng.random(a.n) < coverage))
    n_unmatched = round(len(covered) * b.INTENT_UNMATCHED_SHARE)
    stems = col.pool([slug(s) for s in v.ACCOUNT_NAME_STEMS])
    unmatched = col.join(
        col.take(stems, rng.integers(0, len(v.ACCOUNT_NAME_STEMS), n_unmatched)),
        col.pool([str(i) for i in range(n_unmatched)]),
        v.UNMATCHED_DOMAIN_SUFFIX,
    )
    domains = pa.concat_arrays([col.take(a.domain, covered), unmatched])
    n_domains = len(domains)
    first_week = int(monday(np.array([clock.start_day]))[0]) + 7
    last_week = int(monday(np.array([clock.as_of_day]))[0])
    weeks = (last_week - first_week) // 7 + 1

    per_domain = rng.poisson(b.INTENT_BACKGROUND_WEEKLY * weeks, n_domains)
    d_bg = expand(per_domain)
    w_bg = rng.integers(0, weeks, len(d_bg))
    t_bg = np.where(
        rng.random(len(d_bg)) < 0.5,
        rng.integers(0, _N_PRODUCT, len(d_bg)),
        rng.integers(_N_PRODUCT, len(v.INTENT_TOPICS), len(d_bg)),
    )
    s_bg = np.clip(rng.normal(35, 12, len(d_bg)), 1, 70)

    domain_of_account = np.full(a.n, -1)
    domain_of_account[covered] = np.arange(len(covered))
    surging = np.flatnonzero(domain_of_account[j.du] >= 0)
    w0 = np.maximum((monday(j.opened[surging] - 56) - first_week) // 7, 0)
    w1 = np.clip((monday(np.minimum(j.decision[surging], clock.as_of_day)) - first_week) // 7, -1, weeks - 1)
    length = np.maximum(w1 - w0 + 1, 0)
    jr = expand(rng.binomial(2 * length, b.INTENT_SURGE_WEEKLY))  # about 1.4 topic rows per surging week
    week = w0[jr] + np.floor(rng.random(len(jr)) * length[jr]).astype(np.int64)
    journey = surging[jr]
    topic = _CATEGORY_TOPICS[j.category[journey], rng.integers(0, 2, len(jr))]
    ramp = (week - w0[jr]) / np.maximum(length[jr], 1)
    score = np.clip(55 + 40 * ramp + rng.normal(0, 8, len(jr)), 40, 100)

    d = np.r_[d_bg, domain_of_account[j.du[journey]]]
    w = np.r_[w_bg, week]
    t = np.r_[t_bg, topic]
    s = np.r_[s_bg, score].round().astype(np.int64)
    key = (d * weeks + w) * len(v.INTENT_TOPICS) + t
    order = np.lexsort((-s, key))  # one row per key: the highest score
    first = np.r_[True, key[order][1:] != key[order][:-1]]
    rows = order[first]
    rows = rows[np.lexsort((t[rows], d[rows], w[rows]))]
    return {
        "domain": col.take(domains, d[rows]),
        "week_start_date": col.dates(first_week + 7 * w[rows]),
        "topic": col.take(_TOPICS, t[rows]),
        "composite_score": col.ints(s[rows]),
    }
