"""`lens serve`: the HTTP API, in process (TestClient) on the session's built database, and once for real.

Metric values are checked against SQL on the marts; hostile requests must get a 4xx JSON answer that says
what is wrong; the server must keep answering while the source database is rewritten, and pick up the new
data. One real server (`lens serve` in a subprocess, uvicorn on a free loopback port) checks the command
line, authentication over the wire and concurrent clients.
"""

from __future__ import annotations

import csv
import io
import json
import os
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import httpx
import pyarrow as pa
import pytest

from conftest import ATTRIBUTION_BYPASSES, DEFAULT_ATTRIBUTION_MODEL, credit_by_model, lens_serve
from decision_lens.semantic import MANIFEST_FILE
from decision_lens.serve.app import Settings, create_app
from decision_lens.serve.snapshot import SnapshotStore

with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx 0.28 is what is pinned
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "test-token-0123456789abcdef"
MONTHLY_PIPELINE = {"metrics": ["pipeline_created"], "group_by": ["metric_time__month"]}


def app_client(store: SnapshotStore, **settings) -> TestClient:
    return TestClient(create_app(store, Settings(poll=False, **settings)), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(store):
    return app_client(store)


def sql(db: Path, statement: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(statement).fetchall()


def rows(client: TestClient, body: dict) -> list[dict]:
    response = client.post("/v1/query", json=body)
    assert response.status_code == 200, response.text
    return response.json()["rows"]


def by_month(records: list[dict], metric: str) -> dict[str, object]:
    return {
        row["metric_time__month"]: pytest.approx(row[metric])
        for row in records
        if row["metric_time__month"] is not None and row[metric] is not None
    }


def canonical(records: list[dict]) -> list[str]:
    """Rows in a fixed order: without order_by, DuckDB's parallel plans return them in any order."""
    return sorted(json.dumps(record, sort_keys=True) for record in records)


def assert_error(response: httpx.Response, status: int, *words: str) -> dict:
    """A JSON error with this status whose message holds each word; never a traceback."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status
    assert body["message"]
    assert "Traceback" not in response.text
    for word in words:
        assert word in body["message"], body["message"]
    return body


# ---------------------------------------------------------------------------------------------------------
# Catalog


def test_metrics_list_defined_metrics_with_owner_and_lens(client):
    metrics = {metric["name"]: metric for metric in client.get("/v1/metrics").json()["metrics"]}
    assert metrics["win_rate"] | {"description": ""} == {
        "name": "win_rate",
        "label": "Win rate",
        "type": "ratio",
        "description": "",
        "owner_team": "sales",
        "lens": "generic",
    }
    assert metrics["engagement_to_intent_conversion"]["type"] == "conversion"
    assert "active_units" not in metrics  # MetricFlow's private stand-in for a measure


def test_dimensions_entities_and_grains_for_a_set_of_metrics(client):
    both = client.get("/v1/dimensions", params={"metrics": "pipeline_created,win_rate"}).json()
    names = {item["name"] for item in both["dimensions"]}
    assert {"decision_unit__region", "opportunity__stage_name", "metric_time"} <= names
    alone = client.get("/v1/dimensions", params=[("metrics", "pipeline_created")]).json()
    assert names <= {item["name"] for item in alone["dimensions"]}
    entities = client.get("/v1/entities", params={"metrics": "pipeline_created"}).json()["entities"]
    assert "decision_unit" in entities
    grains = client.get("/v1/granularities", params={"metrics": "mqas"}).json()
    assert grains["metric_time"]["base_grain"] == "week"
    assert "metric_time__day" not in grains["metric_time"]["group_by"]
    assert "month" in client.get("/v1/granularities").json()["granularities"]
    body = assert_error(client.get("/v1/dimensions", params={"metrics": "win_rat"}), 400, "win_rat")
    assert "win_rate" in body["suggestions"]


def test_saved_queries_and_dimension_values(client, small_build):
    saved = client.get("/v1/saved-queries").json()["saved_queries"]
    assert {query["name"] for query in saved} == {"alignment_scorecard", "marketing_weekly", "sales_pipeline"}
    values = client.get("/v1/dimension-values", params={"dimension": "decision_unit__region"}).json()
    expected = sql(small_build.db_path, "select distinct region from main_marts.decision_units")
    assert sorted(v for v in values["values"] if v is not None) == sorted(r for (r,) in expected if r)
    body = assert_error(
        client.get("/v1/dimension-values", params={"dimension": "decision_unit__regio"}), 400, "regio"
    )
    assert "decision_unit__region" in body["suggestions"]


def test_openapi_health_and_version(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/query", "/v1/explain", "/v1/metrics", "/v1/dimension-values", "/health", "/version"} <= set(
        paths
    )
    assert client.get("/health").json()["status"] == "ok"
    version = client.get("/version").json()
    assert version["version"] and version["metricflow"] == "0.213.0"
    assert version["database"]["source"] == "lens.duckdb"
    assert len(version["database"]["manifest_sha256"]) == 64


# ---------------------------------------------------------------------------------------------------------
# Queries: the figures, the formats, explain


def test_values_equal_sql_on_the_marts(client, small_build):
    db = small_build.db_path
    pipeline = sql(
        db,
        "select strftime(date_trunc('month', created_date), '%Y-%m-%d'), sum(amount)::double, count(*) "
        "from main_marts.opportunities group by 1",
    )
    win_rate = sql(
        db,
        "select strftime(date_trunc('month', closed_date), '%Y-%m-%d'), "
        "sum(is_won::int)::double / sum(is_closed::int) "
        "from main_marts.opportunities where is_closed group by 1",
    )
    # engagement_to_intent_conversion (models/semantic/_decision_unit_engagement_onsets__semantic.yml): of
    # the units whose engagement started anew (after 90 quiet days) in a month, the share with an intent
    # signal in the 90 days from the onset's week, straight from the signals mart
    conversion = sql(
        db,
        """
        with weeks as (
            select decision_unit_id as unit, date_trunc('week', signal_date) as week,
                   sum((signal_class = 'engagement')::int) as engagement,
                   sum((signal_class = 'intent')::int) as intent
            from main_marts.signals where decision_unit_id is not null and weight > 0 group by 1, 2),
        engaged as (select unit, week, lag(week) over (partition by unit order by week) as previous
                    from weeks where engagement > 0),
        onsets as (select unit, week from engaged
                   where previous is null or previous < week - interval 90 day),
        converted as (
            select distinct o.unit, o.week from onsets as o join weeks as i
              on i.unit = o.unit and i.intent > 0 and i.week >= o.week and i.week < o.week + interval 90 day)
        select strftime(date_trunc('month', o.week), '%Y-%m-%d'),
               count(distinct c.unit)::double / count(distinct o.unit)
        from onsets as o left join converted as c on c.unit = o.unit and c.week = o.week
        group by 1
        """,
    )
    assert {rate for _, rate in conversion} >= {0.0, 1.0}, "the fixture must convert in some months only"
    records = rows(
        client,
        {
            "metrics": [
                "pipeline_created",
                "opportunities_created",
                "win_rate",
                "engagement_to_intent_conversion",
            ],
            "group_by": ["metric_time__month"],
        },
    )
    assert by_month(records, "pipeline_created") == {month: total for month, total, _ in pipeline}
    assert by_month(records, "opportunities_created") == {month: count for month, _, count in pipeline}
    assert by_month(records, "win_rate") == dict(win_rate)
    assert by_month(records, "engagement_to_intent_conversion") == dict(conversion)


def test_csv_and_arrow_carry_the_json_figures(client):
    body = {**MONTHLY_PIPELINE, "order_by": ["metric_time__month"]}
    records = rows(client, body)
    as_csv = client.post("/v1/query", params={"format": "csv"}, json=body)
    assert as_csv.headers["content-type"].startswith("text/csv")
    parsed = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert [row["metric_time__month"] for row in parsed] == [row["metric_time__month"] for row in records]
    as_arrow = client.post("/v1/query", json=body, headers={"Accept": "application/vnd.apache.arrow.stream"})
    assert as_arrow.headers["content-type"] == "application/vnd.apache.arrow.stream"
    table = pa.ipc.open_stream(as_arrow.content).read_all()
    assert table.column_names == ["metric_time__month", "pipeline_created"]
    assert table.schema.field("metric_time__month").type == pa.date32()
    assert table.column("pipeline_created").to_pylist() == [row["pipeline_created"] for row in records]
    assert table.schema.metadata[b"lens.truncated"] == b"false"
    in_body = client.post("/v1/query", json={**body, "format": "csv"})
    assert in_body.text == as_csv.text
    assert_error(client.post("/v1/query", json=body, headers={"Accept": "image/png"}), 406, "Accept")


def test_saved_query_and_explain(client):
    saved = client.post("/v1/query", json={"saved_query": "sales_pipeline"}).json()
    assert {"metric_time__month", "pipeline_created", "win_rate", "cumulative_pipeline"} <= set(
        saved["columns"]
    )
    assert by_month(saved["rows"], "pipeline_created") == by_month(
        rows(client, MONTHLY_PIPELINE), "pipeline_created"
    )
    explained = client.post("/v1/explain", json=MONTHLY_PIPELINE).json()
    assert '"main_marts"."opportunities"' in explained["sql"]
    body = assert_error(client.post("/v1/query", json={"saved_query": "sales_pipelin"}), 400, "sales_pipelin")
    assert body["suggestions"] == ["sales_pipeline"]


def test_where_order_limit_and_time_range(client, small_build):
    west = "{{ Dimension('decision_unit__region') }} = 'Midwest'"
    expected = sql(
        small_build.db_path,
        "select sum(o.amount)::double from main_marts.opportunities as o "
        "join main_marts.decision_units as u using (decision_unit_id) where u.region = 'Midwest'",
    )[0][0]
    assert rows(client, {"metrics": "pipeline_created", "where": west}) == [
        {"pipeline_created": pytest.approx(expected)}
    ]
    months = sorted(by_month(rows(client, MONTHLY_PIPELINE), "pipeline_created"))
    latest = rows(client, {**MONTHLY_PIPELINE, "order_by": ["-metric_time__month"], "limit": 1})
    assert [row["metric_time__month"] for row in latest] == [months[-1]]
    ranged = rows(client, {**MONTHLY_PIPELINE, "start": months[1]})
    assert sorted(by_month(ranged, "pipeline_created")) == months[1:]


# ---------------------------------------------------------------------------------------------------------
# Refusals: hostile and malformed requests, the attribution rule, the row cap, the timeout

HOSTILE = [
    ({"metrics": ["pipeline_createdd"]}, 400, "pipeline_createdd"),
    (
        {"metrics": ["pipeline_created"], "group_by": ["metric_time__fortnight"]},
        400,
        "metric_time__fortnight",
    ),
    ({"metrics": ["pipeline_created"], "group_by": ["decision_unit__regio"]}, 400, "decision_unit__regio"),
    ({"metrics": ["pipeline_created"], "where": ["1=1; drop table x"]}, 400, "';'"),
    (
        {"metrics": ["pipeline_created"], "where": ["{{ Dimension('x') }} = 'a' or 1=1 --"]},
        400,
        "comments",
    ),
    (
        {
            "metrics": ["pipeline_created"],
            "where": ["{{ Dimension('decision_unit__region') }} = 'a' or 1=1 --"],
        },
        400,
        "comments",
    ),
    (
        {"metrics": ["pipeline_created"], "where": ["1=1 union select email from main_marts.contacts"]},
        400,
        "'union'",
    ),
    ({"metrics": ["pipeline_created"], "where": ["{{ ''.__class__.__mro__ }}"]}, 400, "Dimension"),
    ({"metrics": ["pipeline_created"], "where": ["region = 'West'"]}, 400, "'region'"),
    ({"metrics": ["pipeline_created"], "where": ["{{ Dimension('x') }} = 'unclosed"]}, 400, "not allowed"),
    ({"metrics": ["pipeline_created"], "limit": 10**30}, 400, "row cap"),
    ({"metrics": ["pipeline_created"], "limit": "ten"}, 422, "limit"),
    ({"metrics": ["pipeline_created"], "limit": 2.5}, 422, "limit"),
    ({"metrics": ["pipeline_created"], "limit": 0}, 422, "limit"),
    ({"metrics": ["pipeline_created"], "group_by": ["x; drop table y"]}, 422, "group_by"),
    ({"metrics": ["pipeline_created"], "sql": "select 1"}, 422, "sql"),
    ({"metrics": ["pipeline_created"], "order_by": ["nope"]}, 400, "nope"),
    ({"metrics": ["pipeline_created"], "start": "2025-02-01", "end": "2025-01-01"}, 400, "after"),
    ({}, 400, "metrics"),
    ({"saved_query": "sales_pipeline", "metrics": ["win_rate"]}, 400, "either"),
]


@pytest.mark.parametrize(("body", "status", "word"), HOSTILE)
def test_hostile_and_malformed_requests_get_a_clean_4xx(client, body, status, word):
    assert_error(client.post("/v1/query", json=body), status, word)


def test_other_malformed_requests(client):
    assert_error(
        client.post("/v1/query", content=b"not json", headers={"content-type": "application/json"}), 422
    )
    assert_error(client.get("/v1/nothing"), 404, "/openapi.json")
    assert_error(client.get("/v1/query"), 405)
    assert_error(client.get("/v1/dimension-values", params={"dimension": "x'; drop"}), 422, "dimension")
    assert_error(client.get("/v1/dimension-values", params={"dimension": "opportunity", "limit": "x"}), 422)
    body = assert_error(
        client.post("/v1/explain", json={"metrics": ["pipeline_created"], "group_by": ["nope"]}), 400
    )
    assert body["detail"]  # MetricFlow's full message


@pytest.mark.parametrize("bypass", ATTRIBUTION_BYPASSES.values(), ids=ATTRIBUTION_BYPASSES.keys())
def test_attribution_credits_the_pipeline_once_whatever_the_request(client, small_build, bypass):
    answer = rows(client, {"metrics": ["attributed_pipeline"], **bypass})
    credited = sum(row["attributed_pipeline"] or 0 for row in answer)
    assert credited == pytest.approx(credit_by_model(small_build.db_path)[DEFAULT_ATTRIBUTION_MODEL])


def test_the_attribution_models_side_by_side_are_one_metric_each(client, small_build):
    credit = credit_by_model(small_build.db_path)
    metrics = [f"attributed_pipeline_{model}" for model in sorted(credit)]
    (answer,) = rows(client, {"metrics": metrics})
    assert answer == {
        f"attributed_pipeline_{model}": pytest.approx(amount) for model, amount in credit.items()
    }
    assert len(set(credit.values())) == 1 or len(credit) == 9  # nine models, each crediting the pipeline


def test_a_saved_query_answers_in_time_order_every_time(client):
    for name, column in (("marketing_weekly", "metric_time__week"), ("sales_pipeline", "metric_time__month")):
        answers = [rows(client, {"saved_query": name}) for _ in range(3)]
        times = [row[column] for row in answers[0] if row[column] is not None]
        assert len(times) > 3 and times == sorted(times), name
        assert answers[1] == answers[0] and answers[2] == answers[0], name


def test_the_row_cap_truncates_and_says_so(store):
    capped = app_client(store, row_cap=2)
    answer = capped.post("/v1/query", json=MONTHLY_PIPELINE)
    assert answer.status_code == 200
    assert answer.json()["truncated"] is True
    assert answer.json()["row_count"] == len(answer.json()["rows"]) == 2
    as_csv = capped.post("/v1/query", json={**MONTHLY_PIPELINE, "format": "csv"})
    assert as_csv.headers["x-lens-truncated"] == "true"
    assert len(as_csv.text.splitlines()) == 3
    assert capped.post("/v1/query", json={**MONTHLY_PIPELINE, "limit": 2}).json()["truncated"] is False
    assert_error(capped.post("/v1/query", json={**MONTHLY_PIPELINE, "limit": 3}), 400, "row cap of 2")


def test_a_query_past_the_timeout_is_stopped_with_504(store, monkeypatch):
    """The engine is handed a statement that would run for minutes; the timer interrupts it."""
    layer = store.current.layer
    monkeypatch.setattr(layer, "explain", lambda query: "select sum(range % 7) from range(100000000000)")
    slow = app_client(store, timeout_s=0.3)
    started = time.perf_counter()
    assert_error(slow.post("/v1/query", json=MONTHLY_PIPELINE), 504, "timeout")
    assert time.perf_counter() - started < 5
    monkeypatch.undo()
    assert slow.post("/v1/query", json=MONTHLY_PIPELINE).status_code == 200  # the connection still serves


def test_a_token_guards_everything_but_health_and_docs(store, lens, monkeypatch):
    guarded = app_client(store, token=TOKEN)
    assert_error(guarded.get("/v1/metrics"), 401, "Bearer")
    assert guarded.get("/v1/metrics").headers["www-authenticate"].startswith("Bearer")
    assert_error(guarded.get("/v1/metrics", headers={"Authorization": "Bearer wrong"}), 401, "not valid")
    assert_error(guarded.post("/v1/query", json=MONTHLY_PIPELINE, headers={"Authorization": TOKEN}), 401)
    assert guarded.get("/v1/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert guarded.get("/health").status_code == 200
    assert guarded.get("/openapi.json").status_code == 200
    monkeypatch.delenv("DECISION_LENS_API_TOKEN", raising=False)
    code, _, err = lens("serve", "--host", "0.0.0.0", "--port", "1")
    assert code == 2
    assert "Refusing to listen on 0.0.0.0 without a token" in err
    monkeypatch.setenv("DECISION_LENS_API_TOKEN", "x" * 31)
    code, _, err = lens("serve", "--host", "0.0.0.0", "--port", "1")
    assert code == 2
    assert "token of 31 characters" in err and "at least 32" in err
    with pytest.raises(SystemExit):  # a token on the command line is refused, not taken
        lens("serve", "--token", TOKEN)


def test_a_body_over_the_limit_is_refused_before_it_is_read_or_the_token_checked(store):
    limited = app_client(store, token=TOKEN, max_request_bytes=10_000)
    big = b'{"metrics": ["' + b"x" * 20_000 + b'"]}'
    declared = limited.post("/v1/query", content=big, headers={"content-type": "application/json"})
    assert_error(declared, 413, "10,000 bytes")

    def chunks():  # no Content-Length: the body is counted as it arrives
        yield big[:8_000]
        yield big[8_000:]

    assert_error(limited.post("/v1/query", content=chunks()), 413)
    assert_error(limited.post("/v1/query", json={"metrics": ["x" * 100]}), 401)  # under the limit: the token
    assert_error(limited.post("/v1/query", content=b"{}", headers={"content-length": "a lot"}), 413)


# ---------------------------------------------------------------------------------------------------------
# The snapshot: serving on while the source is rewritten, then the new data


def test_a_rewrite_of_the_source_is_picked_up_while_clients_keep_getting_answers(small_build_copy, tmp_path):
    db = small_build_copy.db_path
    stale = tmp_path / "snapshots" / "999999999-left-by-a-dead-server"
    stale.mkdir(parents=True)
    store = SnapshotStore(db, small_build_copy.target_dir / MANIFEST_FILE, tmp_path / "snapshots", 0.05)
    store.open()
    assert not stale.exists()
    total = {"metrics": ["pipeline_created"]}
    answers: list[tuple[int, object]] = []
    stop = threading.Event()
    try:
        with TestClient(create_app(store, Settings())) as client:  # the lifespan starts the poller
            before = rows(client, total)[0]["pipeline_created"]

            def hammer() -> None:
                while not stop.is_set():
                    response = client.post("/v1/query", json=total)
                    answers.append((response.status_code, response.json()["rows"][0]["pipeline_created"]))

            workers = [threading.Thread(target=hammer) for _ in range(4)]
            for worker in workers:
                worker.start()
            with duckdb.connect(str(db)) as writer:  # a build holding the write lock for a while
                writer.execute("update main_marts.opportunities set amount = amount * 2")
                writer.execute("create table main_marts.serve_test as select 1 as x")
                time.sleep(0.5)
                assert client.get("/health").json()["snapshot"] == 1
                assert rows(client, total)[0]["pipeline_created"] == before
            deadline = time.monotonic() + 10
            while client.get("/health").json()["snapshot"] == 1 and time.monotonic() < deadline:
                time.sleep(0.05)
            stop.set()
            for worker in workers:
                worker.join()
            assert client.get("/health").json() == {"status": "ok", "snapshot": 2, "source_changed": False}
            assert rows(client, total)[0]["pipeline_created"] == pytest.approx(2 * before)
            assert client.get("/version").json()["last_refresh_error"] is None
        assert answers, "the clients must have been answered meanwhile"
        assert {status for status, _ in answers} == {200}
        assert {value for _, value in answers} <= {before, 2 * before}  # sums of whole amounts: exact
        kept = list(store.current.folder.parent.iterdir())
        assert kept == [store.current.folder], "the old snapshot is deleted once its requests are done"
    finally:
        stop.set()
        store.close()
    assert not (tmp_path / "snapshots").exists()


def with_ghost_metric(manifest_json: str) -> str:
    """The manifest with one more metric, as a `dbt parse` of newer YAML would write it."""
    manifest = json.loads(manifest_json)
    ghost = next(metric for metric in manifest["metrics"] if metric["name"] == "win_rate")
    manifest["metrics"].append({**ghost, "name": "ghost_rate", "label": "Ghost rate"})
    return json.dumps(manifest)


def test_definitions_are_served_with_the_data_they_were_built_with(small_build_copy, tmp_path):
    """`dbt parse` (lens glossary) rewrites target/'s manifest, not the data: the server keeps the manifest
    the database keeps, until a rebuild brings both."""
    db, target_manifest = small_build_copy.db_path, small_build_copy.target_dir / MANIFEST_FILE
    store = SnapshotStore(db, target_manifest, tmp_path / "snapshots", 0.05)
    store.open()
    try:
        with TestClient(create_app(store, Settings())) as client:
            target_manifest.write_text(with_ghost_metric(target_manifest.read_text()))
            time.sleep(0.5)  # ten poll intervals
            assert client.get("/health").json()["snapshot"] == 1
            names = {metric["name"] for metric in client.get("/v1/metrics").json()["metrics"]}
            assert "win_rate" in names and "ghost_rate" not in names
            with duckdb.connect(str(db)) as writer:  # a rebuild of the new definitions: data and manifest
                (kept,) = writer.execute("select manifest_json from lens_build.semantic_manifest").fetchone()
                writer.execute(
                    "update lens_build.semantic_manifest set manifest_json = ?", [with_ghost_metric(kept)]
                )
            deadline = time.monotonic() + 10
            while client.get("/health").json()["snapshot"] == 1 and time.monotonic() < deadline:
                time.sleep(0.05)
            names = {metric["name"] for metric in client.get("/v1/metrics").json()["metrics"]}
            assert "ghost_rate" in names
    finally:
        store.close()


def test_lens_query_reads_the_definitions_the_database_keeps(small_build_copy, lens):
    target_manifest = small_build_copy.target_dir / MANIFEST_FILE
    target_manifest.write_text(with_ghost_metric(target_manifest.read_text()))
    code, _, err = lens("query", "--db", str(small_build_copy.db_path), "--metrics", "ghost_rate")
    assert code != 0 and "ghost_rate" in err


def test_a_copy_dropped_because_the_source_moved_does_not_use_up_a_generation(
    small_build_copy, tmp_path, monkeypatch
):
    import decision_lens.serve.snapshot as snapshot_module

    db = small_build_copy.db_path
    store = SnapshotStore(db, small_build_copy.target_dir / MANIFEST_FILE, tmp_path / "snapshots")
    store.open()
    real_copyfile = snapshot_module.shutil.copyfile

    def copy_while_a_build_touches_the_source(source, target):
        real_copyfile(source, target)
        if Path(source) == db:
            stat = db.stat()
            os.utime(db, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))

    def settle_and_refresh() -> bool:
        assert not store.refresh_if_changed(), "the first look at a change only waits for it to settle"
        return store.refresh_if_changed()

    try:
        os.utime(db, ns=(db.stat().st_atime_ns, db.stat().st_mtime_ns + 1_000_000_000))
        monkeypatch.setattr(snapshot_module.shutil, "copyfile", copy_while_a_build_touches_the_source)
        assert not settle_and_refresh(), "a copy taken while the source changed must be dropped"
        assert store.current.generation == 1
        monkeypatch.setattr(snapshot_module.shutil, "copyfile", real_copyfile)
        assert settle_and_refresh()
        assert store.current.generation == 2, "generations count the snapshots served, not the attempts"
        assert [folder.name for folder in store.current.folder.parent.iterdir()] == ["0002"]
    finally:
        store.close()


# ---------------------------------------------------------------------------------------------------------
# One real server


def test_a_real_server_with_a_token_answers_concurrent_clients(small_build, tmp_path):
    with lens_serve(small_build.db_path, tmp_path, TOKEN, "--flight-port", "off") as served:
        base = served.base
        assert httpx.get(f"{base}/v1/metrics").status_code == 401
        large = httpx.post(f"{base}/v1/query", content=b"x" * 50_000_000, timeout=30)
        assert large.status_code == 413, large.text  # refused unread, before the token is checked
        assert httpx.get(f"{base}/v1/metrics", headers={"Authorization": "Bearer nope"}).status_code == 401
        bodies = [
            MONTHLY_PIPELINE,
            {"metrics": ["win_rate"], "group_by": ["metric_time__quarter"]},
            {"saved_query": "alignment_scorecard"},
            {"metrics": ["engagement_to_intent_conversion"], "group_by": ["metric_time__month"]},
        ]
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30) as http:
            assert http.get("/v1/metrics").status_code == 200
            expected = [canonical(http.post("/v1/query", json=body).json()["rows"]) for body in bodies]

            def ask(index: int) -> list[str]:
                response = http.post("/v1/query", json=bodies[index % len(bodies)])
                assert response.status_code == 200, response.text
                return canonical(response.json()["rows"])

            with ThreadPoolExecutor(max_workers=8) as pool:
                answers = list(pool.map(ask, range(32)))
        assert all(answer == expected[i % len(bodies)] for i, answer in enumerate(answers))
    assert served.process.returncode == 0, served.output
    assert "bearer token required" in served.output
    assert TOKEN not in served.output
    assert not (tmp_path / "snap").exists()
