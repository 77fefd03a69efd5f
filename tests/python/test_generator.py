"""The synthetic data generator: contract, determinism, coherence, behaviour and noise (ci preset)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from decision_lens.generate import GenerationReport, generate
from decision_lens.generate import vocabulary as v
from decision_lens.raw_contract import TABLES

# Override to check that the behavioural properties are not an accident of one seed.
SEED = int(os.environ.get("DECISION_LENS_TEST_SEED", "7"))
AS_OF = dt.date(2026, 10, 31)  # the generator's default
NEXT_DAY = AS_OF + dt.timedelta(days=1)


def _path(root: Path, source: str, name: str, fmt: str = "parquet") -> Path:
    return root / source / f"{name}.{fmt}"


def _hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[Path, GenerationReport]:
    out = tmp_path_factory.mktemp("ci")
    return out, generate("ci", SEED, out)


@pytest.fixture(scope="module")
def raw(run) -> Path:
    return run[0]


@pytest.fixture(scope="module")
def db(raw):
    con = duckdb.connect()
    for t in TABLES:
        con.execute(f"create view {t.name} as select * from read_parquet('{_path(raw, t.source, t.name)}')")
    con.execute("create table title_layer (title varchar, layer varchar)")
    con.executemany(
        "insert into title_layer values (?, ?)",
        [(title.lower(), layer) for layer, titles in v.TITLES_BY_LAYER.items() for title in titles],
    )
    # Layer by title (case-insensitive), and the tier the domain splits every metric by.
    con.execute("""
        create view contact_layer as
        select c.id, c.account_id, coalesce(tl.layer, 'unclassified') as layer,
            case when tl.layer in ('approver', 'financial_owner') then 'authority'
                 when tl.layer = 'gatekeeper' then 'process' else 'usage' end as tier
        from contact as c left join title_layer as tl on lower(c.title) = tl.title
        where not c.is_deleted
    """)
    # Decision unit: climb the hierarchy until the top or an account that decides on its own.
    con.execute("""
        create view decision_unit as
        with recursive up (id, ancestor, stop, depth) as (
            select id, id, is_independent_decider_c, 0 from account
            union all
            select up.id, a.parent_id, up.stop, up.depth + 1
            from up join account as a on a.id = up.ancestor
            where a.parent_id is not null and not up.stop and up.depth < 5
        )
        select up.id as account_id, arg_max(up.ancestor, up.depth) as du from up group by up.id
    """)
    con.execute("""
        create view du_fiscal as
        select d.account_id, d.du, coalesce(a.fiscal_year_start_month_c, 7) as fiscal_month
        from decision_unit as d join account as a on a.id = d.du
    """)
    # An account's bare domain: websites come as https://www.x.org, http://x.org, www.x.org, x.org/ ...
    con.execute("""
        create view site as
        select id as account_id,
            regexp_replace(regexp_replace(lower(website), '^(https?://)?(www\\.)?', ''), '/$', '') as domain
        from account where website is not null
    """)
    con.execute("""
        create view signal as
        select contact_id, occurred_at as ts from activity where contact_id is not null
        union all select who_id, created_date from task
        union all select who_id, start_date_time from event
    """)
    yield con
    con.close()


def _one(con, sql: str):
    return con.execute(sql).fetchone()


def _in_budget_window(day: str, fiscal_month: str) -> str:
    """SQL: the day falls 9 to 3 months before the next fiscal-year start."""
    ahead = f"((({fiscal_month} - month({day})) % 12 + 12) % 12)"
    return f"(case when {ahead} = 0 then 12 else {ahead} end between 4 and 9)"


def _in_renewal_window(du: str, day: str) -> str:
    """SQL: an incumbent contract of the decision unit ends within 270 days after the day."""
    return f"""exists (
        select 1 from contract as rc join du_fiscal as rf on rf.account_id = rc.account_id
        where rf.du = {du} and not rc.is_ours and rc.end_date between {day}::date and {day}::date + 270)"""


# --- contract, files, determinism ---------------------------------------------------------------------------


def test_report_and_manifest_match_the_files(run):
    raw, report = run
    assert set(report.rows) == {t.key for t in TABLES}
    assert report.total_rows == sum(report.rows.values())
    assert report.seconds > 0 and report.rows_per_second > 0 and report.peak_memory_mib > 0
    for t in TABLES:
        assert pq.read_metadata(_path(raw, t.source, t.name)).num_rows == report.rows[t.key], t.key
    manifest = json.loads((raw / "_generation.json").read_text())
    assert manifest["rows"] == report.rows
    assert (manifest["preset"], manifest["seed"], manifest["as_of"]) == ("ci", SEED, AS_OF.isoformat())
    assert manifest["generator_version"]


def test_ci_preset_is_small_and_fast(run):
    _, report = run
    assert 2_000 <= report.rows["marketing.activity"] <= 7_000
    assert report.total_rows < 30_000
    assert report.seconds < 5


def test_every_table_has_exactly_the_contract_schema(raw):
    for t in TABLES:
        schema = pq.read_schema(_path(raw, t.source, t.name)).remove_metadata()
        assert schema.equals(t.schema), f"{t.key}: {schema} != {t.schema}"


def test_same_seed_gives_identical_bytes_and_another_seed_differs(raw, tmp_path):
    generate("ci", SEED, tmp_path / "again", as_of=AS_OF)
    assert _hashes(tmp_path / "again") == _hashes(raw)
    generate("ci", SEED + 1, tmp_path / "other")
    other = _hashes(tmp_path / "other")
    differing = [k for k, h in _hashes(raw).items() if other[k] != h]
    assert "marketing/activity.parquet" in differing and len(differing) >= 12


def test_csv_mode_writes_the_same_rows(run, tmp_path):
    _, report = run
    csv_report = generate("ci", SEED, tmp_path, file_format="csv")
    assert csv_report.rows == report.rows
    for t in TABLES:
        path = _path(tmp_path, t.source, t.name, "csv")
        header = path.read_text().splitlines()[0]
        assert header.replace('"', "").split(",") == t.column_names, t.key
        text = pacsv.read_csv(
            path,
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.string() for c in t.column_names}, strings_can_be_null=True
            ),
        )
        assert text.num_rows == report.rows[t.key], t.key
        for name, type_ in t.columns:
            values = set(text.column(name).drop_null().to_pylist())
            if type_ == pa.bool_():
                assert values <= {"true", "false"}, (t.key, name)
            if type_ == pa.date32() and values:
                assert all(len(x) == 10 and x[4] == "-" for x in values), (t.key, name)


# --- coherence ----------------------------------------------------------------------------------------------

ID_PREFIXES = {
    "account": "001",
    "contact": "003",
    "lead": "00Q",
    "opportunity": "006",
    "opportunity_contact_role": "00K",
    "opportunity_history": "008",
    "lead_history": "017",
    "campaign": "701",
    "campaign_member": "00v",
    "task": "00T",
    "event": "00U",
    "user": "005",
    "contract": "CTR",
}

FOREIGN_KEYS = [
    ("account", "parent_id", "account"),
    ("account", "owner_id", "user"),
    ("contact", "account_id", "account"),
    ("contact", "owner_id", "user"),
    ("lead", "converted_account_id", "account"),
    ("lead", "converted_contact_id", "contact"),
    ("lead", "converted_opportunity_id", "opportunity"),
    ("lead", "owner_id", "user"),
    ("lead_history", "lead_id", "lead"),
    ("opportunity", "account_id", "account"),
    ("opportunity", "campaign_id", "campaign"),
    ("opportunity", "owner_id", "user"),
    ("opportunity_contact_role", "opportunity_id", "opportunity"),
    ("opportunity_contact_role", "contact_id", "contact"),
    ("opportunity_history", "opportunity_id", "opportunity"),
    ("campaign", "parent_id", "campaign"),
    ("campaign_member", "campaign_id", "campaign"),
    ("campaign_member", "contact_id", "contact"),
    ("campaign_member", "lead_id", "lead"),
    ("task", "what_id", "opportunity"),
    ("task", "account_id", "account"),
    ("task", "owner_id", "user"),
    ("event", "what_id", "opportunity"),
    ("event", "account_id", "account"),
    ("event", "owner_id", "user"),
    ("activity", "contact_id", "contact"),
    ("activity", "lead_id", "lead"),
    ("activity", "campaign_id", "campaign"),
    ("contract", "account_id", "account"),
]


def test_ids_are_salesforce_style(db):
    for table, prefix in ID_PREFIXES.items():
        bad = _one(
            db, f"select count(*) from {table} where not regexp_full_match(id, '{prefix}[0-9]{{15}}')"
        )[0]
        assert bad == 0, table
    assert _one(db, "select count(*) from activity where not regexp_full_match(id, 'MA[0-9]{16}')")[0] == 0


def test_foreign_keys_point_at_existing_rows(db):
    for child, column, parent in FOREIGN_KEYS:
        orphans = _one(
            db,
            f"""select count(*) from {child}
            where {column} is not null and {column} not in (select id from {parent})""",
        )[0]
        assert orphans == 0, f"{child}.{column} -> {parent}"
    for table in ("task", "event"):
        who = _one(
            db,
            f"""select count(*) from {table} where who_id is null
            or (who_id not in (select id from contact) and who_id not in (select id from lead))""",
        )[0]
        assert who == 0, table
    one_person = _one(db, "select count(*) from activity where (contact_id is null) = (lead_id is null)")[0]
    assert one_person == 0
    # Deleted junk accounts carry nothing.
    assert (
        _one(
            db,
            """select count(*) from contact where account_id in
        (select id from account where is_deleted)""",
        )[0]
        == 0
    )


def test_converted_leads_become_their_contact_and_opportunity(db):
    mismatched, early, total = _one(
        db,
        """
        select count(*) filter (where l.email is distinct from c.email or l.last_name <> c.last_name),
            count(*) filter (where c.created_date::date > l.converted_date),
            count(*)
        from lead as l join contact as c on c.id = l.converted_contact_id
        where l.is_converted and not c.is_deleted""",
    )
    assert total > 0 and mismatched == 0 and early == 0
    from_leads = _one(
        db,
        """select count(*) from lead as l join opportunity as o on o.id = l.converted_opportunity_id
        where o.created_date::date <> l.converted_date""",
    )[0]
    assert from_leads == 0


def test_stage_history_tells_each_opportunity_story(db):
    rows = db.execute("""
        with h as (select distinct * from opportunity_history),
        ordered as (
            select opportunity_id, count(*) as changes, min(created_date) as first_at,
                arg_max(stage_name, created_date) as last_stage
            from h group by 1)
        select o.is_closed, o.stage_name, o.created_date, ordered.*
        from opportunity as o left join ordered on ordered.opportunity_id = o.id
        where not o.is_deleted""").fetchall()
    assert rows
    for is_closed, stage, created, _, changes, first_at, last_stage in rows:
        assert changes >= 1 and first_at == created and last_stage == stage
        assert is_closed == (stage in ("Closed Won", "Closed Lost"))


def test_primary_keys_are_unique_where_no_duplicates_are_injected(db):
    for table in (
        "account",
        "lead",
        "opportunity",
        "user",
        "campaign",
        "contract",
        "opportunity_contact_role",
    ):
        n, distinct = _one(db, f"select count(*), count(distinct id) from {table}")
        assert n == distinct, table


def test_nothing_happens_after_as_of(db):
    timestamps = [(t.name, c) for t in TABLES for c, type_ in t.columns if type_ == pa.timestamp("us")]
    for table, column in timestamps:
        latest = _one(db, f"select max({column}) from {table}")[0]
        assert latest is None or latest < dt.datetime.combine(NEXT_DAY, dt.time()), (table, column)
    # Dates that record something that happened; planned dates (open deals, contract ends) may be later.
    happened = [
        ("lead", "converted_date"),
        ("campaign_member", "first_responded_date"),
        ("task", "activity_date"),
        ("topic_score", "week_start_date"),
        ("contract", "start_date"),
    ]
    for table, column in happened:
        assert _one(db, f"select max({column}) from {table}")[0] <= AS_OF, (table, column)
    assert _one(db, "select max(close_date) from opportunity where is_closed")[0] <= AS_OF
    assert _one(db, "select max(start_date) from campaign where status <> 'Planned'")[0] <= AS_OF
    first = _one(db, "select min(occurred_at) from activity")[0]
    assert first >= dt.datetime.combine(AS_OF - dt.timedelta(days=731), dt.time())


def test_values_come_from_the_controlled_vocabularies(db):
    def values(table: str, column: str) -> set:
        return {r[0] for r in db.execute(f"select distinct {column} from {table}").fetchall()} - {None}

    activity_types = values("activity", "activity_type")
    assert set(v.ACTIVITY_TYPES) <= activity_types <= set(v.ALL_ACTIVITY_TYPES)
    assert activity_types & set(v.UNKNOWN_ACTIVITY_TYPES)
    assert values("opportunity", "stage_name") <= set(v.OPPORTUNITY_STAGES)
    assert values("opportunity_history", "stage_name") <= set(v.OPPORTUNITY_STAGES)
    assert values("lead", "status") == set(v.LEAD_STATUSES)
    status_changes = values("lead_history where field = 'Status'", "new_value")
    assert status_changes == set(v.LEAD_STATUSES) - {"Open - Not Contacted"}
    assert values("opportunity_contact_role", "role") <= set(v.CONTACT_ROLES)
    assert values("task", "type") <= set(v.TASK_TYPES) and values("task", "task_subtype") == set(
        v.TASK_SUBTYPES
    )
    assert values("event", "type") <= set(v.EVENT_TYPES) and values("event", "event_subtype") == {"Event"}
    assert values("topic_score", "topic") <= set(v.INTENT_TOPICS)
    assert values("account", "facility_type_c") <= set(v.FACILITY_TYPES)
    assert values("account", "gpo_c") <= set(v.GPOS)
    assert values("contract", "product_category") <= set(v.PRODUCT_CATEGORIES)
    low, high = _one(db, "select min(composite_score), max(composite_score) from topic_score")
    assert low >= 0 and high <= 100
    assert _one(db, "select count(*) from topic_score where isodow(week_start_date) <> 1")[0] == 0
    months = dict(
        db.execute("""select fiscal_year_start_month_c, count(*) from account where not is_deleted
        group by 1""").fetchall()
    )
    assert {m for m in months if m is not None} <= set(range(1, 13)) and None in months
    assert max(months, key=months.get) == 7


def test_contacts_span_every_layer_with_some_unknown_titles(db):
    layers = dict(db.execute("select layer, count(*) from contact_layer group by 1").fetchall())
    assert set(layers) == set(v.LAYERS)
    share = layers["unclassified"] / sum(layers.values())
    assert 0.02 <= share <= 0.12


def test_accounts_form_healthcare_hierarchies(db):
    idn_members = _one(
        db,
        """select count(*) from account as m join account as p on m.parent_id = p.id
        where p.facility_type_c = 'IDN'""",
    )[0]
    assert idn_members > 0
    assert _one(db, "select count(*) from account where is_independent_decider_c")[0] > 0
    three_levels = _one(
        db,
        """select count(*) from account as c join account as p on c.parent_id = p.id
        where p.parent_id is not null""",
    )[0]
    assert three_levels > 0
    standalone = db.execute("""select distinct facility_type_c from account
        where parent_id is null and not is_deleted""").fetchall()
    assert {"IDN", "Hospital", "ASC", "Physician Group"} <= {r[0] for r in standalone}


def test_intent_domains_match_some_account_websites_and_not_others(db):
    matched, unmatched = _one(
        db,
        """
        select count(distinct t.domain) filter (where s.domain is not null),
               count(distinct t.domain) filter (where s.domain is null)
        from topic_score as t left join (select distinct domain from site) as s on s.domain = t.domain""",
    )
    assert matched > 0 and unmatched > 0
    assert _one(db, "select count(*) from topic_score where domain like '%/%' or domain like 'www.%'")[0] == 0


def test_some_incumbent_contracts_open_a_renewal_window_at_as_of(db):
    inside = _one(
        db,
        f"""select count(*) from contract where not is_ours
        and end_date between date '{AS_OF}' and date '{AS_OF}' + 270""",
    )[0]
    assert inside > 0
    assert _one(db, "select count(*) from contract where is_ours")[0] > 0


# --- behaviour (DOMAIN.md section 11) -----------------------------------------------------------------------


def test_authority_contacts_engage_rarely_and_late_in_the_decision(db):
    per_contact = dict(
        db.execute("""select tier, count(a.id) / count(distinct cl.id)
        from contact_layer as cl left join activity as a on a.contact_id = cl.id group by 1""").fetchall()
    )
    assert per_contact["authority"] < per_contact["usage"] / 2
    # Days from each activity to the next decision (closed opportunity) of its decision unit.
    days = dict(
        db.execute("""
        with decision as (
            select f.du, o.close_date from opportunity as o join du_fiscal as f on f.account_id = o.account_id
            where o.is_closed and not o.is_deleted),
        touch as (
            select a.id, a.occurred_at::date as day, cl.tier, f.du from activity as a
            join contact_layer as cl on cl.id = a.contact_id
            join du_fiscal as f on f.account_id = cl.account_id),
        ahead as (
            select t.id, t.tier, min(d.close_date - t.day) as days_to_decision from touch as t
            join decision as d on d.du = t.du and d.close_date between t.day and t.day + 365 group by 1, 2)
        select tier, avg(days_to_decision) from ahead group by 1""").fetchall()
    )
    assert days["authority"] < days["usage"]


def test_late_stage_subjects_cluster_in_budget_and_renewal_windows(db):
    late = ", ".join("'" + s.replace("'", "''") + "'" for s in v.LATE_STAGE_SUBJECTS)
    budget_in, budget_out, any_in, any_out = _one(
        db,
        f"""
        with t as (
            select t.subject in ({late}) as is_late,
                {_in_budget_window("t.activity_date", "f.fiscal_month")} as budget,
                {_in_renewal_window("f.du", "t.activity_date")} as renewal
            from task as t join du_fiscal as f on f.account_id = t.account_id)
        select avg(is_late::int) filter (where budget), avg(is_late::int) filter (where not budget),
            avg(is_late::int) filter (where budget or renewal),
            avg(is_late::int) filter (where not (budget or renewal))
        from t""",
    )
    assert budget_in > budget_out
    assert any_in > 1.5 * any_out


def test_deals_with_the_committee_engaged_win_more_often(db):
    covered, uncovered = _one(
        db,
        """
        with closed as (select * from opportunity where is_closed and not is_deleted),
        coverage as (
            select o.id, count(s.ts) > 0 as covered
            from closed as o
            join opportunity_contact_role as r on r.opportunity_id = o.id
            join contact_layer as cl
                on cl.id = r.contact_id and cl.layer in ('approver', 'financial_owner', 'gatekeeper')
            left join signal as s on s.contact_id = cl.id
                and s.ts between o.created_date - interval 180 day and o.close_date + interval 1 day
            group by o.id)
        select avg(is_won::int) filter (where coalesce(c.covered, false)),
               avg(is_won::int) filter (where not coalesce(c.covered, false))
        from closed as o left join coverage as c using (id)""",
    )
    assert covered > uncovered + 0.05


def test_premature_handoffs_convert_worse_than_ready_ones(db):
    ready, premature = _one(
        db,
        f"""
        with handoff as (
            select distinct h.lead_id, h.created_date as ts, l.is_converted, f.du, f.fiscal_month
            from lead_history as h join lead as l on l.id = h.lead_id
            join site on site.domain = split_part(l.email, '@', 2)
            join du_fiscal as f on f.account_id = site.account_id
            where h.field = 'Status' and h.new_value = 'Sales Accepted'),
        authority as (
            select f.du, s.ts from signal as s join contact_layer as cl on cl.id = s.contact_id
            join du_fiscal as f on f.account_id = cl.account_id where cl.tier = 'authority'),
        judged as (
            select h.*, exists (select 1 from authority as a where a.du = h.du
                    and a.ts between h.ts - interval 90 day and h.ts)
                and ({_in_budget_window("h.ts", "h.fiscal_month")} or {_in_renewal_window("h.du", "h.ts")})
                as ready
            from handoff as h)
        select avg(is_converted::int) filter (where ready), avg(is_converted::int) filter (where not ready)
        from judged""",
    )
    assert ready > premature + 0.05


# --- noise --------------------------------------------------------------------------------------------------


def test_noise_duplicates_deleted_rows_and_late_arrivals(db, raw):
    for table in (
        "activity",
        "task",
        "event",
        "campaign_member",
        "contact",
        "lead_history",
        "opportunity_history",
        "topic_score",
    ):
        n, distinct = _one(
            db, f"select count(*), (select count(*) from (select distinct * from {table})) from {table}"
        )
        assert n > distinct, f"{table} has no exact duplicate rows"
        assert n - distinct <= 0.02 * n + 3, table  # a small share (batches of 20+ rows get one)
    for table in ("account", "contact", "lead", "opportunity", "task", "event"):
        assert _one(db, f"select count(*) from {table} where is_deleted")[0] > 0, table
    # Late arrivals: the file ends with rows that happened well before the rows written ahead of them.
    activity = pq.read_table(_path(raw, "marketing", "activity"), columns=["id", "occurred_at"])
    occurred = activity.column("occurred_at").to_pylist()
    ids = activity.column("id").to_pylist()
    assert occurred[-1] < max(occurred[:-1]) - dt.timedelta(days=14)
    assert ids[-1] < max(ids[:-1])
