"""The in-memory model every table writer reads: entities as small integer arrays, plus id pools.

Building it is cheap even for the large preset (about a second): only marketing activity, sales activity,
campaign members and contacts are turned into rows block by block afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from decision_lens.generate import columns as col
from decision_lens.generate.accounts import Accounts, build_accounts
from decision_lens.generate.campaigns import Campaigns, build_campaigns
from decision_lens.generate.contacts import Contacts, build_contacts
from decision_lens.generate.contracts import Contracts, build_contracts
from decision_lens.generate.journeys import (
    Journeys,
    Participants,
    build_journeys,
    build_participants,
    settle_outcomes,
)
from decision_lens.generate.leads import Leads, build_leads
from decision_lens.generate.presets import Preset, get_preset
from decision_lens.generate.timeline import Clock
from decision_lens.generate.touches import ASSETS
from decision_lens.generate.users import Users, build_users

OPPORTUNITY_JUNK_SHARE = 0.005  # deleted duplicate opportunities appended after the real ones


@dataclass
class World:
    seed: int
    preset: Preset
    clock: Clock
    users: Users
    accounts: Accounts
    contacts: Contacts
    contracts: Contracts  # incumbents and our existing contracts; won deals add theirs when written
    journeys: Journeys
    participants: Participants
    leads: Leads
    campaigns: Campaigns
    user_ids: pa.Array
    account_ids: pa.Array
    opp_ids: pa.Array  # real opportunities first (by creation), then the deleted duplicates
    campaign_ids: pa.Array
    lead_ids: pa.Array  # by lead index; ids follow creation order
    assets: pa.Array  # the activity asset_name pool: touch assets, email names, campaign names

    @property
    def opportunity_junk(self) -> int:
        return len(self.opp_ids) - int(self.journeys.has_opp.sum())


def junk_count(n: int) -> int:
    return max(1, round(n * OPPORTUNITY_JUNK_SHARE)) if n else 0


def lead_numbers(leads: Leads) -> np.ndarray:
    """Lead ids follow creation order."""
    number = np.empty(leads.n, dtype=np.int64)
    number[np.argsort(leads.created, kind="stable")] = np.arange(1, leads.n + 1)
    return number


def build_world(preset_name: str, seed: int, clock: Clock) -> World:
    preset = get_preset(preset_name)
    users = build_users(seed, preset.users)
    accounts = build_accounts(seed, preset.decision_units, clock, users.account_executives)
    contacts = build_contacts(seed, accounts, preset.contacts_per_account, clock)
    contracts = build_contracts(seed, accounts, clock)
    journeys = build_journeys(seed, accounts, contracts, clock)
    participants = build_participants(seed, journeys, contacts)
    settle_outcomes(seed, journeys, participants)
    leads = build_leads(
        seed, journeys, participants, contacts, accounts, users.sdrs, preset.lead_ratio, clock
    )
    campaigns = build_campaigns(seed, clock)
    n_opps = int(journeys.has_opp.sum())
    return World(
        seed=seed,
        preset=preset,
        clock=clock,
        users=users,
        accounts=accounts,
        contacts=contacts,
        contracts=contracts,
        journeys=journeys,
        participants=participants,
        leads=leads,
        campaigns=campaigns,
        user_ids=users.table["id"],
        account_ids=col.ids("001", np.arange(1, accounts.n + 1)),
        opp_ids=col.ids("006", np.arange(1, n_opps + junk_count(n_opps) + 1)),
        campaign_ids=col.ids("701", np.arange(1, campaigns.n + 1)),
        lead_ids=col.ids("00Q", lead_numbers(leads)),
        assets=pa.concat_arrays([col.pool(ASSETS), campaigns.email_assets(), campaigns.name]),
    )
