"""Benchmark of the dashboard: how long the page takes to show every chart in a browser, first and again.

One `lens serve` on loopback (bench.semantic.Server) and Debian's Chromium driven by Playwright
(requirements-browser.lock; make test-browser installs it). Times run from the start of navigation until
every chart has drawn its SVG:
  - first: the server runs every chart's queries and builds the page (a new snapshot, nothing kept);
  - first with a filter: the same with a 6-month period and the first region the page offers, on a warm
    engine;
  - again: the page the server keeps for the snapshot and filters, median of --runs loads (the browser keeps
    Plotly's JavaScript as any browser does; it parses it and draws every chart on every load).
The same page over HTTP alone (no drawing) is timed beside it.

Run: .venv/bin/python -m decision_lens.bench.dashboard --preset large [--runs 10] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import time
import urllib.parse
from pathlib import Path

from decision_lens.bench.semantic import Server, dashboard_timings
from decision_lens.dashboard.catalog import CHARTS
from decision_lens.project import LensError, Workspace, project_root

DRAWN = f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {len(CHARTS)}"
# a message page (a refused filter, an error) draws no chart: stop at once rather than wait for one
DRAWN_OR_MESSAGE = f"({DRAWN}) || document.querySelector('h1 + p.problem') !== null"
FIRST_REGION = "document.querySelector('select[name=region] option[value]:not([value=\"\"])')?.value ?? null"
FILTER_MONTHS = 6


def filtered_path(region: str | None) -> str:
    """The filtered page: the last FILTER_MONTHS months, in the region when the data has one."""
    query = {"months": FILTER_MONTHS} | ({"region": region} if region else {})
    return "/dashboard?" + urllib.parse.urlencode(query)


def browser_timings(url: str, runs: int) -> dict[str, float]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise LensError(
            "The dashboard bench drives Chromium with Playwright: .venv/bin/uv pip install --python "
            ".venv/bin/python -r requirements-browser.lock (make test-browser does it)"
        ) from error
    chromium = shutil.which(os.environ.get("DECISION_LENS_CHROMIUM") or "chromium")
    if chromium is None:
        raise LensError("The dashboard bench needs Chromium: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, chromium_sandbox=False)
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()

        def load(path: str) -> float:
            started = time.perf_counter()
            page.goto(url + path)
            page.wait_for_function(DRAWN_OR_MESSAGE, timeout=600_000)
            elapsed = (time.perf_counter() - started) * 1000
            if not page.evaluate(DRAWN):
                raise LensError(f"{path} drew no charts: {page.inner_text('body')[:500]}")
            return elapsed

        figures = {"browser_first_ms": load("/dashboard")}
        figures["filter"] = filtered_path(page.evaluate(FIRST_REGION))
        figures["browser_first_filtered_ms"] = load(figures["filter"])
        figures["browser_again_median_ms"] = statistics.median(load("/dashboard") for _ in range(runs))
        browser.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m decision_lens.bench.dashboard", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--preset", default="demo")
    parser.add_argument("--db", type=Path, default=None, help="a built database (default: the preset's)")
    parser.add_argument("--runs", type=int, default=10, help="loads of the kept page")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    workspace = Workspace.for_preset(project_root(), args.preset)
    db_path = args.db.resolve() if args.db else workspace.db_path
    with Server(db_path) as server:
        figures = browser_timings(server.url, args.runs)
    with Server(db_path) as server:  # a new snapshot: the page is built again
        timings = dashboard_timings(server, args.runs, figures["filter"])
        figures |= {f"http_{key}": value for key, value in timings.items()}
    print(f"Filtered page: {figures['filter']}")
    print("| dashboard | browser, all charts drawn (ms) | HTTP, page only (ms) |\n|---|---|---|")
    for name, browser_key, http_key in (
        ("first (page built)", "browser_first_ms", "http_dashboard_first_ms"),
        ("first with a filter", "browser_first_filtered_ms", "http_dashboard_first_filtered_ms"),
        ("again (kept page), median", "browser_again_median_ms", "http_dashboard_again_median_ms"),
    ):
        print(f"| {name} | {figures[browser_key]:,.0f} | {figures[http_key]:,.0f} |")
    if args.json:
        args.json.write_text(json.dumps({"database": str(db_path), "runs": args.runs, **figures}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
