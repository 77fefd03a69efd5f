"""Deliberate noise, as ELT pipelines and CRMs produce it.

- exact duplicate rows (the same row twice, as a re-sync writes it) appended after the originals;
- late-arriving rows: held back from their block and written at the very end of the file.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from decision_lens.generate import behaviour as b

Columns = dict[str, pa.Array]


def take_rows(columns: Columns, rows: np.ndarray) -> Columns:
    index = pa.array(np.asarray(rows, dtype=np.int64))
    return {name: values.take(index) for name, values in columns.items()}


def length(columns: Columns) -> int:
    return len(next(iter(columns.values())))


def flags(rng: np.random.Generator, n: int, share: float, at_least_from: int = 20) -> np.ndarray:
    """Each row flagged with probability `share`; a batch of `at_least_from` rows or more has at least one."""
    flagged = rng.random(n) < share
    if n >= at_least_from and not flagged.any():
        flagged[rng.integers(0, n)] = True
    return flagged


def with_duplicates(rng: np.random.Generator, columns: Columns, share: float = b.DUPLICATE_SHARE) -> Columns:
    n = length(columns)
    copies = np.flatnonzero(flags(rng, n, share))
    if not len(copies):
        return columns
    extra = take_rows(columns, copies)
    return {name: pa.concat_arrays([columns[name], extra[name]]) for name in columns}


def split_late(
    rng: np.random.Generator,
    columns: Columns,
    seconds: np.ndarray,
    before: int,
    share: float = b.LATE_ARRIVAL_SHARE,
) -> tuple[Columns, Columns]:
    """(on-time rows, late rows): late rows are drawn among those that happened before `before`."""
    late = (rng.random(len(seconds)) < share) & (seconds < before)
    return take_rows(columns, np.flatnonzero(~late)), take_rows(columns, np.flatnonzero(late))
