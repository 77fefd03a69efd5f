"""Campaigns on a calendar: yearly programs, monthly newsletters, always-on nurtures, webinars, trade shows.

Marketing activity links to them by date: a send goes out under the month's newsletter or a nurture track, a
registration is for the next webinar or show after it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from decision_lens.generate import columns as col
from decision_lens.generate import vocabulary as v
from decision_lens.generate.streams import stream
from decision_lens.generate.timeline import DAY, Clock, month_index, month_start

PROGRAM, NEWSLETTER, NURTURE, WEBINAR, SHOW = range(5)
_TYPE_OF_KIND = [v.CAMPAIGN_TYPES.index(t) for t in ("Program", "Email", "Nurture", "Webinar", "Trade Show")]


@dataclass
class Campaigns:
    kind: np.ndarray
    name: pa.Array
    start: np.ndarray  # days
    end: np.ndarray  # days, -1 = open-ended
    stage: np.ndarray  # signal stage of the content
    parent: np.ndarray
    aborted: np.ndarray
    first_month: int
    clock: Clock

    @property
    def n(self) -> int:
        return len(self.kind)

    def newsletter(self, days: np.ndarray) -> np.ndarray:
        rows = np.flatnonzero(self.kind == NEWSLETTER)
        months = month_index(self.start[rows])
        lookup = np.full(int(months.max()) - self.first_month + 2, -1)
        lookup[months - self.first_month] = rows
        m = np.clip(month_index(days) - self.first_month, 0, len(lookup) - 1)
        return lookup[m]

    def nurture(self, stage: np.ndarray) -> np.ndarray:
        rows = np.flatnonzero(self.kind == NURTURE)
        return rows[np.argsort(self.stage[rows])][stage]

    def next_of(self, kind: int, days: np.ndarray) -> np.ndarray:
        """The first campaign of `kind` starting after each day, -1 when none is scheduled."""
        rows = np.flatnonzero((self.kind == kind) & ~self.aborted)
        pos = np.searchsorted(self.start[rows], days, side="right")
        return np.where(pos < len(rows), rows[np.minimum(pos, len(rows) - 1)], -1)

    def email_assets(self) -> pa.Array:
        """Four email names per campaign (campaign * 4 + k): nurture tracks number their emails."""
        numbered = col.join(
            col.take(self.name, np.repeat(np.arange(self.n), 4)),
            " - Email ",
            col.pool([str(k + 1) for k in range(4)]).take(pa.array(np.tile(np.arange(4), self.n))),
        )
        plain = col.take(self.name, np.repeat(np.arange(self.n), 4))
        return col.where(np.repeat(self.kind == NURTURE, 4), numbered, plain)


def build_campaigns(seed: int, clock: Clock) -> Campaigns:
    rng = stream(seed, "campaigns")
    first = int(month_index(np.array([clock.start_day]))[0]) - 2
    last = int(month_index(np.array([clock.as_of_day]))[0]) + 2
    months = np.arange(first, last + 1)
    years = np.unique(months // 12)
    rows: list[tuple[int, str, int, int, int]] = []  # kind, name, start, end, stage
    for y in years:
        jan = int(month_start(np.array([y * 12]))[0])
        for program in v.CAMPAIGN_PROGRAMS:
            rows.append(
                (PROGRAM, f"{1970 + y} {program}", jan, int(month_start(np.array([y * 12 + 12]))[0]) - 1, 0)
            )
    for name, stage in v.NURTURE_TRACKS:
        rows.append((NURTURE, name, clock.start_day - 120, -1, v.SIGNAL_STAGES.index(stage)))
    starts = month_start(months)
    for k, (m, s) in enumerate(zip(months, starts, strict=True)):
        label = dt.date(1970 + int(m) // 12, int(m) % 12 + 1, 1).strftime("%b %Y")
        end = int(month_start(np.array([m + 1]))[0]) - 1
        rows.append((NEWSLETTER, f"Monthly Newsletter - {label}", int(s) + 4, end, 0))
        for offset, title in ((9, v.WEBINAR_TITLES[(2 * k) % 6]), (22, v.WEBINAR_TITLES[(2 * k + 1) % 6])):
            day = int(s) + offset
            rows.append((WEBINAR, f"{title[0]} ({label})", day, day, v.SIGNAL_STAGES.index(title[1])))
        for show, month in v.TRADE_SHOWS:
            if int(m) % 12 + 1 == month:
                rows.append((SHOW, f"{show} {1970 + int(m) // 12}", int(s) + 11, int(s) + 14, 0))
    kind = np.array([r[0] for r in rows])
    start = np.array([r[2] for r in rows])
    order = np.lexsort((kind, start))
    kind, start = kind[order], start[order]
    end = np.array([r[3] for r in rows])[order]
    stage = np.array([r[4] for r in rows])[order]
    name = col.pool([rows[i][1] for i in order])
    program_of_kind = {NEWSLETTER: 0, SHOW: 1, WEBINAR: 2, NURTURE: 3}  # position in CAMPAIGN_PROGRAMS
    year = month_index(start) // 12
    programs = np.flatnonzero(kind == PROGRAM)
    parent = np.full(len(kind), -1)
    for r in np.flatnonzero(kind != PROGRAM):
        same_year = programs[year[programs] == year[r]]
        slot = program_of_kind[int(kind[r])]
        parent[r] = same_year[slot] if len(same_year) > slot else -1
    aborted = (kind == WEBINAR) & (rng.random(len(kind)) < 0.03) & (start < clock.as_of_day)
    return Campaigns(kind, name, start, end, stage, parent, aborted, first, clock)


def campaign_table(c: Campaigns, seed: int) -> dict[str, pa.Array]:
    rng = stream(seed, "campaigns.table")
    as_of = c.clock.as_of_day
    planned = c.start > as_of
    running = ~planned & ((c.end < 0) | (c.end >= as_of))
    status = np.where(c.aborted, 3, np.where(planned, 0, np.where(running, 1, 2)))
    budget = np.select(
        [c.kind == NEWSLETTER, c.kind == NURTURE, c.kind == WEBINAR, c.kind == SHOW],
        [
            np.full(c.n, 2_000.0),
            np.full(c.n, 15_000.0),
            rng.uniform(5_000, 12_000, c.n),
            rng.uniform(40_000, 150_000, c.n),
        ],
        np.nan,
    ).round(-2)
    actual = np.where(planned | np.isnan(budget), np.nan, (budget * rng.uniform(0.7, 1.2, c.n)).round(-1))
    created = np.minimum((c.start - rng.uniform(20, 75, c.n)) * DAY, c.clock.horizon - 1).astype(np.int64)
    return {
        "id": col.ids("701", np.arange(1, c.n + 1)),
        "name": c.name,
        "type": col.take(col.pool(v.CAMPAIGN_TYPES), np.array(_TYPE_OF_KIND)[c.kind]),
        "status": col.take(col.pool(v.CAMPAIGN_STATUSES), status),
        "start_date": col.dates(c.start),
        "end_date": col.dates(np.maximum(c.end, 0), null=c.end < 0),
        "budgeted_cost": col.floats(np.nan_to_num(budget), null=np.isnan(budget)),
        "actual_cost": col.floats(np.nan_to_num(actual), null=np.isnan(actual)),
        "parent_id": col.take(col.ids("701", np.arange(1, c.n + 1)), c.parent),
        "is_active": col.bools((status == 0) | (status == 1)),
        "created_date": col.timestamps(created),
        "is_deleted": col.bools(np.zeros(c.n, dtype=bool)),
    }
