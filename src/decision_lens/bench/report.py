"""bench.md: the figures of one `lens bench` run as Markdown tables (templates/bench.md.j2)."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined

from decision_lens.bench.incremental import INCREMENTAL_COMMAND
from decision_lens.bench.measure import BenchResult


def render_by_type(step: dict) -> str:
    names = {"model": "models", "test": "data tests", "unit_test": "unit tests"}
    by_type = step.get("node_seconds_by_type", {})
    return ", ".join(f"{names[kind]} {by_type[kind]:.1f} s" for kind in names if kind in by_type)


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


def render(result: BenchResult) -> str:
    b, d, i = result.build, result.direct, result.incremental
    text = _ENVIRONMENT.get_template("bench.md.j2").render(
        result=result,
        g=result.generator,
        b=b,
        d=d,
        i=i,
        incremental_command=INCREMENTAL_COMMAND,
        targets=target_figures(b, d, i) if i.get("day") else [],
        semantic_table=_semantic_table(result.semantic),
    )
    return text.rstrip("\n")


def _semantic_table(semantic: dict) -> str | None:
    if not semantic:
        return None
    from decision_lens.bench.semantic import Timing
    from decision_lens.bench.semantic import render as render_semantic

    timings = [Timing(**timing) for timing in semantic["queries"]]
    return render_semantic(timings, {key: value for key, value in semantic.items() if key != "queries"})


_ENVIRONMENT = Environment(
    loader=PackageLoader("decision_lens.bench", "templates"),
    autoescape=False,  # Markdown
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENVIRONMENT.filters.update(by_type=render_by_type, fmt=format)
