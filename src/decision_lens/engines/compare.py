"""Every mart of a build on another engine compared with the DuckDB build of the same raw data: row counts
and contents, doubles to 9 decimals. Rows are matched by sorting both sides on their exact values (doubles
rounded to 6 decimals, so a last-digit difference does not reorder them), then compared column by column."""

from __future__ import annotations

import datetime as dt
import decimal
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

Rows = list[tuple]
# a reader returns the rows of a marts table with the columns in the order given
Reader = Callable[[str, Sequence[str]], Rows]

DOUBLE_DECIMALS = 9
SHOWN_DIFFERENCES = 3


@dataclass
class MartComparison:
    mart: str
    duckdb_rows: int
    other_rows: int
    differences: list[str] = field(default_factory=list)

    @property
    def equal(self) -> bool:
        return self.duckdb_rows == self.other_rows and not self.differences


def _normal(value: object) -> object:
    """One representation per value whatever the driver returned: Python floats, naive datetimes, None."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, decimal.Decimal):
        return float(value)
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _sort_key(row: tuple) -> tuple:
    return tuple(
        (0, "") if value is None else (1, round(value, 6)) if isinstance(value, float) else (1, value)
        for value in row
    )


def _same(left: object, right: object) -> bool:
    if isinstance(left, float) or isinstance(right, float):
        if left is None or right is None:
            return left is right
        return math.isclose(float(left), float(right), rel_tol=1e-12, abs_tol=10.0**-DOUBLE_DECIMALS)
    return left == right


def compare_rows(mart: str, columns: Sequence[str], duckdb_rows: Rows, other_rows: Rows) -> MartComparison:
    left = sorted((tuple(_normal(v) for v in row) for row in duckdb_rows), key=_sort_key)
    right = sorted((tuple(_normal(v) for v in row) for row in other_rows), key=_sort_key)
    comparison = MartComparison(mart, len(left), len(right))
    for number, (left_row, right_row) in enumerate(zip(left, right, strict=False)):
        unequal = [
            f"{name}: {a!r} vs {b!r}"
            for name, a, b in zip(columns, left_row, right_row, strict=True)
            if not _same(a, b)
        ]
        if unequal:
            comparison.differences.append(f"row {number}: " + "; ".join(unequal))
    return comparison


def compare_marts(marts: Iterable[tuple[str, Sequence[str]]], read_duckdb: Reader, read_other: Reader):
    """marts: (table, columns) pairs; each reader knows its engine's marts schema."""
    return [
        compare_rows(table, columns, read_duckdb(table, columns), read_other(table, columns))
        for table, columns in marts
    ]


def render_comparison(results: Sequence[MartComparison], engine: str) -> str:
    lines = [f"Marts on {engine} vs DuckDB (doubles to {DOUBLE_DECIMALS} decimals):"]
    for result in results:
        verdict = "identical" if result.equal else f"{len(result.differences)} rows differ"
        lines.append(f"  {result.mart:<36} {result.duckdb_rows:>8} vs {result.other_rows:>8} rows  {verdict}")
        lines += [f"      {line}" for line in result.differences[:SHOWN_DIFFERENCES]]
    return "\n".join(lines)
