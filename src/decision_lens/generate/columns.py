"""Vectorised construction of Arrow columns: Salesforce-style ids, pooled strings, nullable typed arrays."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_PAIRS = np.frombuffer(b"".join(f"{i:02d}".encode() for i in range(100)), dtype="<u2")


def ids(prefix: str, numbers: np.ndarray, width: int = 15) -> pa.StringArray:
    """`prefix` followed by each number zero-padded to `width` digits, built as raw bytes (no Python loop)."""
    head = prefix.encode("ascii")
    size = len(head) + width
    n = len(numbers)
    chunks = (width + 7) // 8
    digits = np.empty((n, chunks * 4), dtype="<u2")
    rest = np.asarray(numbers, dtype=np.int64)
    for chunk in range(chunks):
        part = (rest % 100_000_000).astype(np.uint32)
        rest = rest // 100_000_000
        base = (chunks - 1 - chunk) * 4
        for k in range(3, -1, -1):
            digits[:, base + k] = _PAIRS[part % 100]
            part = part // 100
    body = np.empty((n, size), dtype=np.uint8)
    body[:, : len(head)] = np.frombuffer(head, dtype=np.uint8)
    body[:, len(head) :] = digits.view(np.uint8)[:, chunks * 8 - width :]
    offsets = np.arange(0, (n + 1) * size, size, dtype=np.int32)
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(body))


def pool(values: Sequence[str | None]) -> pa.StringArray:
    return pa.array(list(values), type=pa.string())


def take(values: pa.Array, index: np.ndarray) -> pa.Array:
    """values[index], null where index < 0."""
    index = np.asarray(index, dtype=np.int64)
    missing = index < 0
    if missing.any():
        return values.take(pa.array(np.where(missing, 0, index), mask=missing))
    return values.take(pa.array(index))


def join(*parts: pa.Array | str) -> pa.Array:
    """Element-wise concatenation; a null part makes the result null."""
    return pc.binary_join_element_wise(*parts, "")


def where(condition: np.ndarray, when_true: pa.Array, when_false: pa.Array) -> pa.Array:
    return pc.if_else(pa.array(condition, type=pa.bool_()), when_true, when_false)


def timestamps(seconds: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    micros = np.asarray(seconds, dtype=np.int64) * 1_000_000
    return pa.array(micros, type=pa.timestamp("us"), mask=null)


def dates(days: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    return pa.array(np.asarray(days, dtype=np.int32), type=pa.date32(), mask=null)


def ints(values: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    return pa.array(np.asarray(values, dtype=np.int64), type=pa.int64(), mask=null)


def floats(values: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    return pa.array(np.asarray(values, dtype=np.float64), type=pa.float64(), mask=null)


def bools(values: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    return pa.array(np.asarray(values, dtype=bool), type=pa.bool_(), mask=null)


def constant(value: object, n: int, type_: pa.DataType) -> pa.Array:
    return pa.array([value], type=type_).take(pa.array(np.zeros(n, dtype=np.int64)))
