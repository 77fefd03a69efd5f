"""Marketing touch templates: what a touch of a given stage looks like for a given tier of contact.

A template is one row of vocabulary.TOUCHES (or SPAWNED_TOUCHES); `PROBABILITY[tier, stage]` is the
distribution a base touch is drawn from. Email opens and clicks and event attendance are never drawn: they are
spawned from a send or a registration so the funnel stays coherent.
"""

from __future__ import annotations

import numpy as np

from decision_lens.generate import behaviour as b
from decision_lens.generate import columns as col
from decision_lens.generate import vocabulary as v

TEMPLATES = v.TOUCHES + v.SPAWNED_TOUCHES
TYPE = np.array([v.ALL_ACTIVITY_TYPES.index(t[0]) for t in TEMPLATES])
STAGE = np.array([v.SIGNAL_STAGES.index(t[1]) for t in TEMPLATES])
CHANNEL = np.array([v.CHANNELS.index(t[2]) for t in TEMPLATES])
ASSETS: tuple[str, ...] = tuple(dict.fromkeys(t[3] for t in TEMPLATES if t[3] is not None))
PATHS: tuple[str, ...] = tuple(dict.fromkeys(t[4] for t in TEMPLATES if t[4] is not None))
ASSET = np.array([ASSETS.index(t[3]) if t[3] is not None else -1 for t in TEMPLATES])
PATH = np.array([PATHS.index(t[4]) if t[4] is not None else -1 for t in TEMPLATES])
URLS = col.pool([v.VENDOR_SITE + p for p in PATHS] + [v.VENDOR_SITE + p + v.UTM_QUERY for p in PATHS])

T = {name: v.ALL_ACTIVITY_TYPES.index(name) for name in v.ALL_ACTIVITY_TYPES}
OPEN = len(v.TOUCHES) + 0
WEBINAR_ATTEND = len(v.TOUCHES) + 1
EVENT_ATTEND = len(v.TOUCHES) + 2
CLICKS_BY_STAGE = [np.flatnonzero((T["email_click"] == TYPE) & (s == STAGE)) for s in range(3)]
# Campaign response level of each activity type: sent 0, opened 1, clicked or registered 2, attended 3.
RESPONSE_LEVEL = np.full(len(v.ALL_ACTIVITY_TYPES), -1)
for _name, _level in (
    ("email_send", 0),
    ("email_open", 1),
    ("email_click", 2),
    ("webinar_registration", 2),
    ("event_registration", 2),
    ("webinar_attendance", 3),
    ("event_attendance", 3),
):
    RESPONSE_LEVEL[T[_name]] = _level


def _probability() -> np.ndarray:
    weights = np.zeros((3, 3, len(TEMPLATES)))
    for i, (kind, stage, _, asset, path) in enumerate(v.TOUCHES):
        if kind not in b.TYPE_WEIGHTS:
            continue
        s = v.SIGNAL_STAGES.index(stage)
        same = sum(1 for t in v.TOUCHES if t[0] == kind and t[1] == stage)
        for tier in range(3):
            affinity = 1.0
            if tier == 1 and (asset in b.AUTHORITY_ASSETS or path in b.AUTHORITY_ASSETS):
                affinity = 3.0
            if tier == 2 and (asset in b.PROCESS_ASSETS or path in b.PROCESS_ASSETS):
                affinity = 3.0
            weights[tier, s, i] = b.TYPE_WEIGHTS[kind][tier] * affinity / same
    return weights / weights.sum(axis=2, keepdims=True)


PROBABILITY = _probability()  # [tier, stage, template]
