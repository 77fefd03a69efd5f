"""The frames the suites validate: DuckDB queries over the built database, written as Parquet files.

Each suite validates one frame. Two kinds keep memory flat whatever the preset:

- row frames (`rows=True`): one row per mart row, only the columns the suite checks, for marts that grow
  with accounts and deals (decision units, opportunities, handoffs, attribution by model). DuckDB copies them
  straight to Parquet; no row passes through Python here.
- aggregate frames: marts that grow with signals, people or weeks (signals, contacts, decision-unit weeks) and
  the raw tables are summarised in DuckDB first: a one-row profile (counts, duplicate keys, ratios to the raw
  rows, shares, days since the latest signal) and a `_values` frame of the distinct combinations of their
  categorical columns with counts and extremes. Value-set checks on the distinct combinations find exactly the
  values they would find on every row. These frames are tiny, so they are also kept in memory to show the
  observed values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from decision_lens.project import LensError
from decision_lens.raw_contract import TABLES, RawTable

# The marts and seeds the frames read: checked up front, so a partial build is one clear message.
REQUIRED_RELATIONS = (
    "main_marts.signals",
    "main_marts.contacts",
    "main_marts.decision_unit_weeks",
    "main_marts.decision_units",
    "main_marts.opportunities",
    "main_marts.handoffs",
    "main_marts.attribution_by_model",
    "main_marts.time_spine_days",
    "main_reference.decision_layers",
    "main_reference.opportunity_stage_map",
)
# The raw tables a build needs rows in: the required ones of the raw contract; the others may be empty (a
# team without opportunities, intent or contract data, or with no activity yet).
RAW_TABLES_WITH_ROWS = tuple(table.key for table in TABLES if table.required)
# signals.source_system values with a freshness bound (thresholds max_days_stale_<source>), and the one
# that only has to be no later than the as-of day.
FRESH_SOURCES = (
    "marketing_automation",
    "crm_activity",
    "intent_provider",
    "crm_campaign",
    "crm_opportunity",
)
UNBOUNDED_SOURCES = ("contract_system",)
# signals that are interactions of a raw activity, task or event row
INTERACTION_SOURCES = ("marketing_automation", "crm_activity")
# The raw tables each source system's signals come from: when all are empty, it has nothing to be late with.
SOURCE_RAW_TABLES = {
    "marketing_automation": ("marketing.activity",),
    "crm_activity": ("crm.task", "crm.event"),
    "intent_provider": ("intent.topic_score",),
    "crm_campaign": ("crm.campaign_member",),
    "crm_opportunity": ("crm.opportunity_history",),
    "contract_system": ("contracts.contract",),
}
NEVER = "1970-01-01"  # a source without any signal counts as last seen on this day: it fails any bound


@dataclass(frozen=True)
class Frame:
    name: str  # the suite's name too
    what: str  # what one row is
    sql: str
    rows: bool = False  # a row frame (copied by DuckDB) rather than an aggregate (fetched, kept in memory)
    label: str | None = None  # column naming each row: the pandas index, so GX names a failing row by it


@dataclass
class Facts:
    """What the suites need to know besides the frames: the as-of day, raw row counts, vocabularies."""

    as_of: dt.date | None  # None: no signal yet and no var as_of_date
    raw_rows: dict[str, int] = field(default_factory=dict)  # "crm.contact" -> rows
    frame_rows: dict[str, int] = field(default_factory=dict)
    previews: dict[str, pd.DataFrame] = field(default_factory=dict)  # aggregate frames, in memory
    layer_tiers: list[tuple[str, str]] = field(default_factory=list)  # seeds/decision_layers.csv
    phases: list[str] = field(default_factory=list)  # seeds/opportunity_stage_map.csv
    value_sets: dict[tuple[str, str], list] = field(default_factory=dict)  # value_sets.py


def _raw_relation(table: RawTable) -> str:
    return f'raw_{table.source}."{table.name}"'


def _raw_table_sql(table: RawTable) -> str:
    columns = table.column_names
    key_columns = table.key_columns
    key = key_columns[0] if len(key_columns) == 1 else f"({', '.join(key_columns)})"
    missing_key = " or ".join(f"{column} is null" for column in key_columns)
    # CSV raw files are read as text: try_cast reads 'true'/'false' and booleans alike
    deleted = "avg(try_cast(is_deleted as boolean)::double)" if "is_deleted" in columns else "null::double"
    required_rows = "count(*)" if table.key in RAW_TABLES_WITH_ROWS else "null::bigint"
    return (
        f"select '{table.key}' as raw_table, count(*) as row_count, "
        f"{required_rows} as required_table_row_count, "
        f"count(*) filter (where {missing_key}) as rows_without_key, "
        f"(count(*) filter (where not ({missing_key})) "
        f"- count(distinct {key}) filter (where not ({missing_key})))::double "
        f"/ greatest(count(*), 1) as duplicate_key_share, "
        f"{deleted} as deleted_share "
        f"from {_raw_relation(table)}"
    )


def raw_tables_frame() -> Frame:
    return Frame(
        name="raw_tables",
        what="one row per raw table (the raw views over the files the database was built from)",
        sql="\nunion all\n".join(_raw_table_sql(table) for table in TABLES),
        label="raw_table",
    )


def _share(condition: str) -> str:
    return f"avg(case when {condition} then 1.0 else 0.0 end)"


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


def raw_rows_of(facts: Facts, sources: tuple[str, ...]) -> int:
    """Raw rows of the tables these source systems' signals come from."""
    return sum(facts.raw_rows[key] for source in sources for key in SOURCE_RAW_TABLES[source])


def mart_frames(facts: Facts) -> list[Frame]:
    as_of = f"date '{facts.as_of.isoformat()}'" if facts.as_of else "cast(null as date)"
    raw_interactions = raw_rows_of(facts, INTERACTION_SOURCES)
    latest = ",\n".join(
        f"max(signal_date) filter (where source_system = '{source}') as latest_{source}"
        for source in (*FRESH_SOURCES, *UNBOUNDED_SOURCES)
    )
    stale = ",\n".join(
        f"date_diff('day', coalesce(latest_{source}, date '{NEVER}'), {as_of}) as days_stale_{source}"
        for source in (*FRESH_SOURCES, *UNBOUNDED_SOURCES)
    )
    return [
        Frame(
            name="signals",
            what="one row: the signals mart profiled (counts, keys, ratio to raw rows, shares, freshness)",
            sql=f"""
                with profile as (
                    select
                        count(*) as signal_rows,
                        count(*) - count(signal_id) as signals_without_id,
                        count(signal_id) - count(distinct signal_id) as duplicate_signal_ids,
                        count(*) filter (where source_system in ({_quoted(INTERACTION_SOURCES)}))
                            as interaction_signals,
                        {_share("signal_class = 'unclassified'")} as unclassified_signal_share,
                        {latest}
                    from main_marts.signals
                )
                select
                    signal_rows,
                    signals_without_id,
                    duplicate_signal_ids,
                    {raw_interactions} as raw_interaction_rows,
                    interaction_signals / nullif({raw_interactions}, 0) as interaction_signals_per_raw_row,
                    unclassified_signal_share,
                    {stale}
                from profile
            """,
        ),
        Frame(
            name="signals_values",
            what="one row per distinct combination of the signals mart's categorical columns",
            sql="""
                select
                    source_system, signal_class, signal_stage, decision_layer, authority_tier,
                    count(*) as signal_rows,
                    min(weight) as min_weight,
                    min(half_life_days) as min_half_life_days
                from main_marts.signals
                group by all
            """,
        ),
        Frame(
            name="contacts",
            what="one row: the contacts mart profiled (counts, keys, ratio to the raw rows, shares)",
            sql=f"""
                select
                    count(*) as contact_rows,
                    count(*) - count(contact_id) as contacts_without_id,
                    count(contact_id) - count(distinct contact_id) as duplicate_contact_ids,
                    count(*) / nullif({facts.raw_rows["crm.contact"]}, 0) as contacts_per_raw_contact,
                    {_share("authority_tier = 'authority'")} as authority_share,
                    {_share("is_title_unmatched")} as unclassified_share
                from main_marts.contacts
            """,
        ),
        Frame(
            name="contacts_values",
            what="one row per distinct decision layer and authority tier of the contacts mart",
            sql="""
                select
                    decision_layer, authority_tier,
                    count(*) as contact_rows,
                    min(signal_count) as min_signal_count,
                    min(decayed_score)::double as min_decayed_score
                from main_marts.contacts
                group by all
            """,
        ),
        Frame(
            name="decision_unit_weeks",
            what="one row: the decision_unit_weeks mart profiled (keys, as-of weeks, shares, freshness)",
            sql=f"""
                select
                    count(*) as week_rows,
                    count(*) - count(distinct (decision_unit_id, week_start_date)) as duplicate_unit_weeks,
                    count(*) filter (where is_as_of_week)
                        / nullif(count(distinct decision_unit_id), 0) as as_of_weeks_per_unit,
                    count(distinct decision_unit_id) filter (
                        where decision_unit_id not in (select decision_unit_id from main_marts.decision_units)
                    ) as units_missing_from_decision_units,
                    {_share("readiness_state = 'decision_ready'")} as decision_ready_share,
                    date_diff('day', max(week_start_date), {as_of}) as days_from_latest_week_to_as_of
                from main_marts.decision_unit_weeks
            """,
        ),
        Frame(
            name="decision_unit_weeks_values",
            what="one row per readiness state and rank of the decision_unit_weeks mart",
            sql="""
                select
                    readiness_state, readiness_rank,
                    count(*) as week_rows,
                    min(committee_completeness)::double as min_committee_completeness,
                    max(committee_completeness)::double as max_committee_completeness
                from main_marts.decision_unit_weeks
                group by all
            """,
        ),
        Frame(
            name="decision_units",
            what="one row per decision unit (the checked columns)",
            rows=True,
            sql="""
                select
                    decision_unit_id, unit_type, current_readiness_state,
                    current_committee_completeness::double as current_committee_completeness,
                    member_facility_count, total_bed_count, fiscal_year_start_month
                from main_marts.decision_units
            """,
        ),
        Frame(
            name="opportunities",
            what="one row per opportunity (the checked columns)",
            rows=True,
            sql="""
                select
                    opportunity_id, phase, readiness_state_at_creation, is_closed, is_won,
                    amount::double as amount,
                    committee_completeness_at_creation::double as committee_completeness_at_creation,
                    committee_completeness_at_close::double as committee_completeness_at_close,
                    sales_cycle_days
                from main_marts.opportunities
            """,
        ),
        Frame(
            name="handoffs",
            what="one row per handoff (the checked columns)",
            rows=True,
            sql="""
                select
                    handoff_id, handoff_type, handoff_quality, readiness_state_at_handoff,
                    days_to_opportunity,
                    case when decision_unit_id is null then 1 else 0 end as is_without_decision_unit
                from main_marts.handoffs
            """,
        ),
        Frame(
            name="attribution_by_model",
            what="one row per attribution model, dimension and value, with its model's share total",
            rows=True,
            sql="""
                select
                    attribution_summary_id, attribution_model, dimension, pipeline_share, revenue_share,
                    sum(pipeline_share) over (partition by attribution_model, dimension)
                        as pipeline_share_total
                from main_marts.attribution_by_model
            """,
        ),
    ]


def open_read_only(db_path: Path) -> duckdb.DuckDBPyConnection:
    if not db_path.is_file():
        raise LensError(
            f"Database {db_path} does not exist: build it first "
            "(`lens run --preset <preset>` or `lens build`)."
        )
    try:
        connection = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as error:
        raise LensError(f"Cannot open {db_path} read-only (is a build writing it?): {error}") from error
    connection.execute("set enable_progress_bar = false")
    return connection


def read_facts(connection: duckdb.DuckDBPyConnection, db_path: Path) -> Facts:
    present = {
        f"{schema}.{name}"
        for schema, name in connection.execute(
            "select table_schema, table_name from information_schema.tables"
        ).fetchall()
    }
    missing = [relation for relation in REQUIRED_RELATIONS if relation not in present]
    if missing:
        raise LensError(
            f"{db_path} is not a complete build (missing {', '.join(missing)}): run `lens build` first."
        )
    (as_of,) = connection.execute("select max(date_day) from main_marts.time_spine_days").fetchone()
    return Facts(
        as_of=as_of,
        layer_tiers=[
            tuple(pair)
            for pair in connection.execute(
                "select decision_layer, authority_tier from main_reference.decision_layers order by 1"
            ).fetchall()
        ],
        phases=[
            phase
            for (phase,) in connection.execute(
                "select distinct phase from main_reference.opportunity_stage_map order by 1"
            ).fetchall()
        ],
    )


def write_frame(connection: duckdb.DuckDBPyConnection, frame: Frame, folder: Path, facts: Facts) -> Path:
    """Run the frame's query and write it to <folder>/<name>.parquet; record its row count (and preview)."""
    path = folder / f"{frame.name}.parquet"
    try:
        if frame.rows:
            literal = str(path).replace("'", "''")
            connection.execute(f"copy ({frame.sql}) to '{literal}' (format parquet)")
            (facts.frame_rows[frame.name],) = connection.execute(
                "select count(*) from read_parquet(?)", [str(path)]
            ).fetchone()
        else:
            data = connection.execute(frame.sql).df()
            if frame.label:
                data = data.set_index(frame.label)
            data.to_parquet(path)
            facts.previews[frame.name] = data
            facts.frame_rows[frame.name] = len(data)
    except duckdb.Error as error:
        hint = " (the raw views read the files the database was built from)" if frame.label else ""
        raise LensError(f"Cannot compute the {frame.name} frame{hint}: {error}") from error
    return path
