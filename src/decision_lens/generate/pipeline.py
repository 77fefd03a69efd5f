"""generate(): build the in-memory model, then write every raw table (the big ones block by block)."""

from __future__ import annotations

import datetime as dt
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from decision_lens.generate import columns as col
from decision_lens.generate import noise
from decision_lens.generate.accounts import account_table
from decision_lens.generate.activity import activity_columns
from decision_lens.generate.blocks import contact_block, lead_block
from decision_lens.generate.campaigns import campaign_table
from decision_lens.generate.contacts import contact_rows
from decision_lens.generate.contracts import account_types, contract_table
from decision_lens.generate.intent import intent_table
from decision_lens.generate.lead_tables import lead_history_table, lead_table
from decision_lens.generate.manifest import write_manifest
from decision_lens.generate.members import member_columns
from decision_lens.generate.opportunities import build_opportunities
from decision_lens.generate.sales import event_columns, task_columns
from decision_lens.generate.streams import stream
from decision_lens.generate.timeline import DAY, DEFAULT_AS_OF, Clock
from decision_lens.generate.world import World, build_world
from decision_lens.generate.writer import Sink

GENERATOR_VERSION = "1.0.0"
LATE_ARRIVAL_MIN_AGE_DAYS = 30  # late-arriving activity happened at least this long before as_of


@dataclass(frozen=True)
class GenerationReport:
    preset: str
    seed: int
    as_of: dt.date
    out_dir: Path
    file_format: str
    rows: dict[str, int] = field(default_factory=dict)  # per table key, e.g. "crm.account"
    total_rows: int = 0
    seconds: float = 0.0
    rows_per_second: float = 0.0
    peak_memory_mib: float = 0.0  # peak resident set size of the process so far (getrusage)


def _write_model_tables(world: World, sink: Sink) -> None:
    """Tables built from the model in one piece (thousands to a few million rows)."""
    opportunity, history, roles, contracts = build_opportunities(world)
    rng = stream(world.seed, "noise.model")
    types = account_types(world.accounts, contracts, world.clock)
    sink.write("crm.user", world.users.table)
    sink.write("crm.account", account_table(world.accounts, types, world.user_ids))
    sink.write("crm.opportunity", opportunity)
    sink.write("crm.opportunity_history", noise.with_duplicates(rng, history))
    sink.write("crm.opportunity_contact_role", roles)
    sink.write("crm.campaign", campaign_table(world.campaigns, world.seed))
    sink.write("crm.lead", lead_table(world))
    sink.write("crm.lead_history", noise.with_duplicates(rng, lead_history_table(world)))
    sink.write("contracts.contract", contract_table(contracts, world.account_ids))
    sink.write("intent.topic_score", noise.with_duplicates(rng, intent_table(world)))


class _Counters:
    """Next id number of each streamed table: ids run on across blocks."""

    def __init__(self) -> None:
        self.activity = self.member = self.task = self.event = 1


def _write_block(world: World, sink: Sink, counters: _Counters, block: int, leads: bool, late: list) -> None:
    rows, tasks, events, lo, hi = (lead_block if leads else contact_block)(world, block)
    rng = stream(world.seed, "noise.leads" if leads else "noise.contacts", block)
    if leads:
        people, accounts = world.lead_ids.slice(lo, hi - lo), None
    else:
        people = col.ids("003", np.arange(lo + 1, hi + 1))
        accounts = col.take(world.account_ids, world.contacts.account[lo:hi])
        sink.write("crm.contact", noise.with_duplicates(rng, contact_rows(world, lo, hi, rng)))

    activity = activity_columns(rows, counters.activity, people, leads, world.campaign_ids, world.assets)
    counters.activity += len(rows.t)
    cutoff = world.clock.horizon - LATE_ARRIVAL_MIN_AGE_DAYS * DAY
    on_time, held = noise.split_late(rng, activity, rows.t, cutoff)
    late.append(held)
    sink.write("marketing.activity", noise.with_duplicates(rng, on_time))

    members = member_columns(rng, rows, people, leads, world.campaigns, world.campaign_ids, counters.member)
    counters.member += noise.length(members)
    sink.write("crm.campaign_member", noise.with_duplicates(rng, members))

    ids = (people, accounts, world.opp_ids, world.user_ids)
    sink.write("crm.task", noise.with_duplicates(rng, task_columns(rng, tasks, counters.task, *ids)))
    counters.task += len(tasks.t)
    event = event_columns(rng, events, counters.event, *ids, world.clock.horizon)
    sink.write("crm.event", noise.with_duplicates(rng, event))
    counters.event += len(events.t)


def generate(
    preset: str, seed: int, out_dir: Path, file_format: str = "parquet", as_of: dt.date | None = None
) -> GenerationReport:
    """Write every raw table of the contract under out_dir; the same arguments give the same bytes."""
    started = time.perf_counter()
    clock = Clock(as_of or DEFAULT_AS_OF)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    world = build_world(preset, seed, clock)
    size = world.preset.block_size
    with Sink(out_dir, file_format) as sink:
        _write_model_tables(world, sink)
        counters, late = _Counters(), []
        for block in range(-(-world.contacts.n // size)):
            _write_block(world, sink, counters, block, leads=False, late=late)
        for block in range(-(-world.leads.n // size)):
            _write_block(world, sink, counters, block, leads=True, late=late)
        for held in late:  # late-arriving rows land at the end of the file
            sink.write("marketing.activity", held)
        rows = sink.rows()
    total = sum(rows.values())
    manifest = {
        "generator": "decision_lens.generate",
        "generator_version": GENERATOR_VERSION,
        "preset": preset,
        "seed": seed,
        "as_of": clock.as_of.isoformat(),
        "file_format": file_format,
        "rows": rows,
        "total_rows": total,
    }
    write_manifest(out_dir, manifest)
    seconds = time.perf_counter() - started
    return GenerationReport(
        preset=preset,
        seed=seed,
        as_of=clock.as_of,
        out_dir=out_dir,
        file_format=file_format,
        rows=rows,
        total_rows=total,
        seconds=round(seconds, 3),
        rows_per_second=round(total / seconds, 1),
        peak_memory_mib=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    )
