"""A Salesforce org as Fivetran lands it (fixtures/raw_fivetran, its README tells the story) builds green with
`lens build --raw-dir`, says what it read as empty or null, and the marts read it right: deleted rows gone,
custom fields mapped, timestamps at their UTC instant, task types from subtypes and subjects, one label per
channel, regions for DC, Puerto Rico and Ontario, windows for quiet units, titles as a person reads them."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import ROOT, printed_build, skipped_checks

RAW = ROOT / "tests" / "python" / "fixtures" / "raw_fivetran"
VARS = "{account_custom_fields: {bed_count_c: licensed_beds_c}}"
HARBOR_POINT, SAN_LUCAS, CEDAR_RIDGE = "001A00000000001AAA", "001A00000000004AAA", "001A00000000005AAA"


def contact(number: int) -> str:
    return f"003A{number:011d}AAA"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return printed_build(RAW, tmp_path_factory, "--vars", VARS)


def test_the_org_builds_green_and_says_what_it_read_as_empty_or_null(built):
    assert built.code == 0, built.out
    out = built.out
    assert "12 of 15 tables delivered" in out
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("    ") and line.split()}
    assert "no file: read as empty" in lines["crm.opportunity_contact_role"]
    assert "no file: read as empty" in lines["intent.topic_score"]
    assert "empty (0 rows)" in lines["crm.opportunity"]
    assert "crm.lead_history" not in lines
    assert "read as null: gpo_c, is_independent_decider_c" in lines["crm.account"]
    assert "bed_count_c <- licensed_beds_c" in lines["crm.account"]
    assert "0 failed" in out


def test_deleted_rows_are_gone_whichever_flag_says_so(built):
    deleted = dict(built.rows("select source_table, deleted_rows from main_quality.raw_reconciliation"))
    assert deleted["crm.account"] == 2  # is_deleted and _fivetran_deleted
    assert deleted["crm.contact"] == 2
    assert deleted["crm.task"] == 1
    assert deleted["crm.campaign_member"] == 1
    contacts = {row[0] for row in built.rows("select contact_id from main_marts.contacts")}
    assert contact(19) not in contacts and contact(20) not in contacts
    assert len(contacts) == 21


def test_custom_fields_are_read_under_the_orgs_names_and_types(built):
    units = {
        row[0]: row[1:]
        for row in built.rows(
            "select decision_unit_id, total_bed_count, fiscal_year_start_month "
            "from main_marts.decision_units",
        )
    }
    assert units[HARBOR_POINT] == (390, 7)  # its hospitals' licensed beds, 310 + 80
    assert units[SAN_LUCAS] == (245, 1)  # fiscal year picklist 'January'
    assert units[CEDAR_RIDGE][0] is None  # 'n/a' beds
    nulled = built.rows("select record_key, reason from main_quality.raw_quarantine order by 1")
    assert nulled == [
        ("001A00000000003AAA", "fiscal_month_out_of_range"),
        ("001A00000000005AAA", "unparsable_bed_count_c"),
    ]


def test_timestamps_land_at_their_utc_instant(built):
    (created,) = built.rows(
        f"select created_at from main_staging.stg_crm__contacts where contact_id = '{contact(1)}'"
    )
    assert created == (dt.datetime(2025, 3, 4, 7, 30),)  # 2025-03-03T23:30:00.000-0800
    (sunday_evening,) = built.rows(
        "select signal_at, signal_date from main_marts.signals where source_record_id = 'MA-F-0026'"
    )
    assert sunday_evening == (dt.datetime(2026, 3, 2, 7, 30), dt.date(2026, 3, 2))  # a Monday in UTC


def test_nulls_in_people_do_not_lose_them(built):
    people = dict(built.rows("select contact_id, decision_layer from main_marts.contacts"))
    assert people[contact(17)] == "user"  # no last name: a hospitalist
    assert people[contact(18)] == "unclassified"  # no title
    assert people[contact(22)] == "approver"  # no email: an executive director


def test_no_opportunities_leaves_the_deal_marts_empty_and_the_reports_say_so(built):
    for mart in ("opportunities", "attribution_credit", "attribution_by_model", "pipeline_days"):
        assert built.rows(f"select count(*) from main_marts.{mart}") == [(0,)], mart
    assert (
        "(analyses/attribution_model_comparison.sql): No opportunities yet: nothing to attribute."
        in built.out
    )
    handoffs = built.out.split("Handoffs judged at their own moment (semantic-layer metrics):\n")[
        1
    ].splitlines()
    assert handoffs[0].split() == [
        "handoff_quality",
        "handoffs",
        "share_of_handoffs",
        "opportunity_rate",
        "win_rate",
    ]
    assert handoffs[2].split() == ["ready", "3", "1.000"], "no outcome observed yet: rates blank"


def test_leads_hand_off_without_opportunities(built):
    assert built.rows(
        "select handoff_id, handoff_type, handoff_quality, opportunity_id from main_marts.handoffs order by 1"
    ) == [
        ("contact-003A00000000002AAA", "handoff_task", "ready", None),  # the CNO, in the budget window
        ("lead-00QA00000000001AAA", "status_change", "ready", None),  # to MQL after her ROI download
        ("lead-00QA00000000002AAA", "conversion", "ready", None),  # converted without an opportunity
    ]


def test_lens_check_and_the_semantic_layer_answer_without_opportunities(built, lens, tmp_path):
    db = str(built.workspace.db_path)
    code, out, err = lens("check", "--db", db, "--out", str(tmp_path / "docs"))
    assert code == 0, out + err
    assert "(as of 2026-03-13)" in out and ", 0 failed, " in out
    reasons = skipped_checks(out)
    assert reasons["days_stale_intent_provider"] == "no raw rows in intent.topic_score"
    assert reasons["days_stale_crm_opportunity"] == "no raw rows in crm.opportunity_history"
    assert "days_stale_marketing_automation" not in reasons, "a feed with rows is still judged"
    code, out, _ = lens("query", "--db", db, "--saved-query", "sales_pipeline")
    assert code == 0 and out.startswith("No rows. Columns: metric_time__month, pipeline_created")
    code, out, _ = lens(
        "query", "--db", db, "--metrics", "handoffs,premature_handoff_rate", "--format", "csv"
    )
    assert code == 0 and out.splitlines()[1].split(",")[0] == "3"


def test_the_only_warning_is_the_task_nothing_classifies(built):
    # "Lunch": no type, subtype or known subject
    assert built.problems() == [("test.decision_lens.assert_signal_types_are_classified", "warn")]
    line = next(line for line in built.out.splitlines() if "Source freshness (" in line)
    assert ", 4 empty (no rows, not judged)" in line  # the absent and empty tables, not stale
    empty = "crm.opportunity, crm.opportunity_contact_role, crm.opportunity_history, intent.topic_score"
    assert f"    empty: {empty}" in built.out


def test_tasks_without_a_type_are_read_from_their_subtype_then_their_subject(built):
    tasks = {
        row[0]: row[1:]
        for row in built.rows(
            "select source_record_id, signal_type, signal_class, signal_stage, channel "
            "from main_marts.signals where source_system = 'crm_activity'"
        )
    }
    assert tasks["00TA00000000002AAA"] == ("Call", "engagement", "mid", "Sales Call")  # subtype Call
    assert tasks["00TA00000000008AAA"] == ("Email", "engagement", "mid", "Sales Email")  # subtype ListEmail
    assert tasks["00TA00000000004AAA"][1:3] == ("intent", "late")  # subject: capital budget
    assert tasks["00TA00000000005AAA"][1:3] == ("engagement", "mid")  # subject: "Quick call ..."
    assert tasks["00TA00000000006AAA"][1:3] == ("unclassified", "unclassified")  # "Lunch"


def test_one_label_per_channel_whatever_its_spelling(built):
    channels = dict(
        built.rows(
            "select channel, count(*) from main_marts.signals where source_system = 'marketing_automation' "
            "group by channel"
        )
    )
    assert channels["Webinar"] == 6  # webinar, Webinar, 'WEBINAR '
    assert channels["Paid Search"] == 3  # paid search, Paid Search, ppc
    assert channels["Trade Show"] == 2  # Trade Show, trade show
    responses = built.rows(
        "select distinct channel from main_marts.signals where source_system = 'crm_campaign'"
    )
    assert sorted(responses) == [("Trade Show",), ("Webinar",)]  # campaign types, the same labels


def test_regions_and_windows_of_every_unit_quiet_or_not(built):
    units = {
        row[0]: row[1:]
        for row in built.rows(
            "select decision_unit_id, region, is_currently_in_window, current_readiness_state "
            "from main_marts.decision_units"
        )
    }
    assert units[HARBOR_POINT][:2] == ("South", True)  # DC; July fiscal year: budget window in March
    assert units[SAN_LUCAS] == ("Territories", True, "unaware")  # no signal; its contract ends in the window
    assert units[CEDAR_RIDGE] == ("unknown", True, "unaware")  # Ontario; no fiscal month: July, in window


def test_leads_at_the_systems_domain_belong_to_the_system(built):
    leads = dict(built.rows("select lead_id, decision_unit_id from main_intermediate.int_leads_classified"))
    assert leads["00QA00000000001AAA"] == HARBOR_POINT  # harborpointhealth.org, shared with its hospital
    assert leads["00QA00000000003AAA"] is None  # a personal mailbox


def test_titles_are_read_as_a_person_reads_them(built):
    layers = dict(built.rows("select title, decision_layer from main_marts.contacts where title is not null"))
    assert layers == {
        "Chief Financial Officer": "financial_owner",
        "CNO": "approver",
        "VP, Finance": "financial_owner",
        "Nurse Mgr, ICU": "influencer",
        "R.N.": "user",
        "Dir. of Radiology": "influencer",
        "Sr. Buyer": "gatekeeper",
        "PharmD": "user",
        "CRNA": "user",
        "Contract RN": "user",  # contract: the kind of employment, not contracting
        "Chair, Value Analysis Committee": "approver",
        "Physician Recruiter": "unclassified",  # a known non-buying role
        "Genetic Counselor": "user",  # not counsel
        "Travel Nurse (Contract)": "user",
        "Mgr, IT Security": "gatekeeper",
        "Ana Rivera, RN, MSN": "user",  # a name and credentials: the credential decides
        "Hospitalist": "user",
        "CEO": "approver",
        "Exec. Dir., Perioperative Services": "approver",
        "Sr. Systems Analyst": "influencer",  # the converted lead
    }
    leads = dict(built.rows("select title, decision_layer from main_intermediate.int_leads_classified"))
    assert leads == {
        "Nursing Home Administrator": "approver",
        "Sr. Systems Analyst": "influencer",
        "Marketing Director": "unclassified",
    }
    # only the contact without a title is left for the analyst: the summary lists it
    assert "Most frequent titles no role_taxonomy row matched" in built.out
    assert built.rows("select count(*) from main_marts.contacts where is_title_unmatched") == [(1,)]
