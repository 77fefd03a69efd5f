"""How the synthetic market behaves: mixes, rates and probabilities, in one place.

These numbers shape the data so that it reproduces DOMAIN.md section 11: usage contacts engage often and
early, authority contacts rarely and late; late-stage signals cluster in budget and renewal windows; covered
committees and well-timed deals win more often; premature handoffs convert worse than ready ones.
"""

from __future__ import annotations

import numpy as np

from decision_lens.generate import vocabulary as v

LAYER = {name: code for code, name in enumerate(v.LAYERS)}  # user=0 ... unclassified=5
STAGE = {name: code for code, name in enumerate(v.SIGNAL_STAGES)}  # early=0, mid=1, late=2
KIND = {name: code for code, name in enumerate(v.FACILITY_TYPES)}

# Tiers used for behaviour (not the taxonomy): 0 usage (user, influencer, unknown), 1 authority, 2 process.
TIER_OF_LAYER = np.array([0, 0, 1, 1, 2, 0], dtype=np.int64)

# --- Accounts -----------------------------------------------------------------------------------------------
TOP_KIND_MIX = {
    "IDN": 0.12,
    "Hospital": 0.27,
    "Academic Medical Center": 0.03,
    "Critical Access Hospital": 0.06,
    "ASC": 0.24,
    "Physician Group": 0.22,
    "Clinic": 0.06,
}
MEMBER_KIND_MIX = {
    "Hospital": 0.38,
    "Academic Medical Center": 0.02,
    "Critical Access Hospital": 0.05,
    "ASC": 0.12,
    "Physician Group": 0.14,
    "Clinic": 0.18,
    "Post-Acute Care": 0.04,
    "Imaging Center": 0.03,
    "Regional System": 0.04,
}
THIRD_LEVEL_KIND_MIX = {"Hospital": 0.25, "ASC": 0.2, "Physician Group": 0.25, "Clinic": 0.3}
IDN_MEMBERS_MEAN = 5.0  # members per IDN: 2 + Poisson(mean)
REGIONAL_MEMBERS_MEAN = 2.0  # children of a regional system: 1 + Poisson(mean)
INDEPENDENT_DECIDER_SHARE = 0.06
GPO_MIX = (0.36, 0.30, 0.22, 0.04, 0.03, 0.02, 0.03)  # vocabulary.GPOS, then none
FISCAL_MONTH_MIX = (0.62, 0.18, 0.12, 0.08)  # July, January, October, null

# --- Contacts -----------------------------------------------------------------------------------------------
CONTACTS_PER_ACCOUNT = {
    "IDN": 16,
    "Regional System": 6,
    "Hospital": 10,
    "Academic Medical Center": 18,
    "Critical Access Hospital": 4,
    "ASC": 4,
    "Physician Group": 5,
    "Clinic": 3,
    "Post-Acute Care": 3,
    "Imaging Center": 3,
}
# user, influencer, approver, financial_owner, gatekeeper, unclassified
LAYER_MIX_SYSTEM = (0.06, 0.22, 0.26, 0.20, 0.20, 0.06)
LAYER_MIX_HOSPITAL = (0.52, 0.24, 0.07, 0.04, 0.08, 0.05)
LAYER_MIX_SMALL = (0.48, 0.20, 0.14, 0.07, 0.06, 0.05)
NULL_TITLE_SHARE = 0.01
TITLE_CASE_NOISE = (0.95, 0.03, 0.02)  # as written, UPPER, lower

# --- Journeys (buying cycles per decision unit) -------------------------------------------------------------
JOURNEYS_MEAN = {"system": 1.0, "hospital": 0.9, "small": 0.55}  # IDNs get 1 + Poisson(mean)
ANCHOR_MIX = (0.5, 0.3, 0.2)  # budget window, renewal window, unaligned
DECISION_PHASE_DAYS = {"system": (90, 170), "hospital": (45, 150), "small": (30, 90)}
EXPLORATION_PHASE_DAYS = {"system": (120, 400), "hospital": (60, 240), "small": (20, 120)}
COVERAGE_PROBABILITY = {"aligned": 0.7, "unaligned": 0.3}
OPPORTUNITY_PROBABILITY = 0.92
WIN_BASE, WIN_COVERED, WIN_TIMED = 0.05, 0.50, 0.15  # P(win) = base + covered * a + timed * b
EXTRA_PARTICIPANTS_MEAN = {"system": 6.0, "hospital": 3.0, "small": 1.5}
DECISION_RANGE_DAYS = (150, 150)  # decisions fall from span start + 150 days to as_of + 150 days
AMOUNT_LOG_MEAN = {"system": 13.4, "hospital": 12.0, "small": 10.4}  # lognormal, sigma 0.5

# --- Marketing touches --------------------------------------------------------------------------------------
BACKGROUND_TOUCHES = (6.5, 7.0, 0.25, 0.2, 0.3, 4.0)  # per contact over the span, by layer
EXPLORATION_TOUCHES_USAGE = 6.0  # per active usage participant during the exploration phase
DECISION_TOUCHES = (4.0, 4.0, 3.0)  # per active participant during the decision phase, by tier
LEAD_BACKGROUND_TOUCHES = 1.5
LEAD_BURST_TOUCHES = 3.0  # before a lead's MQL moment
BACKGROUND_STAGE = ((0.75, 0.22, 0.03), (0.6, 0.3, 0.1), (0.6, 0.3, 0.1))  # by tier
EXPLORATION_STAGE = (0.5, 0.45, 0.05)
DECISION_STAGE = ((0.15, 0.55, 0.30), (0.1, 0.3, 0.6), (0.1, 0.25, 0.65))  # by tier
OPEN_PROBABILITY = (0.38, 0.2, 0.2)  # by tier
CLICK_PROBABILITY = 0.3  # of opens
WEBINAR_ATTENDANCE = 0.55
EVENT_ATTENDANCE = 0.6
UTM_SHARE = 0.15
WEB_CHANNEL_MIX = (0.45, 0.25, 0.12, 0.08, 0.10)  # vocabulary.WEB_VISIT_CHANNELS
# Base touch types by tier (email opens/clicks and attendance are spawned, never drawn).
TYPE_WEIGHTS = {
    "email_send": (0.44, 0.50, 0.45),
    "web_visit": (0.22, 0.26, 0.28),
    "form_fill": (0.03, 0.04, 0.06),
    "content_download": (0.07, 0.08, 0.10),
    "webinar_registration": (0.07, 0.03, 0.02),
    "event_registration": (0.03, 0.03, 0.01),
    "social_engagement": (0.08, 0.02, 0.02),
    "chat_conversation": (0.02, 0.02, 0.04),
    "sms_click": (0.008, 0.002, 0.002),
    "podcast_listen": (0.006, 0.002, 0.002),
}
AUTHORITY_ASSETS = (
    "/pricing",
    "/roi-calculator",
    "ROI Calculator Worksheet",
    "CFO Guide to Capital Planning",
)
PROCESS_ASSETS = (
    "/security",
    "/trust-center/hecvat",
    "Security Documentation Request",
    "RFP Response Request",
    "Security & Compliance Overview (HECVAT)",
)

# --- Sales activity -----------------------------------------------------------------------------------------
BACKGROUND_TASKS = (0.2, 0.25, 0.12, 0.12, 0.12, 0.12)  # by layer
EXPLORATION_TASKS = 0.6
DECISION_TASKS = (0.8, 1.6, 1.6)  # by tier
BACKGROUND_EVENTS = 0.02
EXPLORATION_EVENTS = 0.2
DECISION_EVENTS = (0.3, 0.7, 0.6)
TASK_EXPLORATION_STAGE = (0.8, 0.2, 0.0)
TASK_DECISION_STAGE = ((0.1, 0.6, 0.3), (0.0, 0.25, 0.75), (0.0, 0.2, 0.8))


def _stalled(mix: tuple[tuple[float, float, float], ...]) -> tuple[tuple[float, float, float], ...]:
    """Outside any window late-stage work mostly waits: two thirds of the late share stays mid-stage."""
    return tuple((early, mid + late * 2 / 3, late / 3) for early, mid, late in mix)


# Rows 0-2: decision phase ending in a window (by tier); rows 3-5: a decision phase outside any window.
DECISION_STAGE_BY_TIMING = DECISION_STAGE + _stalled(DECISION_STAGE)
TASK_DECISION_STAGE_BY_TIMING = TASK_DECISION_STAGE + _stalled(TASK_DECISION_STAGE)
TASK_STATUS_MIX = (0.92, 0.04, 0.02, 0.02)
SUBJECT_AFFINITY = (4.0, 1.0, 0.3)  # subject meant for this layer, for anyone, for another layer

# --- Leads --------------------------------------------------------------------------------------------------
JOURNEY_LEAD_PROBABILITY = {"ready": 0.7, "other": 0.15}
COLD_HANDOFF_SHARE = 0.3  # of leads; the rest are nurture leads that never reach a handoff
COLD_ACCEPTED = 0.8
INBOUND_LEAD_SOURCES = (
    "Web",
    "Webinar",
    "Content Syndication",
    "Email",
    "Paid Search",
    "Organic Search",
    "Purchased List",
    "Chat",
)
COLD_CONVERSION = 0.06  # a cold handoff while the organisation is not deciding
COLD_CONVERSION_DECIDING = 0.45  # ... while a committee is engaged in a decision phase
LEAD_LAYER_MIX = (0.55, 0.30, 0.05, 0.03, 0.02, 0.05)
UNKNOWN_COMPANY_SHARE = 0.15

# --- Intent -------------------------------------------------------------------------------------------------
INTENT_COVERAGE = {"decision_unit": 0.75, "facility": 0.2}
INTENT_UNMATCHED_SHARE = 0.1
INTENT_BACKGROUND_WEEKLY = 0.08
INTENT_SURGE_WEEKLY = 0.7

# --- Noise --------------------------------------------------------------------------------------------------
DUPLICATE_SHARE = 0.005
DELETED_SHARE = 0.01
LATE_ARRIVAL_SHARE = 0.003
MERGED_CONTACT_SHARE = 0.008
JUNK_ACCOUNT_SHARE = 0.004
JUNK_LEAD_SHARE = 0.005


def mix(probabilities: tuple[float, ...] | list[float]) -> np.ndarray:
    p = np.asarray(probabilities, dtype=np.float64)
    return p / p.sum()


def scale_of_kind(kind: np.ndarray) -> np.ndarray:
    """0 'system' (IDN, regional), 1 'hospital' (any hospital), 2 'small' (ASC, group, clinic, ...)."""
    system = np.isin(kind, [KIND["IDN"], KIND["Regional System"]])
    hospital = np.isin(
        kind, [KIND["Hospital"], KIND["Academic Medical Center"], KIND["Critical Access Hospital"]]
    )
    return np.where(system, 0, np.where(hospital, 1, 2))


SCALES = ("system", "hospital", "small")
