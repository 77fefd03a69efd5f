"""The dashboard in a real browser (Debian's Chromium): `lens serve`'s /dashboard and `lens report`'s file
load with no console error and no outside request, every chart draws marks, a filter changes the numbers to
what the API answers for it, and screenshots go to output/browser/."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import httpx
import pytest

from browser import console_errors, outside_requests, screenshot
from conftest import ROOT, lens_serve
from decision_lens.dashboard.catalog import CHARTS
from decision_lens.dashboard.context import AS_OF_WEEK, Context, Filters

pytestmark = pytest.mark.browser

TOKEN = "dashboard-browser-token-0123456789"
SHOTS = ROOT / "output" / "browser"
# the marks Plotly draws: bars and points (SVG paths in .point groups), heat-map cells (one image), lines
MARKS = """id => {
    const figure = document.getElementById('figure-' + id);
    return figure.querySelectorAll('.point, .heatmaplayer image, .scatterlayer .js-line').length;
}"""


@pytest.fixture(scope="module")
def served(small_build, tmp_path_factory):
    with lens_serve(small_build.db_path, tmp_path_factory.mktemp("serve"), TOKEN) as server:
        yield server


def open_dashboard(record, url: str) -> None:
    record.page.goto(url)
    record.page.wait_for_function(
        f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {len(CHARTS)}", timeout=30_000
    )


def test_the_served_dashboard_draws_every_chart_from_this_server_alone(browser_page, served):
    browser_page.authorize(TOKEN)
    open_dashboard(browser_page, f"{served.base}/dashboard")
    assert console_errors(browser_page, warnings=True) == []
    assert outside_requests(browser_page, served.base) == []
    marks = {chart.id: browser_page.page.evaluate(MARKS, chart.id) for chart in CHARTS}
    assert all(count > 0 for count in marks.values()), marks
    assert screenshot(browser_page, SHOTS / "dashboard.png").stat().st_size > 50_000


def test_a_filter_chosen_in_the_page_changes_the_numbers_to_the_api_answer(browser_page, served):
    browser_page.authorize(TOKEN)
    open_dashboard(browser_page, f"{served.base}/dashboard")
    page = browser_page.page
    before = page.evaluate("document.getElementById('figure-two-lenses').data[0].y")
    page.select_option("select[name=region]", "Midwest")
    page.select_option("select[name=months]", "24")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    page.wait_for_selector("#figure-two-lenses .main-svg")
    drawn = page.evaluate("document.getElementById('figure-two-lenses').data.map(trace => trace.y)")
    assert drawn[0] != before

    headers = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=served.base, headers=headers, timeout=60) as api:
        week = {"metrics": ["engaged_accounts"], "group_by": ["metric_time__week"], "where": [AS_OF_WEEK]}
        as_of = dt.date.fromisoformat(api.post("/v1/query", json=week).json()["rows"][0]["metric_time__week"])
        context = Context(Filters(24), as_of)
        metrics = ["engaged_accounts", "mqas", "decision_ready_accounts"]
        body = {
            "metrics": metrics,
            "group_by": ["metric_time__month"],
            "order_by": ["metric_time__month"],
            "where": ["{{ Dimension('decision_unit__region') }} = 'Midwest'"],
            "start": str(context.start),
            "end": str(context.end),
        }
        rows = [row for row in api.post("/v1/query", json=body).json()["rows"] if row["metric_time__month"]]
    assert drawn == [[row[metric] or 0 for row in rows] for metric in metrics]
    assert console_errors(browser_page, warnings=True) == []
    screenshot(browser_page, SHOTS / "dashboard_midwest_24_months.png")


def test_the_report_file_opens_alone(browser_page, lens, small_build, tmp_path):
    report = tmp_path / "report" / "dashboard.html"
    code, _, err = lens("report", "--db", str(small_build.db_path), "--out", str(report))
    assert code == 0, err
    open_dashboard(browser_page, report.as_uri())
    assert console_errors(browser_page, warnings=True) == []
    assert outside_requests(browser_page, report.as_uri()) == []
    assert all(browser_page.page.evaluate(MARKS, chart.id) > 0 for chart in CHARTS)
    screenshot(browser_page, SHOTS / "report.png")


def test_the_dashboard_bench_times_the_page_in_the_browser(small_build_copy, tmp_path):
    figures_file = tmp_path / "dashboard.json"
    command = [sys.executable, "-m", "decision_lens.bench.dashboard", "--db", str(small_build_copy.db_path)]
    command += ["--runs", "1", "--json", str(figures_file)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(figures_file.read_text())
    kinds = ("first_ms", "first_filtered_ms", "again_median_ms")
    assert all(figures[f"browser_{kind}"] > 0 and figures[f"http_dashboard_{kind}"] > 0 for kind in kinds)
    assert figures["filter"].startswith("/dashboard?months=6&region="), "a region of the data is chosen"
    assert f"Filtered page: {figures['filter']}" in done.stdout
    assert "| again (kept page), median |" in done.stdout
