"""`lens check`'s offline page, quality/lens_check.html: every suite and expectation in one self-contained
HTML file (inline CSS, no script, no link to another host). Great Expectations' data docs load their styles,
scripts and tables from CDNs, so without a network their index page is empty; this page reads anywhere.

Rendered from templates/lens_check.html.j2 with autoescape on. Importing this module does not import Great
Expectations: a dashboard finds the page with offline_page_path alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined

if TYPE_CHECKING:
    from decision_lens.check.report import Line
    from decision_lens.check.suites import Suite

PAGE_FILE = "lens_check.html"
TEMPLATE = "lens_check.html.j2"
RESULT_ORDER = {"FAIL": 0, "error": 0, "pass": 1, "skipped": 2}  # failures first, what was not judged last


def offline_page_path(quality_dir: Path) -> Path:
    """Where `lens check` writes its offline page in its quality folder (quality/ beside the database)."""
    return quality_dir / PAGE_FILE


@dataclass(frozen=True)
class Tally:
    passed: int
    failed: int  # errors included
    skipped: int

    @classmethod
    def of(cls, lines: Iterable[Line]) -> Tally:
        results = [line.result for line in lines]
        failed = sum(result in ("FAIL", "error") for result in results)
        return cls(results.count("pass"), failed, results.count("skipped"))

    @property
    def judged(self) -> int:
        return self.passed + self.failed


@dataclass(frozen=True)
class SuiteSection:
    name: str
    what: str  # what one row of the suite's frame is
    lines: list[Line]  # failures first
    tally: Tally


def _sections(suites: list[Suite], lines: list[Line]) -> list[SuiteSection]:
    """One per suite, failing suites first (each keeps its place among its kind)."""
    sections = []
    for suite in suites:
        own = [line for line in lines if line.suite == suite.name]
        own.sort(key=lambda line: RESULT_ORDER[line.result])
        sections.append(SuiteSection(suite.name, suite.frame.what, own, Tally.of(own)))
    return sorted(sections, key=lambda section: section.tally.failed == 0)


def write_offline_page(
    quality_dir: Path,
    database: Path,
    ran_at: datetime,
    as_of: date | None,
    suites: list[Suite],
    lines: list[Line],
) -> Path:
    environment = Environment(
        loader=PackageLoader("decision_lens.check"),  # its templates/ folder
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    page = environment.get_template(TEMPLATE).render(
        ran_at=ran_at.isoformat(sep=" ", timespec="seconds"),
        database=database,
        as_of=as_of,
        tally=Tally.of(lines),
        sections=_sections(suites, lines),
    )
    path = offline_page_path(quality_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path
