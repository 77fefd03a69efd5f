"""`lens check`: compute the frames read-only, run the checkpoint, print the table, write the data docs and
the offline page."""

from __future__ import annotations

import shutil
import tempfile
import time
from datetime import datetime
from pathlib import Path

from decision_lens.check.frames import mart_frames, open_read_only, raw_tables_frame, read_facts, write_frame
from decision_lens.check.offline_page import write_offline_page
from decision_lens.check.thresholds import with_overrides
from decision_lens.check.value_sets import read_value_sets
from decision_lens.project import Workspace

DOCS_FOLDER = "quality"  # beside the database: data/<preset>/quality/


def docs_dir_for(workspace: Workspace) -> Path:
    return workspace.db_path.parent / DOCS_FOLDER


def _clear_old_pages(docs_dir: Path) -> None:
    """GX adds each run's pages and indexes only the last run: drop the orphans of earlier runs."""
    if (docs_dir / "index.html").is_file():  # a data docs site this command wrote
        for folder in ("validations", "expectations"):
            shutil.rmtree(docs_dir / folder, ignore_errors=True)


def run_check(workspace: Workspace, out_dir: Path | None = None, overrides: list[str] | None = None) -> int:
    """Print the pass/fail table; 0 when every expectation passed, 1 otherwise."""
    thresholds = with_overrides(overrides or [])  # a bad --set fails before anything runs
    docs_dir = (out_dir or docs_dir_for(workspace)).resolve()
    ran_at = datetime.now().astimezone()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lens-check-") as folder:
        frames_dir = Path(folder)
        with open_read_only(workspace.db_path) as connection:
            facts = read_facts(connection, workspace.db_path)
            facts.value_sets = read_value_sets(workspace.target_dir / "manifest.json")
            raw = raw_tables_frame()
            write_frame(connection, raw, frames_dir, facts)
            facts.raw_rows = {
                str(key): int(rows) for key, rows in facts.previews[raw.name]["row_count"].items()
            }
            frames = [raw, *mart_frames(facts)]
            for frame in frames[1:]:
                write_frame(connection, frame, frames_dir, facts)
        frames_s = time.perf_counter() - started

        # Great Expectations takes seconds to import: only now, once the database is known to be there
        from decision_lens.check.checkpoint import run_checkpoint
        from decision_lens.check.report import lines, render
        from decision_lens.check.suites import build_suite

        suites = [build_suite(frame, facts, thresholds) for frame in frames]
        _clear_old_pages(docs_dir)
        verdicts = run_checkpoint(suites, frames_dir, docs_dir)

    table = lines(suites, verdicts, facts.previews)
    page = write_offline_page(docs_dir, workspace.db_path, ran_at, facts.as_of, suites, table)
    failed = [line for line in table if line.failed]
    skipped = sum(line.result == "skipped" for line in table)
    as_of = f"as of {facts.as_of}" if facts.as_of else "no as-of day: no signal yet"
    print(f"Great Expectations checkpoint on {workspace.db_path} ({as_of}):")
    print("\n".join(render(table)))
    print(
        f"{len(table) - skipped} expectations in {len(suites)} suites: {len(table) - skipped - len(failed)} "
        f"passed, {len(failed)} failed, {skipped} skipped"
    )
    for line in failed:
        print(f"  FAILED {line.suite}: {line.expectation} on {line.column}: {line.observed_clipped}")
    print(f"Data docs: {docs_dir / 'index.html'} (Great Expectations' site: needs a network to display)")
    print(f"Offline page: {page} (one self-contained file: reads offline)")
    print(f"  wall time  {time.perf_counter() - started:.1f} s (frames {frames_s:.1f} s)")
    return 1 if failed else 0
