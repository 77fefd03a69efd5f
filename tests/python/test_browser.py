"""The browser harness (browser.py) on pages that exist: a real `lens serve` opened in Chromium."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser import console_errors, outside_requests, screenshot
from conftest import lens_serve

pytestmark = pytest.mark.browser

TOKEN = "browser-test-token"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def served(small_build, tmp_path_factory):
    with lens_serve(small_build.db_path, tmp_path_factory.mktemp("serve"), TOKEN) as server:
        yield server


def test_the_docs_page_is_caught_loading_swagger_ui_from_a_cdn(browser_page, served):
    browser_page.page.goto(f"{served.base}/docs")

    outside = outside_requests(browser_page, served.base)
    assert "cdn.jsdelivr.net" in {urlsplit(url).hostname for url in outside}, browser_page.requests
    assert f"{served.base}/docs" not in outside
    assert any("ERR_BLOCKED_BY_CLIENT" in error for error in console_errors(browser_page))


def test_an_authenticated_page_is_clean_and_pictured(browser_page, served, tmp_path):
    browser_page.authorize(TOKEN)
    response = browser_page.page.goto(f"{served.base}/version")

    assert response.status == 200
    assert '"duckdb"' in browser_page.page.content()
    assert console_errors(browser_page, warnings=True) == []
    assert outside_requests(browser_page, served.base) == []
    picture = screenshot(browser_page, tmp_path / "version.png").read_bytes()
    assert picture.startswith(PNG_SIGNATURE)
    assert len(picture) > 5_000


def test_a_page_without_the_token_shows_the_refusal_in_the_console(browser_page, served):
    response = browser_page.page.goto(f"{served.base}/version")

    assert response.status == 401
    assert any("401" in error for error in console_errors(browser_page))


def test_the_helpers_sort_what_a_page_logs_requests_and_throws(browser_page, served):
    browser_page.page.goto(f"{served.base}/health")
    browser_page.page.evaluate(
        """async () => {
            console.warn('careful'); console.error('broken'); console.log('fine');
            await fetch(URL.createObjectURL(new Blob(['made here'])));
            await fetch('/openapi.json');
            await new Promise(done => {
                const image = new Image();
                image.onerror = done;
                image.src = 'https://example.invalid/pixel.png';
            });
        }"""
    )
    with browser_page.page.expect_event("pageerror"):
        browser_page.page.add_script_tag(content="throw new Error('unhandled')")

    assert outside_requests(browser_page, served.base) == ["https://example.invalid/pixel.png"]
    broken, blocked, unhandled = console_errors(browser_page)
    assert (broken, unhandled) == ("error: broken (inline)", "uncaught: unhandled")
    assert blocked.startswith("error: Failed to load resource")
    assert blocked.endswith("(https://example.invalid/pixel.png)")
    with_warnings = console_errors(browser_page, warnings=True)
    assert with_warnings == ["warning: careful (inline)", broken, blocked, unhandled]


def test_a_standalone_file_may_request_nothing_but_itself(browser_page, tmp_path):
    beside = tmp_path / "plotly.min.js"
    beside.write_text("window.loaded = true;\n")
    standalone = tmp_path / "report.html"
    standalone.write_text(
        "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='><script src='plotly.min.js'></script>"
    )
    browser_page.page.goto(standalone.as_uri())

    assert browser_page.page.evaluate("window.loaded")
    assert outside_requests(browser_page, standalone.as_uri()) == [beside.as_uri()]
    assert console_errors(browser_page) == []
