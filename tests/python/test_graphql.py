"""dbt's Semantic Layer GraphQL API of `lens serve`, through the real dbt-sl-sdk clients (sync and async).

One server for the module (uvicorn in a thread, on a free loopback port, on the session's built database,
with a token), its pages made small so that results span several pages. Figures are compared with the
`lens query` engine (SemanticLayer.for_workspace) for the same request.
"""

from __future__ import annotations

import asyncio
import base64
import json
import math
import os
import re
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import httpx
import pyarrow as pa
import pytest
import uvicorn
from gql.transport.exceptions import TransportQueryError

from conftest import ATTRIBUTION_BYPASSES, DEFAULT_ATTRIBUTION_MODEL, free_port
from decision_lens.semantic import MetricQuery, SemanticLayer
from decision_lens.serve.app import Settings, create_app
from decision_lens.serve.graphql import GRAPHQL_PATH, results

with warnings.catch_warnings():  # dbt-sl-sdk warns about its own TimeGranularity enum as it defines it
    warnings.simplefilter("ignore")
    from dbtsl.api.graphql.client.asyncio import AsyncGraphQLClient
    from dbtsl.api.graphql.client.sync import SyncGraphQLClient
    from dbtsl.api.shared.query_params import GroupByParam, GroupByType, OrderByGroupBy
    from dbtsl.error import AuthError, QueryFailedError
    from dbtsl.models.query import QueryStatus
    from fastapi.testclient import TestClient  # Starlette 1.x would rather have httpx2 (test_serve.py)

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "graphql-test-token-0123456789"
URL_FORMAT = "http://{server_host}" + GRAPHQL_PATH
PAGE_ROWS = 2  # small pages, so that the results below span several


@pytest.fixture(scope="module")
def host(store):
    """host:port of one `lens serve` app with a token, in a uvicorn thread."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(results, "PAGE_ROWS", PAGE_ROWS)
        app = create_app(store, Settings(poll=False, token=TOKEN))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    yield f"127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def engine(small_build):
    """The `lens query` engine on the same build."""
    with SemanticLayer.for_workspace(small_build) as layer:
        yield layer


def client(host: str, token: str = TOKEN, lazy: bool = False) -> SyncGraphQLClient:
    return SyncGraphQLClient(host, 1, token, url_format=URL_FORMAT, lazy=lazy)


def rows_of(table) -> list[tuple]:
    return [tuple(row.values()) for row in table.to_pylist()]


def expected(engine: SemanticLayer, **query) -> list[tuple]:
    return engine.query(MetricQuery(**query)).plain_rows()


def same_rows(got: list[tuple], want: list[tuple], ordered: bool = False) -> None:
    """Equal rows (floats approximately); without an order_by, in any order."""
    if not ordered:
        got, want = sorted(got, key=repr), sorted(want, key=repr)
    assert len(got) == len(want)
    for mine, theirs in zip(got, want, strict=True):
        assert mine == pytest.approx(theirs), (mine, theirs)


# ---------------------------------------------------------------------------------------------------------
# Catalog


def test_metrics_dimensions_entities_and_measures(host):
    with client(host).session() as sl:
        metrics = {metric.name: metric for metric in sl.metrics()}
        pair = {item.qualified_name for item in sl.dimensions(metrics=["pipeline_created", "win_rate"])}
        entities = {entity.name for entity in sl.entities(metrics=["pipeline_created"])}
        measures = {measure.name: measure for measure in sl.measures(metrics=["win_rate"])}
    assert {"pipeline_created", "win_rate", "signals"} <= set(metrics)
    assert "active_units" not in metrics  # MetricFlow's private stand-in for a measure, as in /v1/metrics
    win_rate = metrics["win_rate"]
    assert (win_rate.type.value, win_rate.label, win_rate.requires_metric_time) == (
        "RATIO",
        "Win rate",
        False,
    )
    assert "month" in win_rate.queryable_time_granularities
    assert metrics["cumulative_pipeline"].type.value == "CUMULATIVE"
    dimensions = {item.qualified_name: item for item in win_rate.dimensions}
    assert dimensions["decision_unit__region"].name == "region"
    assert dimensions["decision_unit__region"].type.value == "CATEGORICAL"
    assert dimensions["metric_time"].type.value == "TIME"
    assert {"decision_unit__region", "metric_time"} <= pair <= set(dimensions)
    assert "decision_unit" in entities
    assert {name: m.agg.value for name, m in measures.items()} == {
        "closed_opportunity_count": "SUM",
        "won_opportunity_count": "SUM",
    }


def test_saved_queries_and_environment(host):
    with client(host, lazy=True).session() as sl:
        saved = {query.name: query for query in sl.saved_queries()}
        info = sl.environment_info()
    assert set(saved) == {"alignment_scorecard", "marketing_weekly", "sales_pipeline"}
    params = saved["sales_pipeline"].query_params
    assert "win_rate" in [metric.name for metric in params.metrics]
    assert [(item.name, item.time_granularity) for item in params.group_by] == [("metric_time", "month")]
    assert info.dialect.value == "DUCKDB" and info.has_metrics_defined


# ---------------------------------------------------------------------------------------------------------
# Queries


def test_compile_sql_is_the_sql_of_lens_query(host, engine):
    with client(host).session() as sl:
        sql = sl.compile_sql(metrics=["win_rate"], group_by=["metric_time__month"], where=[REGION_WEST])
    assert sql == engine.explain(
        MetricQuery(metrics=["win_rate"], group_by=["metric_time__month"], where=[REGION_WEST])
    )


REGION_WEST = "{{ Dimension('decision_unit__region') }} = 'West'"


def test_a_metric_query_equals_lens_query(host, engine):
    """group-by items as names and as {name, grain}; the pages of the answer put together by the SDK."""
    with client(host).session() as sl:
        table = sl.query(
            metrics=["pipeline_created", "win_rate"],
            group_by=[
                GroupByParam("metric_time", GroupByType.TIME_DIMENSION, "month"),
                "decision_unit__region",
            ],
        )
    assert table.column_names == [
        "metric_time__month",
        "decision_unit__region",
        "pipeline_created",
        "win_rate",
    ]
    want = expected(
        engine,
        metrics=["pipeline_created", "win_rate"],
        group_by=["metric_time__month", "decision_unit__region"],
    )
    assert len(want) > PAGE_ROWS
    same_rows(rows_of(table), want)


def test_the_async_client_orders_limits_and_filters(host, engine):
    async def ask():
        sl = AsyncGraphQLClient(host, 1, TOKEN, url_format=URL_FORMAT, lazy=True)
        async with sl.session():
            names = [metric.name for metric in await sl.metrics()]
            table = await sl.query(
                metrics=["signals"],
                group_by=["metric_time__month"],
                where=["{{ TimeDimension('metric_time', 'month') }} >= '2024-01-01'"],
                order_by=[OrderByGroupBy("metric_time", grain=None, descending=True)],
                limit=7,
            )
        return names, table

    names, table = asyncio.run(ask())
    assert "signals" in names
    want = expected(
        engine,
        metrics=["signals"],
        group_by=["metric_time__month"],
        where=["{{ TimeDimension('metric_time', 'month') }} >= '2024-01-01'"],
        order_by=["-metric_time__month"],
        limit=7,
    )
    assert len(want) == 7
    same_rows(rows_of(table), want, ordered=True)


def test_a_date_part_groups_as_lens_query_does(host, engine):
    """{name, datePart} (sent by plain GraphQL clients) and the name metric_time__extract_month (the SDK)."""
    want = expected(
        engine,
        metrics=["pipeline_created"],
        group_by=["metric_time__extract_quarter"],
        order_by=["-metric_time__extract_quarter"],
    )
    assert len(want) > 1 and [row[0] for row in want] == sorted({row[0] for row in want}, reverse=True)
    create = """mutation { createQuery(environmentId: 1, metrics: [{name: "pipeline_created"}],
        groupBy: [{name: "metric_time", datePart: QUARTER}],
        orderBy: [{groupBy: {name: "metric_time", datePart: QUARTER}, descending: true}]) { queryId } }"""
    query_id = post(host, create)["data"]["createQuery"]["queryId"]
    page = """query($id: String!, $page: Int!) {
        query(environmentId: 1, queryId: $id, pageNum: $page) { totalPages jsonResult(orient: RECORDS) } }"""
    first = post(host, page, id=query_id, page=1)["data"]["query"]
    pages = [first] + [
        post(host, page, id=query_id, page=number)["data"]["query"]
        for number in range(2, first["totalPages"] + 1)
    ]
    records = [record for answer in pages for record in json.loads(answer["jsonResult"])]
    same_rows([tuple(record.values()) for record in records], want, ordered=True)
    with client(host).session() as sl:
        table = sl.query(metrics=["pipeline_created"], group_by=["metric_time__extract_quarter"])
    same_rows(rows_of(table), want)
    both = """mutation { compileSql(environmentId: 1, metrics: [{name: "pipeline_created"}],
        groupBy: [{name: "metric_time", grain: MONTH, datePart: QUARTER}]) { sql } }"""
    assert "a grain or a datePart, not both" in post(host, both)["errors"][0]["message"]


def test_a_saved_query_equals_lens_query(host, engine):
    with client(host).session() as sl:
        table = sl.query(saved_query="sales_pipeline")
    same_rows(rows_of(table), expected(engine, saved_query="sales_pipeline"))


def test_pages_count_from_one_and_cancel(host, engine):
    with client(host).session() as sl:
        query_id = sl.create_query(
            metrics=["signals"], group_by=["metric_time__month"], order_by=["metric_time__month"]
        )
        first = sl.get_query_result(query_id=query_id, page_num=1)
        pages = [first] + [
            sl.get_query_result(query_id=query_id, page_num=n) for n in range(2, first.total_pages + 1)
        ]
        with pytest.raises(TransportQueryError, match="out of range"):
            sl.get_query_result(query_id=query_id, page_num=first.total_pages + 1)
        sl.cancel_query(query_id=query_id)
        cancelled = sl.get_query_result(query_id=query_id, page_num=1)
        with pytest.raises(TransportQueryError, match="No query 'no-such-query'"):
            sl.get_query_result(query_id="no-such-query", page_num=1)
    want = expected(
        engine, metrics=["signals"], group_by=["metric_time__month"], order_by=["metric_time__month"]
    )
    assert first.status is QueryStatus.SUCCESSFUL and "signals" in first.sql
    assert first.total_pages == math.ceil(len(want) / PAGE_ROWS) > 1
    assert all(page.result_table.num_rows == PAGE_ROWS for page in pages[:-1])
    same_rows([row for page in pages for row in rows_of(page.result_table)], want, ordered=True)
    assert (cancelled.status, cancelled.error, cancelled.arrow_result) == (
        QueryStatus.FAILED,
        "The query was cancelled.",
        None,
    )


@pytest.mark.parametrize("bypass", ATTRIBUTION_BYPASSES.values(), ids=ATTRIBUTION_BYPASSES.keys())
def test_attribution_credits_the_pipeline_once_whatever_the_request(host, small_build_credit, bypass):
    """createQuery and the pages of query(queryId), as dbt-sl-sdk reads them: never the nine models added."""
    with client(host).session() as sl:
        table = sl.query(metrics=["attributed_pipeline"], **bypass)
    credited = sum(value or 0 for value in table.column("attributed_pipeline").to_pylist())
    assert credited == pytest.approx(small_build_credit[DEFAULT_ATTRIBUTION_MODEL])


def test_the_attribution_models_side_by_side_are_one_metric_each(host, small_build_credit):
    credit = small_build_credit  # {model: the pipeline it credits}
    assert len(credit) == 9
    with client(host).session() as sl:
        table = sl.query(metrics=[f"attributed_pipeline_{model}" for model in sorted(credit)])
    assert table.to_pylist() == [
        {f"attributed_pipeline_{model}": pytest.approx(amount) for model, amount in credit.items()}
    ]


def post(host: str, document: str, token: str | None = TOKEN, **variables) -> dict:
    """A GraphQL request as any HTTP client sends it."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = {"query": document, "variables": variables}
    return httpx.post(f"http://{host}{GRAPHQL_PATH}", json=body, headers=headers).json()


READ = """query($id: String!, $orient: PandasJsonOrient!) {
    query(environmentId: 1, queryId: $id) { jsonResult(orient: $orient) } }"""


def test_json_result_and_metrics_for_dimensions_over_plain_http(host, store):
    create = 'mutation { createQuery(environmentId: 1, metrics: [{name: "win_rate"}]) { queryId } }'
    query_id = post(host, create)["data"]["createQuery"]["queryId"]
    records = post(host, READ, id=query_id, orient="RECORDS")["data"]["query"]["jsonResult"]
    table = json.loads(post(host, READ, id=query_id, orient="TABLE")["data"]["query"]["jsonResult"])
    assert json.loads(records) == table["data"] and list(table["data"][0]) == ["win_rate"]
    assert table["schema"]["fields"] == [{"name": "win_rate", "type": "double"}]
    by_region = """{ metricsForDimensions(environmentId: 1,
        dimensions: [{name: "decision_unit__region"}, {name: "metric_time", grain: MONTH}]) { name } }"""
    names = {metric["name"] for metric in post(host, by_region)["data"]["metricsForDimensions"]}
    catalog = store.current.catalog
    regional = {
        m
        for m in catalog.metric_names
        if any(d.name == "decision_unit__region" for d in catalog.dimensions([m]))
    }
    assert {"pipeline_created", "win_rate", "signals"} <= names == regional < catalog.metric_names
    daily = '{ metricsForDimensions(environmentId: 1, dimensions: [{name: "metric_time__day"}]) { name } }'
    names = {metric["name"] for metric in post(host, daily)["data"]["metricsForDimensions"]}
    assert "pipeline_created" in names and "mqas" not in names  # mqas counts by week


def test_introspection_needs_no_token_and_documents_are_limited(host):
    refused = post(host, "{ metrics(environmentId: 1) { name } }", token=None)
    assert refused["data"] is None and refused["errors"][0]["message"] == "User is not authorized"
    assert "wants a bearer token" in refused["errors"][0]["extensions"]["reason"]
    schema = post(host, "{ __schema { queryType { fields { name } } } }", token=None)
    fields = {field["name"] for field in schema["data"]["__schema"]["queryType"]["fields"]}
    assert {"metrics", "dimensions", "measures", "entities", "savedQueries", "metricsForDimensions"} <= fields
    aliases = " ".join(f"a{n}: environmentInfo(environmentId: 1) {{ dialect }}" for n in range(16))
    assert "aliases" in post(host, f"{{ {aliases} }}")["errors"][0]["message"]


def test_the_timeout_and_the_row_cap_hold(store, monkeypatch):
    """In process, with a statement that would run for minutes: the query FAILS with the timeout's words."""
    app = TestClient(create_app(store, Settings(poll=False, row_cap=2, timeout_s=0.3)))

    def ask(document: str, **variables) -> dict:
        return app.post(GRAPHQL_PATH, json={"query": document, "variables": variables}).json()["data"]

    create = """mutation { createQuery(environmentId: 1, metrics: [{name: "signals"}],
        groupBy: [{name: "metric_time", grain: MONTH}]) { queryId } }"""
    read = "query($id: String!) { query(environmentId: 1, queryId: $id) { status error arrowResult } }"
    capped = ask(read, id=ask(create)["createQuery"]["queryId"])["query"]
    table = pa.ipc.open_stream(base64.b64decode(capped["arrowResult"])).read_all()
    assert (capped["status"], table.num_rows, table.schema.metadata[b"lens.truncated"]) == (
        "SUCCESSFUL",
        2,
        b"true",
    )
    monkeypatch.setattr(
        store.current.layer, "explain", lambda query: "select sum(range % 7) from range(100000000000)"
    )
    started = time.perf_counter()
    slow = ask(read, id=ask(create)["createQuery"]["queryId"])["query"]
    assert time.perf_counter() - started < 5
    assert slow["status"] == "FAILED" and "timeout of 0.3 s" in slow["error"] and slow["arrowResult"] is None


# ---------------------------------------------------------------------------------------------------------
# Errors and auth


def test_errors_use_the_http_api_words(host):
    with client(host).session() as sl:
        with pytest.raises(QueryFailedError) as unknown:
            sl.query(metrics=["win_rat"], group_by=["metric_time__month"])
        with pytest.raises(QueryFailedError) as refused:
            sl.query(metrics=["win_rate"], where=["1=1; drop table x"])
        with pytest.raises(TransportQueryError) as compiled:
            sl.compile_sql(metrics=["win_rate"], group_by=["decision_unit__regio"])
        with pytest.raises(TransportQueryError) as limit:
            sl.compile_sql(metrics=["win_rate"], group_by=["metric_time__month"], limit=0)
    assert "Unknown metric 'win_rat'" in str(unknown.value) and "win_rate" in str(unknown.value)
    assert "';' is not allowed" in str(refused.value)
    error = compiled.value.errors[0]
    assert (
        "decision_unit__regio" in error["message"]
        and "decision_unit__region" in error["extensions"]["suggestions"]
    )
    assert limit.value.errors[0]["message"].startswith("Invalid request: limit:")
    assert "Traceback" not in str(compiled.value) + str(unknown.value) + str(limit.value)


@pytest.mark.parametrize(("token", "reason"), [("", "Send the token as"), ("not-the-token", "is not valid")])
def test_a_bad_or_empty_token_is_refused(host, token, reason):
    with client(host, token=token).session() as sl, pytest.raises(AuthError) as refused:
        sl.metrics()
    assert reason in str(refused.value)


def test_the_documented_example_runs(host):
    page = (ROOT / "docs" / "semantic-layer.md").read_text()
    section = page.split("dbt Semantic Layer clients (GraphQL)", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1).replace("127.0.0.1:8765", host)
    shell = re.search(r"export DBT_SL_GRAPHQL_URL_FORMAT='([^']+)'", section).group(1)
    env = {**os.environ, "DBT_SL_GRAPHQL_URL_FORMAT": shell, "DECISION_LENS_API_TOKEN": TOKEN}
    ran = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0, ran.stderr
    assert "win_rate" in ran.stdout and "metric_time__month" in ran.stdout
