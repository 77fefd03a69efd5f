"""People's names, email addresses and phone numbers, built column-wise from the vocabulary pools."""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from decision_lens.generate import columns as col
from decision_lens.generate import vocabulary as v


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


FIRST = col.pool(v.FIRST_NAMES)
LAST = col.pool(v.LAST_NAMES)
_FIRST_SLUG = col.pool([slug(x) for x in v.FIRST_NAMES])
_FIRST_INITIAL = col.pool([slug(x)[0] for x in v.FIRST_NAMES])
_LAST_SLUG = col.pool([slug(x) for x in v.LAST_NAMES])
_TWO_DIGITS = col.pool([f"{i:02d}" for i in range(100)])
_FOUR_DIGITS = col.pool([f"{i:04d}" for i in range(10_000)])
_AREA_CODES = col.pool([str(code) for code in range(201, 990)])


def draw_names(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    return rng.integers(0, len(v.FIRST_NAMES), n), rng.integers(0, len(v.LAST_NAMES), n)


def draw_email_style(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """first.last (most), flast, first_last or first.last42: the styles real address books mix."""
    return rng.choice(4, size=n, p=[0.6, 0.2, 0.1, 0.1]), rng.integers(0, 100, n)


def email_local_part(first: np.ndarray, last: np.ndarray, style: np.ndarray, digits: np.ndarray) -> pa.Array:
    f, i, s = col.take(_FIRST_SLUG, first), col.take(_FIRST_INITIAL, first), col.take(_LAST_SLUG, last)
    dot = col.join(f, ".", s)
    out = col.where(style == 1, col.join(i, s), dot)
    out = col.where(style == 2, col.join(f, "_", s), out)
    return col.where(style == 3, col.join(dot, col.take(_TWO_DIGITS, digits)), out)


def emails(rng: np.random.Generator, first: np.ndarray, last: np.ndarray, domains: pa.Array) -> pa.Array:
    style, digits = draw_email_style(rng, len(first))
    return col.join(email_local_part(first, last, style, digits), "@", domains)


def phones(rng: np.random.Generator, n: int) -> pa.Array:
    """(AAA) 555-NNNN or AAA-555-NNNN; about one in ten is missing."""
    area = col.take(_AREA_CODES, rng.integers(0, len(_AREA_CODES), n))
    line = col.take(_FOUR_DIGITS, rng.integers(0, 10_000, n))
    dashed = rng.random(n) < 0.3
    out = col.where(dashed, col.join(area, "-555-", line), col.join("(", area, ") 555-", line))
    missing = rng.random(n) < 0.1
    return pc.if_else(pa.array(missing), pa.scalar(None, pa.string()), out)
