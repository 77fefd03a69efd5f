"""bench.md: the figures of one `lens bench` run as Markdown tables."""

from __future__ import annotations

from decision_lens.bench.incremental import INCREMENTAL_COMMAND
from decision_lens.bench.measure import BenchResult


def render_by_type(step: dict) -> str:
    names = {"model": "models", "test": "data tests", "unit_test": "unit tests"}
    by_type = step.get("node_seconds_by_type", {})
    return ", ".join(f"{names[kind]} {by_type[kind]:.1f} s" for kind in names if kind in by_type)


def render_slowest(title: str, nodes: list[dict]) -> list[str]:
    return ["", title, "", "| node | s |", "|---|---|"] + [
        f"| `{node['node']}` | {node['seconds']:.1f} |" for node in nodes
    ]


def render_daily_run(day: dict, build: dict) -> str:
    """A row of the steps table: one daily run, its share of the full build."""
    tests_share = day["node_seconds_by_type"].get("test", 0.0) / build["seconds"]
    return (
        f"| daily run: {day['name']}, {INCREMENTAL_COMMAND} | {day['seconds']:.1f} | "
        f"{day['peak_mib']:,.0f} | "
        f"{day['rows_delivered']:,} rows; {day['seconds'] / build['seconds']:.0%} of the full build "
        f"({render_by_type(day)}; the data tests alone take {tests_share:.0%} of it) |"
    )


def target_figures(build: dict, direct: dict, daily: dict) -> list[tuple[str, float, float]]:
    """(what, figure, at most) of the daily-run targets: day 1's wall time and its models' node time as
    shares of the full build's, and the full build's wall time, its unit tests aside (the direct run has
    none), over the same SQL run directly."""
    figures = [
        ("daily run, tests included / full build (wall time)", daily["seconds"] / build["seconds"], 0.20),
        (
            "daily run's models / full build's models (node time)",
            daily["node_seconds_by_type"].get("model", 0.0) / build["node_seconds_by_type"]["model"],
            0.10,
        ),
    ]
    if direct.get("seconds"):
        unit_tests = build["node_seconds_by_type"].get("unit_test", 0.0)
        figures.append(
            (
                "full build, unit tests aside / the same SQL directly",
                (build["seconds"] - unit_tests) / direct["seconds"],
                1.2,
            )
        )
    return figures


def render_targets(build: dict, direct: dict, daily: dict) -> list[str]:
    lines = ["", "Daily-run targets:", "", "| ratio | figure | target | met |", "|---|---|---|---|"]
    for what, figure, limit in target_figures(build, direct, daily):
        lines.append(
            f"| {what} | {figure:.2f} | at most {limit:.2f} | {'yes' if figure <= limit else 'no'} |"
        )
    equal = "yes" if daily["equal_to_full_refresh"] else "no"
    lines.append(
        "| equal to a full refresh after edits, deletions, late rows and a day with nothing new | | | "
        f"{equal} |"
    )
    return lines


def render(result: BenchResult) -> str:
    g, b, d, i = result.generator, result.build, result.direct, result.incremental
    ratio = b["seconds"] / d["seconds"] if d.get("seconds") else None
    lines = [
        f"Decision Lens benchmark, {result.dataset}, {result.date}, {result.machine}",
        f"command: {result.command}",
        "",
        "| step | wall s | peak memory MiB | figure |",
        "|---|---|---|---|",
    ]
    if g:
        lines.append(
            f"| generate | {g['seconds']:.1f} | {g['peak_mib']:,.0f} | "
            f"{g['rows'] or 0:,} rows, {g['rows_per_second'] or 0:,.0f} rows/s |"
        )
    lines.append(
        f"| dbt build --full-refresh | {b['seconds']:.1f} | {b['peak_mib']:,.0f} | "
        f"{b['raw_rows']:,} raw rows ({b['activity_rows']:,} activities); {b['nodes']} nodes, "
        f"{b['node_seconds']:.1f} s of node time ({render_by_type(b)}) |"
    )
    if "title_reading_seconds" in b:
        lines.append(
            f"| reading titles (`int_titles_classified`) | {b['title_reading_seconds']:.1f} | | "
            f"{b['title_reading_seconds'] / b['seconds']:.1%} of the full build |"
        )
    if d:
        lines.append(
            f"| the same SQL in DuckDB directly | {d['seconds']:.1f} | {d['peak_mib']:,.0f} | "
            f"dbt overhead ratio {ratio:.2f} |"
        )
    if i.get("day"):
        for day in [i, *i.get("later_days", [])]:
            lines.append(render_daily_run(day, b))
        equal = "yes" if i["equal_to_full_refresh"] else "NO"
        lines.append(
            f"| full refresh of seeds and models on the same raw data | {i['full_refresh_seconds']:.1f} | | "
            f"the daily runs after days 2 and 3 equal to it: {equal} |"
        )
        lines += [
            f"| differs: `{t['table']}` | | | {t['rows_incremental']:,} vs {t['rows_full_refresh']:,} rows, "
            f"{t['only_incremental']:,} / {t['only_full_refresh']:,} only on one side |"
            for t in i["differences"]
        ]
    elif i:
        lines.append(f"| daily runs | | | skipped: {i['skipped']} |")
    if i.get("day"):
        lines += render_targets(b, d, i)
    lines += render_slowest("Slowest nodes of the full build:", b["slowest"])
    if i.get("slowest"):
        lines += render_slowest("Slowest nodes of the daily run (day 1):", i["slowest"])
    if result.semantic:
        from decision_lens.bench.semantic import Timing
        from decision_lens.bench.semantic import render as render_semantic

        timings = [Timing(**timing) for timing in result.semantic["queries"]]
        catalog = {k: v for k, v in result.semantic.items() if k != "queries"}
        lines += ["", "Semantic layer (ms):", "", render_semantic(timings, catalog)]
    return "\n".join(lines)
