"""Independent, named random streams.

Every table (and every block of a streamed table) draws from its own stream, derived from the seed and a
stable key, so adding a column to one table or changing how many rows are held in memory does not shift the
numbers any other part of the generator draws.
"""

from __future__ import annotations

import zlib

import numpy as np


def stream(seed: int, name: str, *index: int) -> np.random.Generator:
    """A generator for (seed, name, *index); the same arguments always give the same numbers."""
    key = (zlib.crc32(name.encode("utf-8")), *index)
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=key)))


def expand(counts: np.ndarray) -> np.ndarray:
    """Row index repeated `counts[i]` times: the parent of each generated child row."""
    return np.repeat(np.arange(len(counts), dtype=np.int64), counts)


def rank_within(groups: np.ndarray) -> np.ndarray:
    """0, 1, 2, ... within each run of equal values of a sorted-or-not group key (stable order)."""
    order = np.argsort(groups, kind="stable")
    sorted_groups = groups[order]
    starts = np.r_[0, np.flatnonzero(sorted_groups[1:] != sorted_groups[:-1]) + 1]
    run_start = np.repeat(starts, np.diff(np.r_[starts, len(groups)]))
    ranks = np.empty(len(groups), dtype=np.int64)
    ranks[order] = np.arange(len(groups)) - run_start
    return ranks


def choose_rows(rng: np.random.Generator, groups: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """For each row, an index drawn from `probabilities[groups[row]]` (one distribution per group)."""
    cdf = np.cumsum(probabilities, axis=1)
    cdf /= cdf[:, -1:]
    u = rng.random(len(groups))
    out = np.empty(len(groups), dtype=np.int64)
    for group in np.unique(groups):
        rows = groups == group
        out[rows] = np.searchsorted(cdf[group], u[rows], side="right")
    return np.minimum(out, probabilities.shape[1] - 1)


def pick_in_ranges(rng: np.random.Generator, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """A uniformly random position in [starts, starts + counts); -1 where counts is 0."""
    offset = np.floor(rng.random(len(starts)) * counts).astype(np.int64)
    return np.where(counts > 0, starts + offset, -1)
