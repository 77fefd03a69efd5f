"""Benchmark of the semantic layer: the HTTP API against `mf query` and against hand-written SQL.

For each saved query and a few single-metric queries, in one run on one database:
  - api: warm latency of `lens serve` over HTTP on loopback (a real server in a subprocess), median and p95;
  - graphql, flight: the same server through dbt's Semantic Layer APIs as their clients call them
    (dbt-sl-sdk's GraphQL client: createQuery, then the pages; ADBC Flight SQL:
    `{{ semantic_layer.query(...) }}`), median;
  - engine: the same through `SemanticLayer` in process (what the server costs on top of it);
  - mf: `mf query` for the same query (its command line pays its start-up on every call: that is how
    people and scripts use it), median;
  - sql: hand-written SQL over the marts for the single-metric queries, on a read-only connection, median.
Ratios are against the API's median. Results print as a Markdown table and are written as JSON.

Run: .venv/bin/python -m decision_lens.bench.semantic --preset demo [--runs 30] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from decision_lens.project import Workspace, project_root, tool
from decision_lens.semantic import MANIFEST_FILE, MetricQuery, SemanticLayer

SAVED_QUERIES = ("marketing_weekly", "sales_pipeline", "alignment_scorecard")
ATTRIBUTION_MODELS = (
    *("first_touch", "last_touch", "u_shaped", "w_shaped", "full_path"),
    *("linear", "time_decay", "decision_aware", "data_driven"),
)

# single metrics, each with the SQL an analyst would write over the marts for the same numbers
SINGLE_METRICS = {
    "pipeline_created by month": (
        MetricQuery(metrics=("pipeline_created",), group_by=("metric_time__month",)),
        "select date_trunc('month', created_date) as month, sum(amount) from main_marts.opportunities "
        "group by 1",
    ),
    "win_rate by month": (
        MetricQuery(metrics=("win_rate",), group_by=("metric_time__month",)),
        "select date_trunc('month', closed_date) as month, "
        "sum(case when is_won then 1 else 0 end) * 1.0 "
        "/ nullif(sum(case when is_closed then 1 else 0 end), 0) "
        "from main_marts.opportunities where closed_date is not null group by 1",
    ),
    "engaged_accounts by week": (
        MetricQuery(metrics=("engaged_accounts",), group_by=("metric_time__week",)),
        "select week_start_date, sum(case when readiness_state <> 'unaware' then 1 else 0 end) "
        "from main_marts.decision_unit_weeks group by 1",
    ),
    "attributed_pipeline, nine models": (
        MetricQuery(metrics=tuple(f"attributed_pipeline_{model}" for model in ATTRIBUTION_MODELS)),
        "select attribution_model, sum(credit_amount) from main_marts.attribution_credit group by 1",
    ),
}


@dataclass
class Timing:
    name: str
    api_median_ms: float
    api_p95_ms: float
    graphql_median_ms: float
    flight_median_ms: float
    engine_median_ms: float
    mf_median_ms: float | None
    sql_median_ms: float | None

    @property
    def mf_ratio(self) -> float | None:
        return self.mf_median_ms / self.api_median_ms if self.mf_median_ms else None

    @property
    def api_over_sql(self) -> float | None:
        return self.api_median_ms / self.sql_median_ms if self.sql_median_ms else None


def timed(run: Callable[[], object], runs: int) -> list[float]:
    run()  # warm: the first call plans the query and loads the pages
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 2 else samples[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`lens serve` in a subprocess on a free loopback port, for as long as the `with` block runs."""

    def __init__(self, db_path: Path) -> None:
        self.port, self.flight_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [tool("lens"), "serve", "--db", str(db_path), "--port", str(self.port)]
        command += ["--flight-port", str(self.flight_port)]
        env = {key: value for key, value in os.environ.items() if key != "DECISION_LENS_API_TOKEN"}
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def __enter__(self) -> Server:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"lens serve exited: {self.process.stderr.read().decode()}")
            try:
                urllib.request.urlopen(f"{self.url}/health", timeout=1).read()
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("lens serve did not answer /health within 60 s")

    def __exit__(self, *exc_info: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def post(self, path: str, body: dict) -> bytes:
        request = urllib.request.Request(
            f"{self.url}{path}", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.read()

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(f"{self.url}{path}", timeout=120) as response:
            return response.read()


def request_body(query: MetricQuery) -> dict:
    if query.saved_query:
        return {"saved_query": query.saved_query, "format": "json"}
    return {"metrics": list(query.metrics), "group_by": list(query.group_by), "format": "json"}


def graphql_runner(server: Server, query: MetricQuery) -> Callable[[], object]:
    """dbt-sl-sdk's GraphQL client, as a notebook uses it: createQuery, then every page as Arrow."""
    import warnings

    from decision_lens.serve.graphql import GRAPHQL_PATH

    with warnings.catch_warnings():  # dbt-sl-sdk warns about its own TimeGranularity enum as it defines it
        warnings.simplefilter("ignore")
        from dbtsl.api.graphql.client.sync import SyncGraphQLClient

    client = SyncGraphQLClient(
        f"127.0.0.1:{server.port}", 1, "", url_format="http://{server_host}" + GRAPHQL_PATH, lazy=False
    )
    arguments = (
        {"saved_query": query.saved_query}
        if query.saved_query
        else {"metrics": list(query.metrics), "group_by": list(query.group_by)}
    )

    def run() -> None:
        with client.session():
            client.query(**arguments)

    return run


def flight_runner(server: Server, query: MetricQuery) -> tuple[Callable[[], object], Callable[[], None]]:
    """ADBC's Flight SQL driver (what BI tools' JDBC/ADBC connections use), one connection; (run, close)."""
    import adbc_driver_flightsql.dbapi as flightsql

    # autocommit: the server has no transactions (else ADBC warns it cannot turn autocommit off)
    connection = flightsql.connect(f"grpc://127.0.0.1:{server.flight_port}", autocommit=True)
    if query.saved_query:
        statement = f"{{{{ semantic_layer.query(saved_query='{query.saved_query}') }}}}"
    else:
        arguments = f"metrics={list(query.metrics)!r}, group_by={list(query.group_by)!r}"
        statement = f"{{{{ semantic_layer.query({arguments}) }}}}"

    def run() -> None:
        with connection.cursor() as cursor:
            cursor.execute(statement)
            cursor.fetch_arrow_table()

    return run, connection.close


def mf_command(query: MetricQuery) -> list[str]:
    if query.saved_query:
        return [tool("mf"), "query", "--saved-query", query.saved_query]
    group_by = ["--group-by", ",".join(query.group_by)] if query.group_by else []
    return [tool("mf"), "query", "--metrics", ",".join(query.metrics), *group_by]


def mf_runner(workspace: Workspace, mf_dir: Path, query: MetricQuery) -> Callable[[], object]:
    env = {**os.environ, "DECISION_LENS_DB": str(workspace.db_path), "DBT_PROFILES_DIR": str(mf_dir)}

    def run() -> None:
        completed = subprocess.run(mf_command(query), cwd=mf_dir, env=env, capture_output=True, text=True)
        if completed.returncode != 0:
            raise RuntimeError(f"mf failed: {(completed.stdout + completed.stderr)[-2000:]}")

    return run


def mf_project(root: Path, workspace: Workspace, folder: Path) -> Path:
    """mf reads <project>/target/semantic_manifest.json: a folder with the project file, the profile and the
    build's manifest, so the benchmark never overwrites the project's own target/."""
    shutil.copyfile(root / "dbt_project.yml", folder / "dbt_project.yml")
    shutil.copyfile(root / "profiles.example.yml", folder / "profiles.yml")
    (folder / "target").mkdir()
    shutil.copyfile(workspace.target_dir / MANIFEST_FILE, folder / "target" / MANIFEST_FILE)
    return folder


def measure(workspace: Workspace, runs: int, mf_runs: int) -> tuple[list[Timing], dict[str, float]]:
    root = project_root()
    queries = {name: (MetricQuery(saved_query=name), None) for name in SAVED_QUERIES} | SINGLE_METRICS
    # mf first: its dbt-duckdb connection opens the file for writing, which no other connection may hold
    mf: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        mf_dir = mf_project(root, workspace, Path(scratch))
        for name, (query, _) in queries.items() if mf_runs > 0 else ():
            mf[name] = timed(mf_runner(workspace, mf_dir, query), mf_runs)
    timings = []
    with Server(workspace.db_path) as server, SemanticLayer.for_workspace(workspace) as layer:
        catalog = timed(lambda: server.get("/v1/metrics"), runs)
        page = dashboard_timings(server, runs)
        for name, (query, sql) in queries.items():
            api = timed(lambda query=query: server.post("/v1/query", request_body(query)), runs)
            graphql = timed(graphql_runner(server, query), runs)
            flight, close_flight = flight_runner(server, query)
            try:
                flight = timed(flight, runs)
            finally:
                close_flight()
            engine = timed(lambda query=query: layer.query(query), runs)
            hand = None
            if sql:
                cursor = layer.client._connect().cursor()  # the engine's read-only connection
                hand = timed(lambda sql=sql, cursor=cursor: cursor.execute(sql).fetchall(), runs)
                cursor.close()
            timings.append(
                Timing(
                    name=name,
                    api_median_ms=statistics.median(api),
                    api_p95_ms=p95(api),
                    graphql_median_ms=statistics.median(graphql),
                    flight_median_ms=statistics.median(flight),
                    engine_median_ms=statistics.median(engine),
                    mf_median_ms=statistics.median(mf[name]) if name in mf else None,
                    sql_median_ms=statistics.median(hand) if hand else None,
                )
            )
    return timings, {"catalog_median_ms": statistics.median(catalog), "catalog_p95_ms": p95(catalog), **page}


def dashboard_timings(server: Server, runs: int, filtered: str = "/dashboard?months=6") -> dict[str, float]:
    """GET /dashboard: the first time (every chart's queries run, the page is built), with a filter for the
    first time, and again (the page the server keeps for the snapshot and filters), median."""

    def once(path: str) -> float:
        started = time.perf_counter()
        server.get(path)
        return (time.perf_counter() - started) * 1000

    return {
        "dashboard_first_ms": once("/dashboard"),
        "dashboard_first_filtered_ms": once(filtered),
        "dashboard_again_median_ms": statistics.median(once("/dashboard") for _ in range(runs)),
    }


def render(timings: list[Timing], catalog: dict[str, float]) -> str:
    def ms(value: float | None) -> str:
        return "" if value is None else f"{value:,.1f}"

    def ratio(value: float | None) -> str:
        return "" if value is None else f"{value:,.1f}x"

    lines = [
        "| query | API median ms | API p95 ms | GraphQL ms | Flight SQL ms | engine ms | mf query ms "
        "| mf / API | hand SQL ms | API / SQL |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for t in timings:
        lines.append(
            f"| {t.name} | {ms(t.api_median_ms)} | {ms(t.api_p95_ms)} | {ms(t.graphql_median_ms)} | "
            f"{ms(t.flight_median_ms)} | {ms(t.engine_median_ms)} | "
            f"{ms(t.mf_median_ms)} | {ratio(t.mf_ratio)} | {ms(t.sql_median_ms)} | {ratio(t.api_over_sql)} |"
        )
    lines.append(
        f"| catalog GET /v1/metrics | {ms(catalog['catalog_median_ms'])} | {ms(catalog['catalog_p95_ms'])} |"
        " | | | | | | |"
    )
    for name, key in (
        ("dashboard GET /dashboard, first", "dashboard_first_ms"),
        ("dashboard, first with a filter (6 months)", "dashboard_first_filtered_ms"),
        ("dashboard, again (kept page)", "dashboard_again_median_ms"),
    ):
        if key in catalog:
            lines.append(f"| {name} | {ms(catalog[key])} | | | | | | | | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m decision_lens.bench.semantic", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--preset", default="demo")
    parser.add_argument("--db", type=Path, default=None, help="a built database (default: the preset's)")
    parser.add_argument(
        "--runs", type=int, default=30, help="warm runs per query for the API, engine and SQL"
    )
    parser.add_argument(
        "--mf-runs", type=int, default=3, help="runs per query of `mf query` (~2 s each; 0: skip)"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.mf_runs < 0:
        parser.error("--runs must be at least 1 and --mf-runs at least 0")
    workspace = Workspace.for_preset(project_root(), args.preset)
    if args.db:
        workspace = Workspace(raw_dir=workspace.raw_dir, db_path=args.db.resolve())
    timings, catalog = measure(workspace, args.runs, args.mf_runs)
    print(render(timings, catalog))
    if args.json:
        figures = {
            "database": str(workspace.db_path),
            "runs": args.runs,
            "queries": [
                asdict(t) | {"mf_over_api": t.mf_ratio, "api_over_sql": t.api_over_sql} for t in timings
            ],
            **catalog,
        }
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
