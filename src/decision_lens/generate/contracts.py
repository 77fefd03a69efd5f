"""Contracts: incumbent (competitor) contracts whose end dates open renewal windows, and our own contracts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from decision_lens.generate import behaviour as b
from decision_lens.generate import columns as col
from decision_lens.generate import vocabulary as v
from decision_lens.generate.accounts import Accounts
from decision_lens.generate.streams import pick_in_ranges, stream
from decision_lens.generate.timeline import Clock

_VALUE_LOG_MEAN = np.array([12.8, 11.6, 10.2])  # by scale: system, hospital, small


@dataclass
class Contracts:
    account: np.ndarray
    du: np.ndarray
    vendor: np.ndarray  # index into INCUMBENT_VENDORS, -1 for ours
    category: np.ndarray
    start: np.ndarray  # days
    end: np.ndarray  # days
    value: np.ndarray

    @property
    def ours(self) -> np.ndarray:
        return self.vendor < 0

    def of_du(self) -> tuple[np.ndarray, np.ndarray]:
        """(order, starts): contracts of decision unit d are order[starts[d]:starts[d + 1]]."""
        order = np.argsort(self.du, kind="stable")
        return order, np.searchsorted(self.du[order], np.arange(int(self.du.max(initial=0)) + 2))

    def extended(self, other: Contracts) -> Contracts:
        return Contracts(*(np.r_[getattr(self, f), getattr(other, f)] for f in self.__dataclass_fields__))


def build_contracts(seed: int, accounts: Accounts, clock: Clock) -> Contracts:
    rng = stream(seed, "contracts")
    dus = accounts.decision_units
    scale = b.scale_of_kind(accounts.kind[dus])
    count = np.select(
        [scale == 0, scale == 1],
        [2 + rng.poisson(1.0, len(dus)), 1 + rng.poisson(0.5, len(dus))],
        rng.poisson(0.8, len(dus)),
    )
    du = np.repeat(dus, count)
    n = len(du)
    # Some contracts sit at a member facility rather than the decision unit itself.
    order = np.argsort(accounts.du, kind="stable")
    starts = np.searchsorted(accounts.du[order], np.arange(accounts.n + 1))
    member = order[np.maximum(pick_in_ranges(rng, starts[du], starts[du + 1] - starts[du]), 0)]
    account = np.where(rng.random(n) < 0.2, member, du)
    end = clock.as_of_day + rng.integers(-420, 1100, n)
    start = np.minimum(end - 365 * rng.choice([3, 5], size=n), clock.as_of_day - 30)
    incumbents = Contracts(
        account=account,
        du=du,
        vendor=rng.integers(0, len(v.INCUMBENT_VENDORS), n),
        category=rng.integers(0, len(v.PRODUCT_CATEGORIES), n),
        start=start,
        end=end,
        value=np.round(rng.lognormal(_VALUE_LOG_MEAN[b.scale_of_kind(accounts.kind[du])], 0.5), -2),
    )
    customers = dus[rng.random(len(dus)) < 0.12]
    m = len(customers)
    own_start = clock.as_of_day - rng.integers(300, 1500, m)
    ours = Contracts(
        account=customers,
        du=customers,
        vendor=np.full(m, -1),
        category=rng.integers(0, len(v.PRODUCT_CATEGORIES), m),
        start=own_start,
        end=own_start + 365 * rng.choice([3, 5], size=m),
        value=np.round(rng.lognormal(_VALUE_LOG_MEAN[b.scale_of_kind(accounts.kind[customers])], 0.5), -2),
    )
    return incumbents.extended(ours)


def account_types(accounts: Accounts, contracts: Contracts, clock: Clock) -> np.ndarray:
    """Customer while one of our contracts runs at as_of, Former Customer after it ended, else Prospect."""
    ours = contracts.ours & (contracts.start <= clock.as_of_day)
    running = np.zeros(accounts.n, dtype=bool)
    ended = np.zeros(accounts.n, dtype=bool)
    running[contracts.du[ours & (contracts.end >= clock.as_of_day)]] = True
    ended[contracts.du[ours & (contracts.end < clock.as_of_day)]] = True
    code = np.where(running, 1, np.where(ended, 2, 0))
    return code[accounts.du]


def contract_table(contracts: Contracts, account_ids: pa.Array) -> dict[str, pa.Array]:
    order = np.lexsort((contracts.account, contracts.start))
    c = Contracts(*(getattr(contracts, f)[order] for f in contracts.__dataclass_fields__))
    n = len(c.du)
    vendors = col.pool((*v.INCUMBENT_VENDORS, v.VENDOR_NAME))
    return {
        "id": col.ids("CTR", np.arange(1, n + 1)),
        "account_id": col.take(account_ids, c.account),
        "vendor_name": col.take(vendors, np.where(c.ours, len(v.INCUMBENT_VENDORS), c.vendor)),
        "product_category": col.take(col.pool(v.PRODUCT_CATEGORIES), c.category),
        "start_date": col.dates(c.start),
        "end_date": col.dates(c.end),
        "annual_value": col.floats(c.value),
        "is_ours": col.bools(c.ours),
    }
