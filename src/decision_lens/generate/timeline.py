"""Time: the generation clock, business hours, weeks and fiscal-year windows.

Internally timestamps are int64 seconds since 1970-01-01 (naive UTC) and dates are int64 days since then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

DAY = 86_400
DEFAULT_AS_OF = dt.date(2026, 10, 31)
SPAN_DAYS = 730  # the data covers about two years before as_of
BUDGET_WINDOW_START_MONTHS = 9  # the budget planning window opens 9 months before the fiscal year
BUDGET_WINDOW_END_MONTHS = 3  # ... and closes 3 months before it
RENEWAL_WINDOW_DAYS = 270
DEFAULT_FISCAL_MONTH = 7


@dataclass(frozen=True)
class Clock:
    as_of: dt.date

    @property
    def as_of_day(self) -> int:
        return (self.as_of - dt.date(1970, 1, 1)).days

    @property
    def start_day(self) -> int:
        return self.as_of_day - SPAN_DAYS

    @property
    def horizon(self) -> int:
        """First second after as_of: every timestamp is strictly before it."""
        return (self.as_of_day + 1) * DAY

    @property
    def start(self) -> int:
        return self.start_day * DAY


def business_time(rng: np.random.Generator, days: np.ndarray) -> np.ndarray:
    """Seconds for a moment on each (fractional) day, moved to US business hours and mostly off weekends."""
    whole = np.floor(days).astype(np.int64)
    weekday = (whole + 3) % 7  # Monday = 0
    shift = rng.random(len(whole)) < 0.85
    whole = whole - ((weekday == 5) & shift) + ((weekday == 6) & shift)
    hour = np.clip(rng.normal(16.5, 2.4, len(whole)), 11.0, 23.9)  # 7:00-19:55 US Eastern, in UTC
    return whole * DAY + (hour * 3600).astype(np.int64)


def month_index(days: np.ndarray) -> np.ndarray:
    """Months since 1970-01 for each day."""
    return np.asarray(days, dtype="int64").astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def month_start(months: np.ndarray) -> np.ndarray:
    """First day (days since epoch) of each month index."""
    return np.asarray(months, dtype="int64").astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def months_to_fiscal_start(days: np.ndarray, fiscal_month: np.ndarray) -> np.ndarray:
    """Whole months from the month of `days` to the next fiscal-year start (1..12)."""
    ahead = (np.asarray(fiscal_month) - 1 - month_index(days) % 12) % 12
    return np.where(ahead == 0, 12, ahead)


def in_budget_window(days: np.ndarray, fiscal_month: np.ndarray) -> np.ndarray:
    """True inside [fiscal start - 9 months, fiscal start - 3 months)."""
    ahead = months_to_fiscal_start(days, fiscal_month)
    return (ahead > BUDGET_WINDOW_END_MONTHS) & (ahead <= BUDGET_WINDOW_START_MONTHS)


def monday(days: np.ndarray) -> np.ndarray:
    days = np.asarray(days, dtype=np.int64)
    return days - (days + 3) % 7
