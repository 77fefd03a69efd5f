"""What every chart of the dashboard is asked for: the filters a reader chose, read as semantic-layer filters.

Filters: the period (the months before the as-of week), region, unit type and bed-count band. A value must be
one the semantic layer lists for its dimension, so nothing a reader types becomes part of a filter unchecked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from decision_lens.semantic import MetricQuery, QueryResult
from decision_lens.serve.engine import DistinctValuesQuery

Ask = Callable[[MetricQuery], QueryResult]

# filter name -> (dimension, label)
UNIT_FILTERS = {
    "region": ("decision_unit__region", "Region"),
    "unit_type": ("decision_unit__unit_type", "Unit type"),
    "bed_count_band": ("decision_unit__bed_count_band", "Bed-count band"),
}
PERIOD_MONTHS = (3, 6, 12, 24, 36)
DEFAULT_MONTHS = 12
WEEKLY_UP_TO_MONTHS = 6  # a period this short is drawn week by week, a longer one month by month
AS_OF_WEEK = "{{ Dimension('decision_unit_week__is_as_of_week') }}"


class BadFilter(ValueError):
    """A filter value the dashboard does not offer; the message lists every one that was wrong."""


@dataclass(frozen=True)
class Filters:
    months: int = DEFAULT_MONTHS
    units: tuple[tuple[str, str], ...] = ()  # (filter name, value), in UNIT_FILTERS order

    @property
    def where(self) -> tuple[str, ...]:
        return tuple(
            f"{{{{ Dimension('{UNIT_FILTERS[name][0]}') }}}} = '{_quoted(value)}'"
            for name, value in self.units
        )

    def described(self) -> str:
        parts = [f"the {self.months} months to the as-of week"]
        parts += [f"{UNIT_FILTERS[name][1].lower()} {value}" for name, value in self.units]
        return ", ".join(parts)


def unit_filter_options(ask: Ask) -> dict[str, list[str]]:
    """The values each unit filter offers: the dimension's distinct values, in order."""
    options = {}
    for name, (dimension, _) in UNIT_FILTERS.items():
        rows = ask(DistinctValuesQuery(group_by=(dimension,), order_by=(dimension,))).plain_rows()
        options[name] = [str(value) for (value,) in rows if value is not None]
    return options


def read_filters(params: Mapping[str, str], options: Mapping[str, list[str]]) -> Filters:
    """Filters from query parameters; BadFilter names every wrong one at once."""
    problems, units = [], []
    months_text = params.get("months") or str(DEFAULT_MONTHS)
    months = int(months_text) if months_text.isdigit() else None
    if months not in PERIOD_MONTHS:
        problems.append(f"months={months_text!r}: choose one of {', '.join(map(str, PERIOD_MONTHS))}")
    for name in UNIT_FILTERS:
        value = params.get(name) or ""
        if not value:
            continue
        if value not in options[name]:
            problems.append(f"{name}={value!r}: not a value of {UNIT_FILTERS[name][0]}")
        else:
            units.append((name, value))
    unknown = sorted(set(params) - {"months", *UNIT_FILTERS})
    problems += [f"{name}: not a filter (months, {', '.join(UNIT_FILTERS)})" for name in unknown]
    if problems:
        raise BadFilter("; ".join(problems))
    return Filters(months or DEFAULT_MONTHS, tuple(units))


@dataclass(frozen=True)
class Context:
    """The filters, and the as-of week they end at (None when no unit has one: nothing built yet)."""

    filters: Filters
    as_of_week: dt.date | None

    @property
    def where(self) -> tuple[str, ...]:
        return self.filters.where

    @property
    def grain(self) -> str:
        return "week" if self.filters.months <= WEEKLY_UP_TO_MONTHS else "month"

    @property
    def start(self) -> dt.date | None:
        if self.as_of_week is None:
            return None
        month = self.as_of_week.month - self.filters.months
        year = self.as_of_week.year + (month - 1) // 12
        return dt.date(year, (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> dt.date | None:
        return self.as_of_week + dt.timedelta(days=6) if self.as_of_week else None

    def query(self, metrics: tuple[str, ...], group_by: tuple[str, ...] = (), *, where=(), **options):
        """A metric query in the period, with the reader's filters and these."""
        return MetricQuery(
            metrics=metrics,
            group_by=group_by,
            where=(*self.where, *where),
            start=self.start,
            end=self.end,
            **options,
        )

    def as_of_query(self, metrics: tuple[str, ...], group_by: tuple[str, ...] = (), *, where=()):
        """A query of the as-of week only (where every unit stands now), with the reader's filters."""
        return MetricQuery(metrics=metrics, group_by=group_by, where=(*self.where, AS_OF_WEEK, *where))


def context_for(ask: Ask, filters: Filters) -> Context:
    weeks = ask(
        MetricQuery(metrics=("engaged_accounts",), group_by=("metric_time__week",), where=(AS_OF_WEEK,))
    )
    as_of = max((week for week, _ in weeks.plain_rows() if week is not None), default=None)
    return Context(filters, as_of)


def _quoted(value: str) -> str:
    return value.replace("'", "''")
