"""Contacts: people at accounts, each with a title meant for one decision layer (about 5% unknown titles).

The model keeps one small integer per attribute; strings are built per block when a table is written, so the
large preset never holds a million rows of text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from decision_lens.generate import behaviour as b
from decision_lens.generate import columns as col
from decision_lens.generate import names
from decision_lens.generate import vocabulary as v
from decision_lens.generate.accounts import Accounts
from decision_lens.generate.noise import flags
from decision_lens.generate.streams import choose_rows, pick_in_ranges, stream
from decision_lens.generate.timeline import DAY, Clock

TITLES: tuple[str, ...] = (
    tuple(t for layer in v.LAYERS[:5] for t in v.TITLES_BY_LAYER[layer]) + v.UNKNOWN_TITLES
)
TITLE_LAYER = np.array([code for code, layer in enumerate(v.LAYERS) for _ in v.TITLES_BY_LAYER[layer]])
_TITLE_DEPARTMENT = np.array(
    [v.DEPARTMENTS.index(d) for layer in v.LAYERS[:5] for _, d in v.CONTACT_TITLES[layer]]
    + [v.DEPARTMENTS.index(v.UNKNOWN_TITLE_DEPARTMENTS[i % 4]) for i in range(len(v.UNKNOWN_TITLES))]
)
_LAYER_START = np.searchsorted(TITLE_LAYER, np.arange(len(v.LAYERS)))
_LAYER_COUNT = np.bincount(TITLE_LAYER, minlength=len(v.LAYERS))
_TITLE_POOL = col.pool(TITLES)
_TITLE_UPPER = pc.utf8_upper(_TITLE_POOL)
_TITLE_LOWER = pc.utf8_lower(_TITLE_POOL)
_DEPARTMENTS = col.pool(v.DEPARTMENTS)
_PERSONAL = col.pool(v.PERSONAL_EMAIL_DOMAINS)
_LAYER_MIXES = np.array([b.LAYER_MIX_SYSTEM, b.LAYER_MIX_HOSPITAL, b.LAYER_MIX_SMALL])


def draw_titles(rng: np.random.Generator, layer: np.ndarray) -> np.ndarray:
    """A title index for each layer code; a few are missing (-1: the layer becomes unclassified)."""
    title = _LAYER_START[layer] + np.floor(rng.random(len(layer)) * _LAYER_COUNT[layer]).astype(np.int64)
    return np.where(rng.random(len(layer)) < b.NULL_TITLE_SHARE, -1, title)


@dataclass
class People:
    """What a person's strings are built from; shared by contacts and leads."""

    first: np.ndarray
    last: np.ndarray
    title: np.ndarray  # index into TITLES, -1 = null
    title_case: np.ndarray  # 0 as written, 1 upper, 2 lower
    department: np.ndarray  # index into DEPARTMENTS, -1 = null
    email_style: np.ndarray
    email_digits: np.ndarray
    email_domain: np.ndarray  # 0 the organisation's domain, 1..3 a personal domain, -1 none

    @classmethod
    def draw(cls, rng: np.random.Generator, title: np.ndarray) -> People:
        n = len(title)
        first, last = names.draw_names(rng, n)
        style, digits = names.draw_email_style(rng, n)
        department = np.where(title >= 0, _TITLE_DEPARTMENT[np.maximum(title, 0)], -1)
        u = rng.random(n)
        department = np.where(
            u < 0.08, -1, np.where(u > 0.96, rng.integers(0, len(v.DEPARTMENTS), n), department)
        )
        e = rng.random(n)
        domain = np.where(
            e < 0.02, -1, np.where(e < 0.05, 1 + rng.integers(0, len(v.PERSONAL_EMAIL_DOMAINS), n), 0)
        )
        case = rng.choice(3, size=n, p=b.TITLE_CASE_NOISE)
        return cls(first, last, title, case, department, style, digits, domain)

    def subset(self, rows: np.ndarray) -> People:
        return People(*(getattr(self, f)[rows] for f in self.__dataclass_fields__))

    def strings(self, org_domain: pa.Array) -> dict[str, pa.Array]:
        title = col.take(_TITLE_POOL, self.title)
        title = col.where(self.title_case == 1, col.take(_TITLE_UPPER, self.title), title)
        title = col.where(self.title_case == 2, col.take(_TITLE_LOWER, self.title), title)
        domain = col.where(self.email_domain > 0, col.take(_PERSONAL, self.email_domain - 1), org_domain)
        local = names.email_local_part(self.first, self.last, self.email_style, self.email_digits)
        email = pc.if_else(
            pa.array(self.email_domain < 0), pa.scalar(None, pa.string()), col.join(local, "@", domain)
        )
        return {
            "first_name": col.take(names.FIRST, self.first),
            "last_name": col.take(names.LAST, self.last),
            "email": email,
            "title": title,
            "department": col.take(_DEPARTMENTS, self.department),
        }


@dataclass
class Contacts:
    n: int
    account: np.ndarray
    du: np.ndarray
    layer: np.ndarray  # the layer the title was drawn for (5 = unclassified)
    people: People
    lead_source: np.ndarray
    created: np.ndarray  # seconds; leads that convert move it to their conversion moment
    merged: np.ndarray  # contacts that also have a deleted, merged-away duplicate row
    _order: np.ndarray
    _starts: np.ndarray

    def pick(self, rng: np.random.Generator, du: np.ndarray, layer: np.ndarray) -> np.ndarray:
        """A random contact of the decision unit with that layer, or -1 when there is none."""
        key = du * len(v.LAYERS) + layer
        pos = pick_in_ranges(rng, self._starts[key], self._starts[key + 1] - self._starts[key])
        return np.where(pos >= 0, self._order[np.maximum(pos, 0)], -1)


def build_contacts(seed: int, accounts: Accounts, scale: float, clock: Clock) -> Contacts:
    rng = stream(seed, "contacts")
    means = np.array([b.CONTACTS_PER_ACCOUNT[k] for k in v.FACILITY_TYPES]) * scale
    live = ~accounts.deleted
    count = np.where(live, rng.poisson(means[np.maximum(accounts.kind, 0)]), 0)
    account = np.repeat(np.arange(accounts.n), count)
    n = len(account)
    layer = choose_rows(rng, b.scale_of_kind(accounts.kind[account]), _LAYER_MIXES)
    title = draw_titles(rng, layer)
    layer = np.where(title < 0, b.LAYER["unclassified"], layer)
    people = People.draw(rng, title)
    lo = accounts.created[account]
    created = lo + ((clock.horizon - DAY - lo) * rng.beta(0.6, 1.6, n)).astype(np.int64)
    du = accounts.du[account]
    key = du * len(v.LAYERS) + layer
    order = np.argsort(key, kind="stable")
    starts = np.searchsorted(key[order], np.arange(accounts.n * len(v.LAYERS) + 1))
    merged = np.flatnonzero(flags(rng, n, b.MERGED_CONTACT_SHARE))
    source = rng.integers(0, len(v.LEAD_SOURCES), n)
    return Contacts(n, account, du, layer, people, source, created, merged, order, starts)


def contact_rows(world, lo: int, hi: int, rng: np.random.Generator) -> dict[str, pa.Array]:
    """crm.contact rows for contacts [lo, hi), followed by the deleted merge-duplicates of those contacts."""
    contacts, accounts, clock = world.contacts, world.accounts, world.clock
    rows = np.arange(lo, hi)
    dup_pos = np.searchsorted(contacts.merged, [lo, hi])
    dups = contacts.merged[dup_pos[0] : dup_pos[1]]
    src = np.r_[rows, dups]
    n = len(src)
    account = contacts.account[src]
    numbers = np.r_[rows + 1, contacts.n + 1 + np.arange(dup_pos[0], dup_pos[1])]
    created = contacts.created[src].copy()
    created[len(rows) :] -= (rng.uniform(1, 200, len(dups)) * DAY).astype(np.int64)
    modified = created + ((clock.horizon - 1 - created) * rng.random(n)).astype(np.int64)
    out = {"id": col.ids("003", numbers), "account_id": col.take(world.account_ids, account)}
    out |= contacts.people.subset(src).strings(col.take(accounts.domain, account))
    out["phone"] = names.phones(rng, n)
    out["lead_source"] = col.take(col.pool(v.LEAD_SOURCES), contacts.lead_source[src])
    out["owner_id"] = col.take(world.user_ids, accounts.owner[account])
    out["created_date"] = col.timestamps(created)
    out["last_modified_date"] = col.timestamps(modified)
    out["is_deleted"] = col.bools(np.arange(n) >= len(rows))
    return out
