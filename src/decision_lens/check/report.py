"""`lens check`'s results, one line per expectation with what was observed: the pass/fail table it prints
(and the offline page lists, offline_page.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from decision_lens.check.checkpoint import Verdict
from decision_lens.check.suites import Suite
from decision_lens.reports import format_table

COLUMNS = ["suite", "expectation", "column", "observed", "result"]
SAMPLES = 3  # failing values or rows shown per expectation (the data docs list more)
WIDTH = 60  # longest observed cell


@dataclass(frozen=True)
class Line:
    suite: str
    kind: str  # the GX expectation type without expect_
    kwargs: dict[str, Any]  # the GX expectation's arguments: its column(s) and bounds
    observed: str  # in full (the printed table clips it), or why the expectation is skipped
    result: str  # pass, FAIL, error, skipped
    note: str  # why it should hold

    @property
    def failed(self) -> bool:
        return self.result in ("FAIL", "error")

    @property
    def expectation(self) -> str:
        """As the printed table shows it: the type, then its bounds (`column_values_to_be_between 0..7`)."""
        return f"{self.kind} {_rule(self.kwargs)}".strip()

    @property
    def in_words(self) -> str:
        return self.kind.replace("_", " ")

    @property
    def column(self) -> str:
        return _column(self.kwargs)

    @property
    def threshold(self) -> str:
        """The bounds in full: a set lists its values."""
        if "value_set" in self.kwargs:
            return "in " + _value(self.kwargs["value_set"])
        if "value_pairs_set" in self.kwargs:
            return "in " + _value(self.kwargs["value_pairs_set"])
        return _rule(self.kwargs)

    @property
    def observed_clipped(self) -> str:
        return self.observed if len(self.observed) <= WIDTH else self.observed[: WIDTH - 3] + "..."


def _value(value: Any, digits: int = 4) -> str:
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() and abs(value) >= 1 else f"{value:.{digits}g}"
    if isinstance(value, list | tuple):
        return "(" + ", ".join(_value(item, digits) for item in value) + ")"
    return str(value)


def _rule(kwargs: dict[str, Any]) -> str:
    low, high = kwargs.get("min_value"), kwargs.get("max_value")
    if "value_set" in kwargs:
        return f"in {len(kwargs['value_set'])} values"
    if "value_pairs_set" in kwargs:
        return f"in {len(kwargs['value_pairs_set'])} pairs"
    if low is not None and high is not None:
        return f"= {_value(low, 10)}" if low == high else f"{_value(low, 10)}..{_value(high, 10)}"
    if low is not None:
        return f">= {_value(low, 10)}"
    if high is not None:
        return f"<= {_value(high, 10)}"
    return ""


def _column(kwargs: dict[str, Any]) -> str:
    if "column" in kwargs:
        return str(kwargs["column"])
    if "column_A" in kwargs:
        return f"{kwargs['column_A']}, {kwargs['column_B']}"
    return "(rows)"


def _extreme(preview: pd.DataFrame, column: str, kwargs: dict[str, Any]) -> str:
    """A passing check on an in-memory frame: the value nearest its bound (and the row it is on)."""
    values = pd.to_numeric(preview[column], errors="coerce").dropna()
    if values.empty:
        return "null"
    if len(preview) == 1:
        return _value(values.iloc[0])
    label = values.idxmax() if kwargs.get("max_value") is not None else values.idxmin()
    named = f" ({label})" if preview.index.name else ""
    return f"{'max' if kwargs.get('max_value') is not None else 'min'} {_value(values[label])}{named}"


def _number(text: Any) -> Any:
    """GX reports the values of labelled rows as text: show numbers as numbers."""
    try:
        number = float(text)
    except (TypeError, ValueError):
        return text
    return int(number) if number.is_integer() else number


def _unexpected(result: dict[str, Any], column: str) -> list[str]:
    rows = result.get("partial_unexpected_index_list") or []
    if rows and isinstance(rows[0], dict):  # rows of a labelled frame: name each by its label
        labels = [key for key in rows[0] if key != column]
        return [
            f"{row[labels[0]]}={_value(_number(row.get(column)))}" if labels else str(row) for row in rows
        ]
    return [_value(value) for value in result.get("partial_unexpected_list") or []]


def _observed(verdict: Verdict, preview: pd.DataFrame | None) -> str:
    result, kwargs = verdict.result, verdict.kwargs
    if verdict.error:
        return f"error: {verdict.error}"
    if "observed_value" in result:
        return _value(result["observed_value"])
    if "element_count" not in result:
        return ""
    column = kwargs.get("column")
    total, bad = result["element_count"], result.get("unexpected_count") or 0
    bounded = kwargs.get("min_value") is not None or kwargs.get("max_value") is not None
    if bad == 0 and bounded and preview is not None and column in preview:
        return _extreme(preview, column, kwargs)
    if bad == 0:
        return f"0 of {total:,} unexpected"
    samples = list(dict.fromkeys(_unexpected(result, column)))[:SAMPLES]
    if total == 1:
        return samples[0] if samples else "unexpected"
    return f"{bad:,} of {total:,}: {', '.join(samples)}"


def lines(suites: list[Suite], verdicts: list[Verdict], previews: dict[str, pd.DataFrame]) -> list[Line]:
    out = []
    for verdict in verdicts:
        out.append(
            Line(
                suite=verdict.suite,
                kind=verdict.expectation.removeprefix("expect_"),
                kwargs=verdict.kwargs,
                observed=_observed(verdict, previews.get(verdict.suite)),
                result="error" if verdict.error else ("pass" if verdict.success else "FAIL"),
                note=verdict.note,
            )
        )
    for suite in suites:
        for skipped in suite.skipped:
            kind = skipped.expectation.removeprefix("expect_")
            out.append(Line(suite.name, kind, skipped.kwargs, skipped.reason, "skipped", skipped.note))
    order = {suite.name: index for index, suite in enumerate(suites)}
    return sorted(out, key=lambda line: order[line.suite])  # stable: skipped after their suite's checks


def render(rows: list[Line]) -> list[str]:
    return format_table(
        COLUMNS, [(r.suite, r.expectation, r.column, r.observed_clipped, r.result) for r in rows]
    )
