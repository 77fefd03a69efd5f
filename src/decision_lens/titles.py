"""`lens titles`: each distinct title of a built database, how many people carry it, its layer and the
role_taxonomy row that decided it, so an analyst can edit the seeds and see the effect.

With --refresh, the title seeds and int_titles_classified are rebuilt first (a few seconds); the people
models and the marts keep the layers of the last `lens build` until the next one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from decision_lens.project import LensError, Workspace, duckdb_settings, run_dbt

# what --refresh rebuilds: the seeds that decide a title's layer, and the model that applies them
REFRESH_SELECTION = (
    "title_abbreviations",
    "role_taxonomy",
    "role_taxonomy_exclusions",
    "int_titles_classified",
)
COLUMNS = ["people", "contacts", "leads", "title", "department", "read as"]
DECISION_COLUMNS = ["layer", "row", "pattern", "row description"]  # empty for a title no row matched

TITLES_SQL = """
with people as (
    select title, department, 1 as contacts, 0 as leads
    from main_intermediate.int_contacts_classified
    union all
    select title, null, 0, 1
    from main_intermediate.int_leads_classified
),

counts as (
    select title, department, sum(contacts) as contacts, sum(leads) as leads
    from people
    group by title, department
)

select
    coalesce(counts.contacts, 0) + coalesce(counts.leads, 0) as people,
    coalesce(counts.contacts, 0) as contacts,
    coalesce(counts.leads, 0) as leads,
    titles.title,
    titles.department,
    titles.decision_layer,
    titles.matched_priority,
    titles.matched_pattern,
    role_taxonomy.description,
    titles.title_match_text,
    titles.is_unmatched
from main_intermediate.int_titles_classified as titles
left join counts
    on titles.title is not distinct from counts.title
    and titles.department is not distinct from counts.department
left join main_reference.role_taxonomy as role_taxonomy
    on titles.matched_priority = role_taxonomy.priority
where titles.is_unmatched or not $unmatched_only
order by people desc, titles.title nulls last, titles.department nulls last
"""


@dataclass(frozen=True)
class TitleRow:
    people: int
    contacts: int
    leads: int
    title: str | None
    department: str | None
    decision_layer: str
    matched_priority: int | None
    matched_pattern: str | None
    row_description: str | None
    title_match_text: str | None
    is_unmatched: bool

    def cells(self, with_decision: bool) -> tuple:
        cells = (self.people, self.contacts, self.leads, self.title, self.department, self.title_match_text)
        if not with_decision:
            return cells
        return (
            *cells,
            self.decision_layer,
            self.matched_priority,
            self.matched_pattern,
            self.row_description,
        )


def read_titles(db_path: Path, unmatched_only: bool = False, limit: int | None = None) -> list[TitleRow]:
    """Distinct (title, department) pairs, most people first; only those no row matched if unmatched_only."""
    if not db_path.exists():
        raise LensError(f"No database at {db_path}: run `lens build` (or `lens run`) first.")
    if limit is not None and limit < 1:
        raise LensError(f"--limit must be at least 1, not {limit}.")
    sql = TITLES_SQL + (f"limit {int(limit)}" if limit is not None else "")
    try:
        with duckdb.connect(str(db_path), read_only=True, config=duckdb_settings()) as connection:
            rows = connection.execute(sql, {"unmatched_only": unmatched_only}).fetchall()
    except duckdb.CatalogException as error:
        raise LensError(
            f"{db_path} holds no classified titles ({str(error).splitlines()[0]}): run `lens build` first."
        ) from None
    except duckdb.BinderException as error:
        raise LensError(
            f"{db_path} was built by an older version ({str(error).splitlines()[0]}): run `lens build`."
        ) from None
    except duckdb.Error as error:  # e.g. a build is writing the file
        raise LensError(f"Cannot read {db_path}: {str(error).splitlines()[0]}") from None
    return [TitleRow(*row) for row in rows]


def refresh(root: Path, workspace: Workspace) -> None:
    """Rebuild the title seeds and int_titles_classified (without unit tests, which pin the seeds as they
    were: they run in `make test`). A failing seed test (a repeated priority) stops with dbt's message."""
    args = ["build", "--select", *REFRESH_SELECTION, "--exclude-resource-type", "unit_test"]
    if run_dbt(root, workspace, args, silent=True) != 0:
        raise LensError("Rebuilding the title seeds and int_titles_classified failed (dbt's output above).")


def render_titles(rows: list[TitleRow], unmatched_only: bool) -> str:
    from decision_lens.reports import format_table

    what = "Titles no role_taxonomy row matched" if unmatched_only else "Titles"
    if not rows:
        return f"{what}: none."
    lines = [f"{what} (with their department), most people first ({len(rows)} shown):"]
    columns = COLUMNS if unmatched_only else COLUMNS + DECISION_COLUMNS
    lines.extend(format_table(columns, [row.cells(not unmatched_only) for row in rows]))
    return "\n".join(lines)


def cmd_titles(
    root: Path, workspace: Workspace, unmatched_only: bool, limit: int | None, refresh_first: bool
) -> int:
    if refresh_first:
        refresh(root, workspace)
    print(render_titles(read_titles(workspace.db_path, unmatched_only, limit), unmatched_only))
    return 0
