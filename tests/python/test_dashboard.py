"""The dashboard through its public paths: `lens serve`'s /dashboard (filters, token, cache), its glossary and
Plotly routes, and `lens report`'s standalone file, on the session's build."""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings

import pytest

from decision_lens.dashboard.catalog import CHARTS
from decision_lens.dashboard.context import AS_OF_WEEK, Context, Filters
from decision_lens.serve.app import Settings, create_app
from decision_lens.serve.pages import COOKIE, PLOTLY_PATH

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # Starlette 1.x would rather have httpx2 (test_serve.py)

TOKEN = "dashboard-token-0123456789abcdef"
NEWPLOT = re.compile(r'Plotly\.newPlot\(\s*"figure-(?P<chart>[a-z-]+)",\s*')


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store, Settings(poll=False)))


def figures(page: str) -> dict[str, list[dict]]:
    """Each chart's Plotly traces, as the page hands them to Plotly.newPlot."""
    decoder = json.JSONDecoder()
    return {match["chart"]: decoder.raw_decode(page, match.end())[0] for match in NEWPLOT.finditer(page)}


def api_rows(client: TestClient, body: dict) -> list[dict]:
    response = client.post("/v1/query", json=body)
    assert response.status_code == 200, response.text
    return response.json()["rows"]


def test_every_chart_is_drawn_with_its_metrics_and_links(client):
    response = client.get("/dashboard")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    drawn = figures(page)
    assert set(drawn) == {chart.id for chart in CHARTS}, "every chart has data on the session's build"
    assert all(any(trace.get("y") or trace.get("z") for trace in traces) for traces in drawn.values())
    assert f'<script src="{PLOTLY_PATH}">' in page and "cdn" not in page.lower()
    assert 'href="/glossary#metric-premature_handoff_rate"' in page
    assert page.count('class="takeaway"') == len(CHARTS)


def test_a_filter_changes_the_numbers_to_what_the_api_answers(client):
    region = "{{ Dimension('decision_unit__region') }} = 'Midwest'"
    weeks = api_rows(
        client, {"metrics": ["engaged_accounts"], "group_by": ["metric_time__week"], "where": [AS_OF_WEEK]}
    )
    context = Context(Filters(12), dt.date.fromisoformat(weeks[0]["metric_time__week"]))
    metrics = ["engaged_accounts", "mqas", "decision_ready_accounts"]
    body = {"metrics": metrics, "group_by": ["metric_time__month"], "order_by": ["metric_time__month"]}
    body |= {"start": str(context.start), "end": str(context.end)}
    for where, params in (([], {}), ([region], {"region": "Midwest"})):
        expected = [row for row in api_rows(client, {**body, "where": where}) if row["metric_time__month"]]
        traces = figures(client.get("/dashboard", params=params).text)["two-lenses"]
        assert [trace["x"] for trace in traces] == [[row["metric_time__month"] for row in expected]] * 3
        assert [trace["y"] for trace in traces] == [[row[m] or 0 for row in expected] for m in metrics]
    whole = figures(client.get("/dashboard").text)["two-lenses"][0]["y"]
    midwest = figures(client.get("/dashboard", params={"region": "Midwest"}).text)["two-lenses"][0]["y"]
    assert sum(midwest) < sum(whole), "the region filter narrows the units"


def test_bad_filters_are_refused_in_words_all_at_once(client):
    response = client.get("/dashboard", params={"months": "5", "region": "Atlantis"})
    assert response.status_code == 400
    assert "months=&#39;5&#39;" in response.text and "region=&#39;Atlantis&#39;" in response.text


def test_with_a_token_the_pages_want_it_by_header_or_by_the_login_cookie(store):
    app = TestClient(create_app(store, Settings(poll=False, token=TOKEN)))
    refused = app.get("/dashboard")
    assert refused.status_code == 401 and 'action="/dashboard/login"' in refused.text
    assert app.get("/glossary").status_code == 401
    assert app.get(PLOTLY_PATH).status_code == 200, "Plotly's own JavaScript holds no data"
    wrong = app.post(
        "/dashboard/login", data={"token": "guess", "next": "/dashboard"}, follow_redirects=False
    )
    assert wrong.status_code == 401 and COOKIE not in wrong.cookies
    right = app.post("/dashboard/login", data={"token": TOKEN, "next": "/glossary"}, follow_redirects=False)
    assert right.status_code == 303 and right.headers["location"] == "/glossary"
    cookie = right.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert app.get("/dashboard").status_code == 200  # the client keeps the cookie
    assert (
        TestClient(app.app).get("/dashboard", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    )
    elsewhere = app.post(
        "/dashboard/login", data={"token": TOKEN, "next": "https://evil.example"}, follow_redirects=False
    )
    assert elsewhere.headers["location"] == "/dashboard", "login never redirects off the server"


def test_the_glossary_page_is_served_from_the_snapshot(client):
    response = client.get("/glossary")
    assert response.status_code == 200 and "premature_handoff_rate" in response.text


def test_lens_report_writes_one_standalone_file(lens, small_build, tmp_path):
    out = tmp_path / "report.html"
    code, printed, err = lens("report", "--db", str(small_build.db_path), "--out", str(out), "--months", "24")
    assert code == 0, err
    assert f"Dashboard report: {out}" in printed
    page = out.read_text()
    assert set(figures(page)) == {chart.id for chart in CHARTS}
    assert "<script src=" not in page and "<link" not in page, "Plotly is inside the file"
    assert "the 24 months to the as-of week" in page and "<form" not in page
    code, _, err = lens("report", "--db", str(small_build.db_path), "--out", str(out), "--region", "Atlantis")
    assert code == 2 and "region='Atlantis'" in err


def test_the_quality_page_is_served_once_lens_check_wrote_it(small_build_copy, tmp_path):
    from decision_lens.check.offline_page import offline_page_path
    from decision_lens.semantic import MANIFEST_FILE
    from decision_lens.serve.snapshot import SnapshotStore

    copy = small_build_copy
    store = SnapshotStore(copy.db_path, copy.target_dir / MANIFEST_FILE, tmp_path / "snap")
    store.open()
    try:
        app = TestClient(create_app(store, Settings(poll=False)))
        missing = app.get("/quality")
        assert missing.status_code == 404 and "lens check" in missing.text
        assert 'href="/quality"' not in app.get("/dashboard").text
        page = offline_page_path(small_build_copy.db_path.parent / "quality")
        page.parent.mkdir()
        page.write_text("<!DOCTYPE html><title>checked</title>")
        app = TestClient(create_app(store, Settings(poll=False)))  # the link is decided when a page is built
        assert app.get("/quality").text == "<!DOCTYPE html><title>checked</title>"
        assert 'href="/quality"' in app.get("/dashboard").text
    finally:
        store.close()
