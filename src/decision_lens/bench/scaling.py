"""The scaling curve: full-build wall time and peak memory against dataset size, from `lens bench` results.

    lens bench --preset small --build-only
    lens bench --preset medium --build-only
    lens bench --preset large
    python -m decision_lens.bench.scaling data/small/bench/bench.json data/medium/bench/bench.json \\
        data/large/bench/bench.json --out docs/scaling

writes <out>.png (two panels, each point against the line through the origin and the smallest run: what
exactly linear growth would give) and <out>.md (the table: size, time, memory, and each one per million
activities, the figure that stays flat when growth is linear).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Point:
    dataset: str
    activity_rows: int
    raw_rows: int
    seconds: float
    peak_mib: float

    @property
    def millions(self) -> float:
        return self.activity_rows / 1e6


def read_points(paths: list[Path]) -> list[Point]:
    points = []
    for path in paths:
        result = json.loads(path.read_text())
        build = result["build"]
        if build.get("exit_code") != 0:
            raise ValueError(
                f"{path}: the build failed (exit code {build.get('exit_code')}), no point to plot"
            )
        if "activity_rows" not in build:
            raise ValueError(f"{path}: no raw row counts; rerun lens bench to record them")
        points.append(
            Point(
                result["dataset"],
                build["activity_rows"],
                build["raw_rows"],
                build["seconds"],
                build["peak_mib"],
            )
        )
    return sorted(points, key=lambda point: point.activity_rows)


def render_table(points: list[Point]) -> str:
    lines = [
        "| dataset | activities | raw rows | full build s | s per M activities | peak memory GiB |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {p.dataset} | {p.activity_rows:,} | {p.raw_rows:,} | {p.seconds:.1f} | "
        f"{p.seconds / p.millions:.1f} | {p.peak_mib / 1024:.2f} |"
        for p in points
    ]
    return "\n".join(lines)


def plot(points: list[Point], png: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x = [p.millions for p in points]
    figure, (time_axis, memory_axis) = plt.subplots(1, 2, figsize=(10, 4))
    panels = (
        (time_axis, [p.seconds for p in points], "full dbt build, wall s"),
        (memory_axis, [p.peak_mib / 1024 for p in points], "peak memory, GiB"),
    )
    for axis, y, label in panels:
        slope = y[0] / x[0]
        axis.plot(
            [0, x[-1]], [0, slope * x[-1]], linestyle="--", color="grey", label="linear from the smallest"
        )
        axis.plot(x, y, marker="o", label="measured")
        for xi, yi in zip(x, y, strict=True):
            axis.annotate(f"{yi:,.1f}", (xi, yi), textcoords="offset points", xytext=(4, -12))
        axis.set_xlabel("marketing activities, millions")
        axis.set_ylabel(label)
        axis.set_xlim(left=0)
        axis.set_ylim(bottom=0)
        axis.grid(alpha=0.3)
        axis.legend(loc="upper left")
    figure.suptitle("Decision Lens: lens bench, full build with all tests, 2 cores")
    figure.tight_layout()
    figure.savefig(png, dpi=110)
    plt.close(figure)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m decision_lens.bench.scaling", description=__doc__.splitlines()[0]
    )
    parser.add_argument("results", nargs="+", type=Path, help="bench.json files, one per size")
    parser.add_argument(
        "--out", type=Path, default=Path("docs/scaling"), help="writes <out>.png and <out>.md"
    )
    args = parser.parse_args(argv)
    if len(args.results) < 2:
        parser.error("a curve needs at least two sizes")
    try:
        points = read_points(args.results)
    except (OSError, ValueError, KeyError) as error:
        print(f"bench.scaling: error: {error}", file=sys.stderr)
        return 2
    table = render_table(points)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    plot(points, args.out.with_suffix(".png"))
    args.out.with_suffix(".md").write_text(table + "\n")
    print(table)
    print(f"\nwrote {args.out.with_suffix('.png')} and {args.out.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
