"""Sales activity (crm.task and crm.event) for one block of contacts or leads.

Prospecting tasks happen any time and are early-stage; journey tasks and meetings follow the journey's phases,
so late-stage subjects (budget approval, VAC review, contract redlines, security questionnaire) land in the
decision phase, which mostly sits inside a budget or renewal window.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from decision_lens.generate import behaviour as b
from decision_lens.generate import columns as col
from decision_lens.generate import vocabulary as v
from decision_lens.generate.noise import flags
from decision_lens.generate.streams import choose_rows
from decision_lens.generate.timeline import DAY

TASK_SUBJECTS = (*v.TASK_SUBJECTS, (v.HANDOFF_TASK_SUBJECT, "mid", "Other", None))
HANDOFF = len(TASK_SUBJECTS) - 1
INTRO_CALL = [s[0] for s in TASK_SUBJECTS].index("Intro call")
FOLLOW_UP = [s[0] for s in TASK_SUBJECTS].index("Follow-up email")
INTRO_MEETING = [s[0] for s in v.EVENT_SUBJECTS].index("Intro meeting")


def _subject_probability(subjects, drawable: int) -> np.ndarray:
    p = np.zeros((len(v.LAYERS), 3, len(subjects)))
    for i, (_, stage, _, layer) in enumerate(subjects[:drawable]):
        for code, name in enumerate(v.LAYERS):
            affinity = b.SUBJECT_AFFINITY[0 if layer == name else 1 if layer is None else 2]
            p[code, v.SIGNAL_STAGES.index(stage), i] = affinity
    return (p / np.maximum(p.sum(axis=2, keepdims=True), 1e-12)).reshape(len(v.LAYERS) * 3, -1)


TASK_PROBABILITY = _subject_probability(TASK_SUBJECTS, len(v.TASK_SUBJECTS))
EVENT_PROBABILITY = _subject_probability(v.EVENT_SUBJECTS, len(v.EVENT_SUBJECTS))
_TASK_TYPE = np.array([v.TASK_TYPES.index(s[2]) for s in TASK_SUBJECTS])
_TASK_SUBTYPE = np.array(
    [v.TASK_SUBTYPES.index(t if t in ("Call", "Email") else "Task") for _, _, t, _ in TASK_SUBJECTS]
)
_EVENT_TYPE = np.array([v.EVENT_TYPES.index(s[2]) for s in v.EVENT_SUBJECTS])
_TASK_SUBJECT_POOL = col.pool([s[0] for s in TASK_SUBJECTS])
_EVENT_SUBJECT_POOL = col.pool([s[0] for s in v.EVENT_SUBJECTS])
_TYPES = col.pool(v.TASK_TYPES)


@dataclass
class SalesRows:
    person: np.ndarray
    t: np.ndarray  # seconds
    subject: np.ndarray
    opp: np.ndarray  # -1 = no related opportunity
    owner: np.ndarray  # user index

    def select(self, keep: np.ndarray) -> SalesRows:
        return SalesRows(*(getattr(self, f)[keep] for f in SalesRows.__dataclass_fields__))

    @staticmethod
    def concat(*parts: SalesRows) -> SalesRows:
        return SalesRows(
            *(np.concatenate([getattr(p, f) for p in parts]) for f in SalesRows.__dataclass_fields__)
        )

    def sorted(self) -> SalesRows:
        return self.select(np.lexsort((self.person, self.t)))


def draw_subjects(rng, layer: np.ndarray, stage: np.ndarray, events: bool) -> np.ndarray:
    return choose_rows(rng, layer * 3 + stage, EVENT_PROBABILITY if events else TASK_PROBABILITY)


def task_columns(
    rng,
    rows: SalesRows,
    first_number: int,
    who: pa.Array,
    account: pa.Array | None,
    opp_ids: pa.Array,
    user_ids: pa.Array,
) -> dict[str, pa.Array]:
    n = len(rows.t)
    return {
        "id": col.ids("00T", first_number + np.arange(n)),
        "who_id": col.take(who, rows.person),
        "what_id": col.take(opp_ids, rows.opp),
        "account_id": col.take(account, rows.person) if account is not None else pa.nulls(n, pa.string()),
        "subject": col.take(_TASK_SUBJECT_POOL, rows.subject),
        "type": col.take(_TYPES, _TASK_TYPE[rows.subject]),
        "task_subtype": col.take(col.pool(v.TASK_SUBTYPES), _TASK_SUBTYPE[rows.subject]),
        "status": col.take(col.pool(v.TASK_STATUSES), rng.choice(4, size=n, p=b.mix(b.TASK_STATUS_MIX))),
        "activity_date": col.dates(rows.t // DAY),
        "owner_id": col.take(user_ids, rows.owner),
        "created_date": col.timestamps(rows.t - rng.integers(0, 2 * DAY, n)),
        "is_deleted": col.bools(flags(rng, n, b.DELETED_SHARE)),
    }


def event_columns(
    rng,
    rows: SalesRows,
    first_number: int,
    who: pa.Array,
    account: pa.Array | None,
    opp_ids: pa.Array,
    user_ids: pa.Array,
    horizon: int,
) -> dict[str, pa.Array]:
    n = len(rows.t)
    minutes = np.array([30, 45, 60, 90])[rng.choice(4, size=n, p=[0.4, 0.15, 0.35, 0.1])]
    end = np.minimum(rows.t + minutes * 60, horizon - 1)
    return {
        "id": col.ids("00U", first_number + np.arange(n)),
        "who_id": col.take(who, rows.person),
        "what_id": col.take(opp_ids, rows.opp),
        "account_id": col.take(account, rows.person) if account is not None else pa.nulls(n, pa.string()),
        "subject": col.take(_EVENT_SUBJECT_POOL, rows.subject),
        "type": col.take(_TYPES, _EVENT_TYPE[rows.subject]),
        "event_subtype": col.constant("Event", n, pa.string()),
        "start_date_time": col.timestamps(rows.t),
        "end_date_time": col.timestamps(end),
        "owner_id": col.take(user_ids, rows.owner),
        "created_date": col.timestamps(rows.t - rng.integers(DAY, 14 * DAY, n)),
        "is_deleted": col.bools(flags(rng, n, b.DELETED_SHARE)),
    }
