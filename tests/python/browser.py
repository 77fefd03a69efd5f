"""The browser tests' harness (marker browser, make test-browser): Debian's Chromium driven by Playwright, a
page that records what it logs and requests, and helpers that judge and picture it. Playwright is imported
by the fixtures alone: make test runs without it (requirements-browser.lock)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page

CHROMIUM_ENV = "DECISION_LENS_CHROMIUM"
REQUIRE_ENV = "LENS_REQUIRE_CHROMIUM"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
# URLs that never leave the page: inline data, objects the page made, blank frames
LOCAL_SCHEMES = ("data", "blob", "about")


def chromium_path() -> str | None:
    """The Chromium to drive: DECISION_LENS_CHROMIUM when set, else `chromium` on PATH (Debian's package)."""
    return shutil.which(os.environ.get(CHROMIUM_ENV) or "chromium")


def missing(reason: str) -> NoReturn:
    """Skip the browser test for want of something, or fail it under LENS_REQUIRE_CHROMIUM=1."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Chromium, headless and without its sandbox (CI runs as root), launched once for the session."""
    executable = chromium_path()
    if executable is None:
        wanted = os.environ.get(CHROMIUM_ENV) or "chromium"
        missing(
            f"no Chromium ({wanted} not found): install the Debian package (apt-get install chromium) "
            f"or point {CHROMIUM_ENV} at one, then run make test-browser"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright is not installed: make test-browser installs it (requirements-browser.lock)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, chromium_sandbox=False)
        yield browser
        browser.close()


@dataclass(frozen=True)
class ConsoleLine:
    """A console error or warning: its type, its text and the URL of what logged it ('' for inline code)."""

    kind: str
    text: str
    url: str


@dataclass
class PageRecord:
    """A page and what it did: its console errors and warnings, its uncaught errors, every request's URL."""

    page: Page
    console: list[ConsoleLine] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def authorize(self, token: str) -> None:
        """Send lens serve's token with every request from now on (outside ones are never sent)."""
        self.page.context.set_extra_http_headers({"Authorization": f"Bearer {token}"})

    def keep(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.console.append(ConsoleLine(message.type, message.text, message.location["url"]))


def leaves_loopback(url: str) -> bool:
    """Whether a request would go to another machine."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOOPBACK_HOSTS


@pytest.fixture
def browser_page(chromium) -> Iterator[PageRecord]:
    """A page of its own (a fresh context: no cookies, no headers) recording what it does. Requests to other
    machines are recorded, then aborted: a test judges them the same online and offline, and never waits on
    them."""
    context = chromium.new_context()
    context.route(leaves_loopback, lambda route: route.abort("blockedbyclient"))
    record = PageRecord(context.new_page())
    record.page.on("console", record.keep)
    record.page.on("pageerror", lambda error: record.page_errors.append(str(error)))
    record.page.on("request", lambda request: record.requests.append(request.url))
    yield record
    context.close()


def origin(url: str) -> str:
    """A URL's scheme, host and port; a file's whole URL (a file shares its origin with no other)."""
    parts = urlsplit(url)
    return url if parts.scheme == "file" else f"{parts.scheme}://{parts.netloc}"


def outside_requests(record: PageRecord, allowed_origin: str) -> list[str]:
    """The URLs the page requested from elsewhere than allowed_origin, a URL: a server's (its scheme, host and
    port), or a standalone file's (then anything but the file itself is outside)."""
    allowed = origin(allowed_origin)
    return [
        url for url in record.requests if urlsplit(url).scheme not in LOCAL_SCHEMES and origin(url) != allowed
    ]


def console_errors(record: PageRecord, warnings: bool = False) -> list[str]:
    """The console's errors (with warnings: its warnings too), then the page's uncaught errors."""
    kinds = ("error", "warning") if warnings else ("error",)
    logged = [
        f"{line.kind}: {line.text} ({line.url or 'inline'})" for line in record.console if line.kind in kinds
    ]
    return logged + [f"uncaught: {error}" for error in record.page_errors]


def screenshot(record: PageRecord, path: Path) -> Path:
    """A PNG of the whole page (not only the window), animations finished, at path (its folder made)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    record.page.screenshot(path=path, full_page=True, animations="disabled")
    return path
