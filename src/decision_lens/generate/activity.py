"""Marketing activity rows for one block of people (contacts or leads).

Base touches come from three sources: background engagement over each person's lifetime, a journey's
exploration phase (usage contacts only) and its decision phase (authority contacts only when the committee is
engaged, skewed late). Each base touch is typed from `touches.PROBABILITY`, then sends spawn opens and clicks
and registrations spawn attendance.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from decision_lens.generate import behaviour as b
from decision_lens.generate import columns as col
from decision_lens.generate import touches as tt
from decision_lens.generate import vocabulary as v
from decision_lens.generate.campaigns import SHOW, WEBINAR, Campaigns
from decision_lens.generate.streams import choose_rows, expand
from decision_lens.generate.timeline import DAY, business_time

_TYPES = col.pool(v.ALL_ACTIVITY_TYPES)
# Marketing platforms write channels in lower case ('webinar', 'paid search') where Salesforce campaign types
# are title case ('Webinar'): the project's seed channel_map gives both one label.
_CHANNELS = col.pool([channel.lower() for channel in v.CHANNELS])
_WEB_CHANNELS = np.array([v.CHANNELS.index(c) for c in v.WEB_VISIT_CHANNELS])


@dataclass
class Base:
    person: np.ndarray  # index within the block
    day: np.ndarray  # fractional days since epoch
    stage: np.ndarray
    tier: np.ndarray

    @staticmethod
    def concat(*parts: Base) -> Base:
        return Base(*(np.concatenate([getattr(p, f) for p in parts]) for f in Base.__dataclass_fields__))


@dataclass
class Rows:
    person: np.ndarray
    t: np.ndarray  # seconds
    template: np.ndarray
    campaign: np.ndarray
    asset: np.ndarray  # index into the activity asset pool
    url: np.ndarray  # index into touches.URLS
    channel: np.ndarray

    def select(self, keep: np.ndarray) -> Rows:
        return Rows(*(getattr(self, f)[keep] for f in Rows.__dataclass_fields__))

    @staticmethod
    def concat(*parts: Rows) -> Rows:
        return Rows(*(np.concatenate([getattr(p, f) for p in parts]) for f in Rows.__dataclass_fields__))


def staged(rng, person, day, tier, stage_mix, group=None) -> Base:
    """Base touches with a stage drawn from `stage_mix`: a single distribution, or one row per `group`
    (by default the tier)."""
    mix = np.atleast_2d(np.asarray(stage_mix, dtype=np.float64))
    if group is None:
        group = tier if len(mix) > 1 else np.zeros(len(person), dtype=np.int64)
    return Base(person, day, choose_rows(rng, group, mix), tier)


def lifetime(
    rng, rate: np.ndarray, floor: np.ndarray, ceil: np.ndarray, tier: np.ndarray, span: float, mix
) -> Base:
    """Background touches spread uniformly over each person's observable lifetime [floor, ceil) in seconds."""
    alive = np.clip((ceil - floor) / span, 0, 1)
    person = expand(rng.poisson(rate * alive))
    lo, hi = floor[person] / DAY, ceil[person] / DAY
    return staged(rng, person, lo + rng.random(len(person)) * (hi - lo), tier[person], mix)


def type_touches(rng, base: Base, floor: np.ndarray, ceil: np.ndarray, campaigns: Campaigns) -> Rows:
    t = business_time(rng, base.day)
    keep = (t >= floor[base.person]) & (t < ceil[base.person])
    base = Base(base.person[keep], base.day[keep], base.stage[keep], base.tier[keep])
    t = t[keep]
    n = len(t)
    template = choose_rows(rng, base.tier * 3 + base.stage, tt.PROBABILITY.reshape(9, -1))
    kind = tt.TYPE[template]
    channel = tt.CHANNEL[template].copy()
    web = kind == tt.T["web_visit"]
    channel[web] = _WEB_CHANNELS[rng.choice(len(_WEB_CHANNELS), size=web.sum(), p=b.mix(b.WEB_CHANNEL_MIX))]
    utm = (rng.random(n) < b.UTM_SHARE) | (channel == v.CHANNELS.index("Email"))
    url = np.where(tt.PATH[template] >= 0, tt.PATH[template] + utm * len(tt.PATHS), -1)
    asset = tt.ASSET[template].copy()
    campaign = np.full(n, -1)
    days = t // DAY

    sends = kind == tt.T["email_send"]
    newsletter = (base.stage == 0) & (rng.random(n) < 0.6)
    campaign[sends] = np.where(newsletter, campaigns.newsletter(days - 4), campaigns.nurture(base.stage))[
        sends
    ]
    email_asset = len(tt.ASSETS) + campaign * 4 + rng.integers(0, 4, n)
    asset = np.where(sends, email_asset, asset)
    names = len(tt.ASSETS) + 4 * campaigns.n
    webinar = kind == tt.T["webinar_registration"]
    show = kind == tt.T["event_registration"]
    campaign[webinar] = campaigns.next_of(WEBINAR, days[webinar])
    campaign[show] = campaigns.next_of(SHOW, days[show] + 7)
    asset = np.where(webinar | show, names + campaign, asset)
    dropped = (webinar | show) & (campaign < 0)  # nothing scheduled after the registration
    rows = Rows(base.person, t, template, campaign, asset, url, channel).select(~dropped)
    rows = Rows.concat(rows, *_spawn(rng, rows, base.tier[~dropped], base.stage[~dropped], campaigns))
    keep = (rows.t >= floor[rows.person]) & (rows.t < ceil[rows.person])
    rows = rows.select(keep)
    return rows.select(np.lexsort((rows.person, rows.t)))


def _spawn(rng, rows: Rows, tier: np.ndarray, stage: np.ndarray, campaigns: Campaigns) -> list[Rows]:
    kind = tt.TYPE[rows.template]
    sent = np.flatnonzero(
        (kind == tt.T["email_send"]) & (rng.random(len(kind)) < np.take(b.OPEN_PROBABILITY, tier))
    )
    opened_t = rows.t[sent] + rng.integers(300, 72 * 3600, len(sent))
    opens = Rows(
        rows.person[sent],
        opened_t,
        np.full(len(sent), tt.OPEN),
        rows.campaign[sent],
        rows.asset[sent],
        np.full(len(sent), -1),
        rows.channel[sent],
    )
    clicked = rng.random(len(sent)) < b.CLICK_PROBABILITY
    src = sent[clicked]
    click_stage = stage[src]
    template = np.empty(len(src), dtype=np.int64)
    for s in range(3):
        here = click_stage == s
        template[here] = tt.CLICKS_BY_STAGE[s][rng.integers(0, len(tt.CLICKS_BY_STAGE[s]), here.sum())]
    clicks = Rows(
        rows.person[src],
        opened_t[clicked] + rng.integers(10, 1800, len(src)),
        template,
        rows.campaign[src],
        rows.asset[src],
        tt.PATH[template] + len(tt.PATHS),
        rows.channel[src],
    )
    out = [opens, clicks]
    for kind_name, attend, share in (
        ("webinar_registration", tt.WEBINAR_ATTEND, b.WEBINAR_ATTENDANCE),
        ("event_registration", tt.EVENT_ATTEND, b.EVENT_ATTENDANCE),
    ):
        reg = np.flatnonzero((kind == tt.T[kind_name]) & (rng.random(len(kind)) < share))
        day = campaigns.start[rows.campaign[reg]]
        if attend == tt.EVENT_ATTEND:
            t = business_time(rng, day + rng.integers(0, 3, len(reg)))
        else:
            t = day * DAY + 17 * 3600 + rng.integers(0, 1800, len(reg))
        out.append(
            Rows(
                rows.person[reg],
                t,
                np.full(len(reg), attend),
                rows.campaign[reg],
                rows.asset[reg],
                np.full(len(reg), -1),
                tt.CHANNEL[np.full(len(reg), attend)],
            )
        )
    return out


def activity_columns(
    rows: Rows, first_number: int, people: pa.Array, is_lead: bool, campaign_ids: pa.Array, assets: pa.Array
) -> dict[str, pa.Array]:
    n = len(rows.t)
    who = col.take(people, rows.person)
    none = pa.nulls(n, pa.string())
    return {
        "id": col.ids("MA", first_number + np.arange(n), width=16),
        "activity_type": col.take(_TYPES, tt.TYPE[rows.template]),
        "occurred_at": col.timestamps(rows.t),
        "contact_id": none if is_lead else who,
        "lead_id": who if is_lead else none,
        "campaign_id": col.take(campaign_ids, rows.campaign),
        "channel": col.take(_CHANNELS, rows.channel),
        "asset_name": col.take(assets, rows.asset),
        "url": col.take(tt.URLS, rows.url),
    }
