"""Accounts: IDNs with member facilities (sometimes three levels deep), standalone hospitals, ASCs, groups.

The decision unit of an account is the top of its hierarchy unless the account decides on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from decision_lens.generate import behaviour as b
from decision_lens.generate import columns as col
from decision_lens.generate import vocabulary as v
from decision_lens.generate.names import slug
from decision_lens.generate.streams import rank_within, stream
from decision_lens.generate.timeline import DAY, DEFAULT_FISCAL_MONTH, Clock

_SUFFIXES = [(kind, s) for kind in v.FACILITY_TYPES for s in v.ACCOUNT_NAME_SUFFIXES[kind]]
_SUFFIX_KIND = np.array([v.FACILITY_TYPES.index(kind) for kind, _ in _SUFFIXES])
_SUFFIX_POOL = col.pool([s for _, s in _SUFFIXES])
_SUFFIX_SLUGS = [slug(s.split()[0]) for _, s in _SUFFIXES]
_SUFFIX_SLUG_POOL = col.pool(sorted(set(_SUFFIX_SLUGS)))
_SUFFIX_SLUG_ID = np.array([sorted(set(_SUFFIX_SLUGS)).index(x) for x in _SUFFIX_SLUGS])
_STEMS = col.pool(v.ACCOUNT_NAME_STEMS)
_STEM_SLUG = col.pool([slug(s) for s in v.ACCOUNT_NAME_STEMS])
_CITY = col.pool([c for c, _, _ in v.CITIES])
_CITY_SLUG = col.pool([slug(c) for c, _, _ in v.CITIES])
_STATE = col.pool([s for _, s, _ in v.CITIES])
_ZIP3 = col.pool([z for _, _, z in v.CITIES])
_WEBSITE_HEAD = col.pool([f.split("{}")[0] for f in v.WEBSITE_FORMATS])
_WEBSITE_TAIL = col.pool([f.split("{}")[1] for f in v.WEBSITE_FORMATS])


@dataclass
class Accounts:
    n: int
    parent: np.ndarray
    top: np.ndarray
    du: np.ndarray  # the decision-unit account of each account
    kind: np.ndarray  # index into FACILITY_TYPES, -1 for junk rows
    independent: np.ndarray
    deleted: np.ndarray
    du_fiscal_month: np.ndarray  # effective fiscal-year start month of the decision unit
    owner: np.ndarray
    created: np.ndarray  # seconds
    name: pa.Array
    domain: pa.Array  # bare domain, the one emails and intent use
    fields: dict[str, pa.Array] = field(default_factory=dict)

    @property
    def decision_units(self) -> np.ndarray:
        return np.flatnonzero((self.du == np.arange(self.n)) & ~self.deleted)


def _draw(rng: np.random.Generator, mix: dict[str, float], n: int) -> np.ndarray:
    kinds = np.array([b.KIND[k] for k in mix])
    return kinds[rng.choice(len(kinds), size=n, p=b.mix(list(mix.values())))]


def _hierarchy(rng: np.random.Generator, n_top: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    top_kind = _draw(rng, b.TOP_KIND_MIX, n_top)
    idn = np.flatnonzero(top_kind == b.KIND["IDN"])
    counts = np.minimum(2 + rng.poisson(b.IDN_MEMBERS_MEAN, len(idn)), 30)
    member_parent = np.repeat(idn, counts)
    member_kind = _draw(rng, b.MEMBER_KIND_MIX, len(member_parent))
    if len(member_kind) and not (member_kind == b.KIND["Regional System"]).any():
        member_kind[0] = b.KIND["Regional System"]  # always show a three-level hierarchy
    regional = n_top + np.flatnonzero(member_kind == b.KIND["Regional System"])
    third_parent = np.repeat(regional, 1 + rng.poisson(b.REGIONAL_MEMBERS_MEAN, len(regional)))
    third_kind = _draw(rng, b.THIRD_LEVEL_KIND_MIX, len(third_parent))
    parent = np.r_[np.full(n_top, -1), member_parent, third_parent].astype(np.int64)
    kind = np.r_[top_kind, member_kind, third_kind].astype(np.int64)
    level = np.r_[np.zeros(n_top), np.ones(len(member_parent)), np.full(len(third_parent), 2)].astype(
        np.int64
    )
    return parent, kind, level


def _names(rng, parent, kind, level, n_real):
    stem = rng.integers(0, len(v.ACCOUNT_NAME_STEMS), n_real)
    city = rng.integers(0, len(v.CITIES), n_real)
    for depth in (1, 2):  # members mostly carry the system's name and sit in its metro area
        rows = np.flatnonzero(level == depth)
        inherit = rng.random(len(rows)) < 0.8
        stem[rows[inherit]] = stem[parent[rows[inherit]]]
        near = rng.random(len(rows)) < 0.7
        city[rows[near]] = city[parent[rows[near]]]
    suffix_start = np.searchsorted(_SUFFIX_KIND, kind)
    suffix_count = np.searchsorted(_SUFFIX_KIND, kind, side="right") - suffix_start
    suffix = suffix_start + np.floor(rng.random(n_real) * suffix_count).astype(np.int64)
    own_name = np.where(rng.random(n_real) < 0.5, 0, 1)
    pattern = np.where(level == 0, np.where(kind == b.KIND["IDN"], 0, own_name), 2)
    pattern = np.where((level > 0) & (stem != stem[np.maximum(parent, 0)]), 0, pattern)
    s, c, x = col.take(_STEMS, stem), col.take(_CITY, city), col.take(_SUFFIX_POOL, suffix)
    name = col.where(pattern == 0, col.join(s, " ", x), col.join(c, " ", x))
    name = col.where(pattern == 2, col.join(s, " ", c, " ", x), name)
    ss, cs = col.take(_STEM_SLUG, stem), col.take(_CITY_SLUG, city)
    xs = col.take(_SUFFIX_SLUG_POOL, _SUFFIX_SLUG_ID[suffix])
    base = col.where(pattern == 0, col.join(ss, xs), col.join(cs, xs))
    base = col.where(pattern == 2, col.join(ss, "-", cs, "-", xs), base)
    tld = np.where((b.scale_of_kind(kind) == 2) & (rng.random(n_real) < 0.7), 1, 0)
    key = (pattern * 100 + np.where(pattern == 1, 0, stem)) * 100 + np.where(pattern == 0, 0, city)
    rank = rank_within((key * 100 + _SUFFIX_SLUG_ID[suffix]) * 2 + tld)
    numbers = col.pool([""] + [str(i + 1) for i in range(1, int(rank.max()) + 1)])
    domain = col.join(base, col.take(numbers, rank), ".", col.take(col.pool(v.DOMAIN_TLDS), tld))
    return name, domain, city


def build_accounts(seed: int, n_top: int, clock: Clock, account_executives: np.ndarray) -> Accounts:
    rng = stream(seed, "accounts")
    parent, kind, level = _hierarchy(rng, n_top)
    n_real = len(parent)
    me = np.arange(n_real)
    top = np.where(level == 0, me, np.where(level == 1, parent, parent[np.maximum(parent, 0)]))
    eligible = (level > 0) & (kind != b.KIND["Regional System"])
    independent = eligible & (rng.random(n_real) < b.INDEPENDENT_DECIDER_SHARE)
    if eligible.any() and not independent.any():
        independent[np.argmax(eligible)] = True  # always show a member that decides on its own
    du = np.where(independent, me, top)
    name, domain, city = _names(rng, parent, kind, level, n_real)

    fiscal_draw = np.array([7, 1, 10, 0])[rng.choice(4, size=n_real, p=b.mix(b.FISCAL_MONTH_MIX))]
    fiscal = np.where(level == 0, fiscal_draw, 0)
    for depth in (1, 2):
        rows = np.flatnonzero(level == depth)
        fiscal[rows] = np.where(rng.random(len(rows)) < 0.9, fiscal[parent[rows]], 0)
    fiscal = np.where(independent, np.where(fiscal_draw == 0, 7, fiscal_draw), fiscal)
    du_fiscal = np.where(fiscal[du] == 0, DEFAULT_FISCAL_MONTH, fiscal[du])

    gpo = rng.choice(len(v.GPOS) + 1, size=n_real, p=b.mix(b.GPO_MIX))
    inherit = rng.random(n_real) < 0.95
    gpo = np.where((level > 0) & inherit, gpo[top], gpo)
    owner = account_executives[rng.integers(0, len(account_executives), n_real)]
    owner = np.where((level > 0) & (rng.random(n_real) < 0.9), owner[top], owner)

    created_day = clock.as_of_day - rng.uniform(400, 3600, n_real)
    for depth in (1, 2):
        rows = np.flatnonzero(level == depth)
        lo = created_day[parent[rows]]
        created_day[rows] = lo + rng.random(len(rows)) ** 2 * (clock.as_of_day - lo)
    created = (created_day * DAY).astype(np.int64)

    accounts = Accounts(
        n=n_real,
        parent=parent,
        top=top,
        du=du,
        kind=kind,
        independent=independent,
        deleted=np.zeros(n_real, dtype=bool),
        du_fiscal_month=du_fiscal,
        owner=owner,
        created=created,
        name=name,
        domain=domain,
    )
    accounts.fields = _fields(rng, accounts, level, city, fiscal, gpo, clock)
    return _with_junk(rng, accounts, clock)


def _fields(rng, a: Accounts, level, city, fiscal, gpo, clock) -> dict[str, pa.Array]:
    n = a.n
    kind = a.kind
    beds = np.full(n, np.nan)
    hospital = kind == b.KIND["Hospital"]
    beds[hospital] = np.clip(rng.lognormal(np.log(180), 0.6, hospital.sum()), 25, 900)
    amc = kind == b.KIND["Academic Medical Center"]
    beds[amc] = rng.uniform(400, 1400, amc.sum())
    cah = kind == b.KIND["Critical Access Hospital"]
    beds[cah] = rng.integers(10, 26, cah.sum())
    beds = np.round(beds)
    known = np.nan_to_num(beds)
    regional = kind == b.KIND["Regional System"]
    beds[regional] = np.bincount(np.maximum(a.parent, 0), known * (level == 2), minlength=n)[regional]
    idn = kind == b.KIND["IDN"]
    beds[idn] = np.bincount(a.top, known * (level > 0), minlength=n)[idn]

    employees = np.where(np.isnan(beds), rng.uniform(8, 400, n), beds * rng.uniform(4.5, 7.0, n))
    employees = np.where(idn, employees * 1.15 + 200, employees).round()
    revenue = (employees * rng.uniform(90_000, 160_000, n)).round(-3)
    website_format = rng.choice(len(v.WEBSITE_FORMATS), size=n, p=[0.45, 0.15, 0.15, 0.15, 0.1])
    website = col.join(
        col.take(_WEBSITE_HEAD, website_format), a.domain, col.take(_WEBSITE_TAIL, website_format)
    )
    modified = a.created + ((clock.horizon - 1 - a.created) * rng.random(n) ** 0.5).astype(np.int64)
    industry = rng.choice(len(v.INDUSTRIES) + 1, size=n, p=[0.8, 0.12, 0.04, 0.04])
    industry = np.where(kind == b.KIND["Physician Group"], 2, industry)
    return {
        "name": a.name,
        "parent_id": _parent_ids(a.parent),
        "industry": col.take(col.pool(v.INDUSTRIES), np.where(industry == 3, -1, industry)),
        "website": pc.if_else(pa.array(rng.random(n) < 0.06), pa.scalar(None, pa.string()), website),
        "billing_city": col.take(_CITY, city),
        "billing_state": col.take(_STATE, city),
        "billing_postal_code": col.join(
            col.take(_ZIP3, city),
            col.take(col.pool([f"{i:02d}" for i in range(100)]), rng.integers(0, 100, n)),
        ),
        "billing_country": col.take(
            col.pool(v.BILLING_COUNTRIES), rng.choice(3, size=n, p=[0.85, 0.1, 0.05])
        ),
        "number_of_employees": col.ints(employees, null=rng.random(n) < 0.05),
        "annual_revenue": col.floats(revenue, null=rng.random(n) < 0.12),
        "created_date": col.timestamps(a.created),
        "last_modified_date": col.timestamps(modified),
        "facility_type_c": col.take(col.pool(v.FACILITY_TYPES), kind),
        "bed_count_c": col.ints(np.nan_to_num(beds), null=np.isnan(beds)),
        "gpo_c": col.take(col.pool(v.GPOS), np.where(gpo >= len(v.GPOS), -1, gpo)),
        "fiscal_year_start_month_c": col.ints(fiscal, null=fiscal == 0),
        "is_independent_decider_c": col.bools(a.independent),
    }


def _parent_ids(parent: np.ndarray) -> pa.Array:
    return col.take(col.ids("001", np.arange(1, len(parent) + 1)), parent)


def _with_junk(rng, a: Accounts, clock: Clock) -> Accounts:
    """Deleted test and duplicate accounts: no children, no contacts, nothing points at them."""
    n_junk = max(1, round(b.JUNK_ACCOUNT_SHARE * a.n))
    copy_of = rng.integers(0, a.n, n_junk)
    test = rng.random(n_junk) < 0.4
    junk_name = col.where(
        test,
        col.constant("Test Account - DO NOT USE", n_junk, pa.string()),
        col.join("Duplicate - ", col.take(a.name, copy_of)),
    )
    created = ((clock.start_day + rng.uniform(0, 700, n_junk)) * DAY).astype(np.int64)
    fields = {}
    for key, values in a.fields.items():
        extra = pa.nulls(n_junk, type=values.type)
        fields[key] = pa.concat_arrays([values, extra])
    fields["name"] = pa.concat_arrays([a.name, junk_name])
    fields["created_date"] = pa.concat_arrays([a.fields["created_date"], col.timestamps(created)])
    fields["last_modified_date"] = pa.concat_arrays(
        [a.fields["last_modified_date"], col.timestamps(created + DAY)]
    )
    fields["is_independent_decider_c"] = pa.concat_arrays(
        [a.fields["is_independent_decider_c"], col.bools(np.zeros(n_junk, dtype=bool))]
    )
    n = a.n + n_junk
    minus = np.full(n_junk, -1)
    junk_owner = a.owner[rng.integers(0, a.n, n_junk)]
    return Accounts(
        n=n,
        parent=np.r_[a.parent, minus],
        top=np.r_[a.top, a.n + np.arange(n_junk)],
        du=np.r_[a.du, a.n + np.arange(n_junk)],
        kind=np.r_[a.kind, minus],
        independent=np.r_[a.independent, np.zeros(n_junk, dtype=bool)],
        deleted=np.r_[a.deleted, np.ones(n_junk, dtype=bool)],
        du_fiscal_month=np.r_[a.du_fiscal_month, np.full(n_junk, DEFAULT_FISCAL_MONTH)],
        owner=np.r_[a.owner, junk_owner],
        created=np.r_[a.created, created],
        name=fields["name"],
        domain=pa.concat_arrays([a.domain, pa.nulls(n_junk, pa.string())]),
        fields=fields,
    )


def account_table(a: Accounts, type_code: np.ndarray, users_ids: pa.Array) -> dict[str, pa.Array]:
    """The crm.account columns; `type_code` indexes ACCOUNT_TYPES (set once contracts are known)."""
    out = {"id": col.ids("001", np.arange(1, a.n + 1))}
    out |= a.fields
    out["type"] = col.take(col.pool(v.ACCOUNT_TYPES), np.where(a.deleted, -1, type_code))
    out["owner_id"] = col.take(users_ids, a.owner)
    out["is_deleted"] = col.bools(a.deleted)
    return out
