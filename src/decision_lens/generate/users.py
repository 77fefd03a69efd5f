"""CRM users: account executives and SDRs own accounts, leads and activities; marketers and ops the rest."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from decision_lens.generate import columns as col
from decision_lens.generate import names
from decision_lens.generate import vocabulary as v
from decision_lens.generate.streams import stream

# Shares of the sales floor after the fixed seats (integration user, VP Sales): index into USER_TITLES.
_SEAT_MIX = (0.32, 0.1, 0.28, 0.12, 0.1, 0.08)


@dataclass(frozen=True)
class Users:
    n: int
    title: np.ndarray  # index into vocabulary.USER_TITLES
    account_executives: np.ndarray  # user indices that own accounts and opportunities
    sdrs: np.ndarray  # user indices that work leads
    table: dict[str, pa.Array]


def build_users(seed: int, count: int) -> Users:
    rng = stream(seed, "users")
    count = max(count, 8)
    seats = rng.choice(6, size=count - 2, p=np.asarray(_SEAT_MIX) / sum(_SEAT_MIX))
    seats[:2] = (0, 2)  # at least one account executive and one SDR
    title = np.r_[7, 6, seats].astype(np.int64)
    first, last = names.draw_names(rng, count)
    active = rng.random(count) > 0.08
    active[:3] = True
    titles = [t for t, _, _ in v.USER_TITLES]
    departments = [d for _, d, _ in v.USER_TITLES]
    role_of_title = np.array([v.USER_ROLES.index(r) for _, _, r in v.USER_TITLES])
    table = {
        "id": col.ids("005", np.arange(1, count + 1)),
        "name": col.join(col.take(names.FIRST, first), " ", col.take(names.LAST, last)),
        "email": names.emails(rng, first, last, col.constant(v.VENDOR_EMAIL_DOMAIN, count, pa.string())),
        "title": col.take(col.pool(titles), title),
        "department": col.take(col.pool(departments), title),
        "user_role_id": col.ids("00E", role_of_title[title] + 1),
        "is_active": col.bools(active),
    }
    sales = np.flatnonzero(np.isin(title, [0, 1]))
    sdrs = np.flatnonzero(title == 2)
    return Users(count, title, sales, sdrs, table)
