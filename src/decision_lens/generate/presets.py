"""Size presets. Shapes (mixes, rates, probabilities) live in `behaviour`; a preset only sets the scale."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    name: str
    decision_units: int  # top-level accounts: IDNs plus standalone hospitals, ASCs, groups, clinics
    contacts_per_account: float  # multiplier on the per-facility-type contact means
    activity_rate: float  # multiplier on marketing touch rates
    lead_ratio: float  # leads per contact
    users: int  # CRM users (reps, SDRs, marketers)
    block_size: int = 65_536  # people per streamed block; fixed, so results never depend on memory


PRESETS: dict[str, Preset] = {
    "ci": Preset(
        "ci", decision_units=100, contacts_per_account=0.35, activity_rate=0.85, lead_ratio=0.35, users=12
    ),
    "demo": Preset(
        "demo", decision_units=1_300, contacts_per_account=1.0, activity_rate=1.2, lead_ratio=0.3, users=60
    ),
    # small, medium and large: about 1M, 3M and 9.3M marketing activities, for the scaling curve (lens bench)
    "small": Preset(
        "small",
        decision_units=7_500,
        contacts_per_account=1.0,
        activity_rate=1.25,
        lead_ratio=0.3,
        users=60,
    ),
    "medium": Preset(
        "medium",
        decision_units=22_500,
        contacts_per_account=1.0,
        activity_rate=1.25,
        lead_ratio=0.3,
        users=150,
    ),
    "large": Preset(
        "large",
        decision_units=70_000,
        contacts_per_account=1.0,
        activity_rate=1.25,
        lead_ratio=0.3,
        users=400,
    ),
}


def get_preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}") from None
