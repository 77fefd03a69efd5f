"""`lens serve`'s dbt Semantic Layer JDBC API (Arrow Flight SQL): one real server on the session's build.

The server is `lens serve` in a subprocess with a token, on free loopback ports. Its clients are the ADBC
Flight SQL driver (DB-API) and dbt-sl-sdk's ADBC client, as BI tools and notebooks use them. They are
compared with the semantic layer in process (SemanticLayer.query) for the same request. Plain SQL, a hostile
filter and a wrong token must be refused in the HTTP API's words, with no stack trace. Flight SQL messages are
also sent directly with pyarrow.flight, to check the CommandGetSqlInfo answer and plain statements.
"""

from __future__ import annotations

import math
import shutil
import time
import warnings

import adbc_driver_flightsql.dbapi as flightsql
import adbc_driver_manager
import pyarrow.flight as flight
import pytest
from google.protobuf import any_pb2

from conftest import ATTRIBUTION_BYPASSES, DEFAULT_ATTRIBUTION_MODEL, free_port, lens_serve
from decision_lens.semantic import MANIFEST_FILE, MetricQuery, SemanticLayer
from decision_lens.serve.app import Settings
from decision_lens.serve.flight import flight_sql_pb2 as sql
from decision_lens.serve.flight.server import FlightSqlServer
from decision_lens.serve.snapshot import SnapshotStore

with warnings.catch_warnings():  # dbt-sl-sdk warns, on import, that its TimeGranularity enum is deprecated
    warnings.simplefilter("ignore", DeprecationWarning)
    from dbtsl.api.adbc.client.sync import SyncADBCClient
    from dbtsl.api.shared.query_params import GroupByParam, GroupByType, OrderByMetric

TOKEN = "flight-token-0123456789abcdef"
# what dbt-sl-sdk's DBT_SL_ADBC_URL_FORMAT would hold to reach this server: plain gRPC, no TLS
ADBC_URL_FORMAT = "grpc://{server_host}"
AUTHORIZATION = "adbc.flight.sql.authorization_header"
MIDWEST = "{{ Dimension('decision_unit__region') }} = 'Midwest'"

# the ADBC DB-API warns that the server has no transactions to turn autocommit off
pytestmark = pytest.mark.filterwarnings("ignore:Cannot disable autocommit")


@pytest.fixture(scope="module")
def server(small_build, tmp_path_factory):
    """`lens serve` with a token; yields its Flight SQL port. It must stop cleanly and remove its snapshot."""
    folder = tmp_path_factory.mktemp("flight")
    flight_port = free_port()
    with lens_serve(small_build.db_path, folder, TOKEN, "--flight-port", str(flight_port)) as served:
        yield flight_port  # Flight SQL is up before uvicorn starts, so once /health answers
    output = served.output
    assert served.process.returncode == 0, output
    assert f"Flight SQL at grpc://127.0.0.1:{flight_port}" in output
    assert not (folder / "snap").exists()


@pytest.fixture(scope="module")
def connection(server):
    headers = {AUTHORIZATION: f"Bearer {TOKEN}"}
    with flightsql.connect(f"grpc://127.0.0.1:{server}", db_kwargs=headers) as opened:
        yield opened


@pytest.fixture(scope="module")
def layer(small_build):
    opened = SemanticLayer.for_workspace(small_build)
    yield opened
    opened.close()


def fetch(connection, statement: str):
    with connection.cursor() as cursor:
        cursor.execute(statement)
        return cursor.fetch_arrow_table()


def rows(table) -> list[tuple]:
    """The table's rows, NaN as None (a ratio over zero), so answers compare with ==."""
    return [tuple(_plain(value) for value in row.values()) for row in table.to_pylist()]


def expected(layer: SemanticLayer, **query) -> tuple[list[str], list[tuple]]:
    result = layer.query(MetricQuery(**query))
    return result.columns, [tuple(_plain(value) for value in row) for row in result.plain_rows()]


def _plain(value: object) -> object:
    return None if isinstance(value, float) and math.isnan(value) else value


def refused(connection, statement: str) -> str:
    with pytest.raises(adbc_driver_manager.Error) as caught:
        fetch(connection, statement)
    message = str(caught.value)
    assert "Traceback" not in message and ".py" not in message, message
    return message


# ---------------------------------------------------------------------------------------------------------
# ADBC's Flight SQL driver


def test_a_metric_query_with_a_grain_equals_the_semantic_layer(connection, layer):
    columns, values = expected(
        layer,
        metrics=("pipeline_created", "win_rate"),
        group_by=("metric_time__month",),
        order_by=("metric_time__month",),
    )
    assert values, "the fixture must have pipeline"
    for group_by in ("Dimension('metric_time').grain('month')", "TimeDimension('metric_time', 'MONTH')"):
        table = fetch(
            connection,
            f"{{{{ semantic_layer.query(metrics=['pipeline_created', 'win_rate'], group_by=[{group_by}], "
            "order_by=['metric_time']) }}",
        )
        assert table.column_names == columns
        assert rows(table) == values
        assert table.schema.metadata[b"lens.truncated"] == b"false"


def test_a_date_part_equals_the_semantic_layer(connection, layer):
    columns, values = expected(
        layer,
        metrics=("pipeline_created",),
        group_by=("metric_time__extract_month",),
        order_by=("metric_time__extract_month",),
    )
    assert len(values) > 1, "the fixture must have pipeline in several months"
    table = fetch(
        connection,
        "{{ semantic_layer.query(metrics=['pipeline_created'], "
        "group_by=[TimeDimension('metric_time').date_part('month')], "
        "order_by=['metric_time__extract_month']) }}",
    )
    assert (table.column_names, rows(table)) == (columns, values)
    both = "group_by=[TimeDimension('metric_time', 'MONTH').date_part('month')]"
    message = refused(connection, f"{{{{ semantic_layer.query(metrics=['pipeline_created'], {both}) }}}}")
    assert "a grain or a date_part, not both" in message


def test_where_order_and_limit(connection, layer):
    columns, values = expected(
        layer,
        metrics=("signals",),
        group_by=("decision_unit__region", "metric_time__quarter"),
        where=(MIDWEST,),
        order_by=("-signals", "metric_time__quarter"),
        limit=3,
    )
    table = fetch(
        connection,
        "select * from {{ semantic_layer.query(metrics=['signals'], group_by=['decision_unit__region', "
        f"Dimension('metric_time').grain('quarter')], where=[\"{MIDWEST}\"], "
        "order_by=[Metric('signals').descending(True), 'metric_time__quarter'], limit=3) }}",
    )
    assert table.column_names == columns
    assert rows(table) == values
    region = columns.index("decision_unit__region")
    assert len(values) == 3 and {row[region] for row in values} == {"Midwest"}


def test_a_saved_query_and_dimension_values(connection, layer):
    columns, values = expected(layer, saved_query="sales_pipeline")
    table = fetch(connection, "{{ semantic_layer.query(saved_query='sales_pipeline') }}")
    assert table.column_names == columns
    assert sorted(rows(table), key=repr) == sorted(values, key=repr)
    explained = fetch(connection, "{{ semantic_layer.query(saved_query='sales_pipeline', explain=True) }}")
    assert "SELECT" in explained.column("sql")[0].as_py()

    _, regions = expected(layer, metrics=("pipeline_created",), group_by=("decision_unit__region",))
    table = fetch(
        connection,
        "{{ semantic_layer.dimension_values(metrics=['pipeline_created'], "
        "group_by='decision_unit__region') }}",
    )
    assert table.column_names == ["decision_unit__region"]
    assert table.column(0).to_pylist() == sorted(region for region, _ in regions)


def test_metadata_calls(connection):
    metrics = fetch(connection, "{{ semantic_layer.metrics() }}").to_pylist()
    by_name = {metric["name"]: metric for metric in metrics}
    assert {"pipeline_created", "win_rate", "signals"} <= set(by_name)
    assert "decision_unit__region" in by_name["win_rate"]["dimensions"]
    assert by_name["attributed_pipeline_linear"]["label"] == "Attributed pipeline (linear model)"

    dimensions = fetch(connection, "{{ semantic_layer.dimensions(metrics=['win_rate', 'signals']) }}")
    assert dimensions.column_names == ["name", "type", "time_grain", "description"]
    names = dimensions.column("name").to_pylist()
    assert {"metric_time", "decision_unit__region"} <= set(names)
    assert "signal__channel" not in names and "opportunity__stage_name" not in names

    entities = fetch(connection, "{{ semantic_layer.entities(metrics=['win_rate']) }}").column("name")
    assert "decision_unit" in entities.to_pylist()
    saved = fetch(connection, "{{ semantic_layer.saved_queries() }}").column("name").to_pylist()
    assert saved == ["alignment_scorecard", "marketing_weekly", "sales_pipeline"]
    grains = fetch(connection, "{{ semantic_layer.queryable_granularities(metrics=['win_rate']) }}")
    assert {"month", "quarter", "year"} <= set(grains.column("name").to_pylist())


def test_sql_hostile_filters_and_unknown_names_are_refused_in_words(connection):
    assert "not SQL" in refused(connection, "select 1")
    assert "not SQL" in refused(connection, "select * from {{ semantic_layer.metrics() }} where 1 = 1")
    assert "not SQL" in refused(connection, "{% for x in y %}{{ semantic_layer.metrics() }}{% endfor %}")
    message = refused(
        connection,
        "{{ semantic_layer.query(metrics=['signals'], "
        "where=[\"{{ Dimension('decision_unit__region') }} = 'x' or 1 = (select 1)\"]) }}",
    )
    assert "'select' is not allowed" in message
    message = refused(connection, "{{ semantic_layer.query(metrics=['signals'], where=['1=1; drop x']) }}")
    assert "';' is not allowed" in message
    assert "nothing else is evaluated" in refused(
        connection, "{{ semantic_layer.query(metrics=[config.__class__]) }}"
    )
    assert "Did you mean 'pipeline_created'" in refused(
        connection, "{{ semantic_layer.query(metrics=['pipeline_creatd']) }}"
    )
    assert "not supported" in refused(connection, "{{ semantic_layer.compile_sql() }}")


def semantic_query(metrics: list[str], group_by: list[str] = (), where: list[str] = ()) -> str:
    """The statement of semantic_layer.query with these arguments, as Jinja literals."""
    arguments = f"metrics={metrics!r}, group_by={list(group_by)!r}, where={list(where)!r}"
    return f"{{{{ semantic_layer.query({arguments}) }}}}"


@pytest.mark.parametrize("bypass", ATTRIBUTION_BYPASSES.values(), ids=ATTRIBUTION_BYPASSES.keys())
def test_attribution_credits_the_pipeline_once_whatever_the_statement(connection, small_build_credit, bypass):
    table = fetch(connection, semantic_query(["attributed_pipeline"], **bypass))
    credited = sum(value or 0 for value in table.column("attributed_pipeline").to_pylist())
    assert credited == pytest.approx(small_build_credit[DEFAULT_ATTRIBUTION_MODEL])


def test_the_attribution_models_side_by_side_are_one_metric_each(connection, small_build_credit):
    credit = small_build_credit  # {model: the pipeline it credits}
    assert len(credit) == 9
    table = fetch(connection, semantic_query([f"attributed_pipeline_{model}" for model in sorted(credit)]))
    assert table.to_pylist() == [
        {f"attributed_pipeline_{model}": pytest.approx(amount) for model, amount in credit.items()}
    ]


def test_a_wrong_or_missing_token_is_refused(server):
    for headers in ({AUTHORIZATION: "Bearer nope"}, {}):
        with (
            flightsql.connect(f"grpc://127.0.0.1:{server}", db_kwargs=headers) as connection,
            pytest.raises(adbc_driver_manager.Error) as caught,
        ):
            fetch(connection, "{{ semantic_layer.metrics() }}")
        assert "UNAUTHENTICATED" in str(caught.value)
        assert "bearer token" in str(caught.value)


@pytest.fixture(scope="module")
def governed(small_build, tmp_path_factory):
    """A Flight SQL server in process with a row cap of 2 and a timeout of 0.3 s: (its store, a connection).
    Its snapshot is taken of a copy of the build: DuckDB will not open a file this process (the layer
    fixture) has open in another mode."""
    folder = tmp_path_factory.mktemp("governed")
    shutil.copyfile(small_build.db_path, folder / "lens.duckdb")
    shutil.copyfile(small_build.target_dir / MANIFEST_FILE, folder / MANIFEST_FILE)
    store = SnapshotStore(folder / "lens.duckdb", folder / MANIFEST_FILE, snapshot_root=folder / "snap")
    store.open()
    server = FlightSqlServer(store, Settings(poll=False, row_cap=2, timeout_s=0.3), "127.0.0.1", 0)
    try:
        with flightsql.connect(f"grpc://127.0.0.1:{server.port}") as connection:
            yield store, connection
    finally:
        server.shutdown()
        store.close()


def test_the_row_cap_truncates_and_says_so(governed, layer):
    _, connection = governed
    _, monthly = expected(layer, metrics=("signals",), group_by=("metric_time__month",))
    assert len(monthly) > 2
    capped = fetch(connection, semantic_query(["signals"], ["metric_time__month"]))
    values = fetch(
        connection,
        "{{ semantic_layer.dimension_values(metrics=['signals'], group_by='metric_time__month') }}",
    )
    for table in (capped, values):
        assert table.num_rows == 2
        assert table.schema.metadata[b"lens.truncated"] == b"true"
        assert table.schema.metadata[b"lens.row_cap"] == b"2"
    assert "limit" in refused(
        connection,
        "{{ semantic_layer.query(metrics=['signals'], group_by=['metric_time__month'], limit=3) }}",
    )


def test_the_timeout_stops_a_statement_in_the_http_api_words(governed, monkeypatch):
    """A statement that would run for minutes is stopped at the timeout: DEADLINE_EXCEEDED, no stack trace."""
    store, connection = governed
    monkeypatch.setattr(
        store.current.layer, "explain", lambda query: "select sum(range % 7) from range(100000000000)"
    )
    started = time.perf_counter()
    message = refused(connection, semantic_query(["signals"], ["metric_time__month"]))
    assert time.perf_counter() - started < 5
    assert "timeout of 0.3 s" in message, message


# ---------------------------------------------------------------------------------------------------------
# dbt-sl-sdk


def test_dbt_sl_sdk_adbc_client(server, layer):
    client = SyncADBCClient(f"127.0.0.1:{server}", 1, TOKEN, url_format=ADBC_URL_FORMAT)
    with client.session():
        table = client.query(
            metrics=["pipeline_created"],
            group_by=[
                GroupByParam("metric_time", GroupByType.TIME_DIMENSION, "MONTH"),
                "decision_unit__region",
            ],
            where=[MIDWEST],
            order_by=[OrderByMetric("pipeline_created", descending=True), "metric_time"],
            limit=5,
        )
        saved = client.query(saved_query="alignment_scorecard")
        regions = client.dimension_values(metrics=["pipeline_created"], group_by="decision_unit__region")
    columns, values = expected(
        layer,
        metrics=("pipeline_created",),
        group_by=("metric_time__month", "decision_unit__region"),
        where=(MIDWEST,),
        order_by=("-pipeline_created", "metric_time__month"),
        limit=5,
    )
    assert table.column_names == columns
    assert rows(table) == values
    _, scorecard = expected(layer, saved_query="alignment_scorecard")
    assert sorted(rows(saved), key=repr) == sorted(scorecard, key=repr)
    assert "Midwest" in regions.column("decision_unit__region").to_pylist()


# ---------------------------------------------------------------------------------------------------------
# Flight SQL messages, sent directly


def command(message) -> flight.FlightDescriptor:
    packed = any_pb2.Any()
    packed.Pack(message)
    return flight.FlightDescriptor.for_command(packed.SerializeToString())


def test_sql_info_and_a_plain_statement_over_flight(server):
    options = flight.FlightCallOptions(headers=[(b"authorization", f"Bearer {TOKEN}".encode())])
    with flight.FlightClient(f"grpc://127.0.0.1:{server}") as client:
        info = client.get_flight_info(command(sql.CommandGetSqlInfo(info=[0, 3, 8, 999])), options)
        answer = client.do_get(info.endpoints[0].ticket, options).read_all().to_pylist()
        assert {row["info_name"]: row["value"] for row in answer} == {0: "decision-lens", 3: True, 8: 0}

        statement = sql.CommandStatementQuery(query="{{ semantic_layer.saved_queries() }}")
        info = client.get_flight_info(command(statement), options)
        assert info.total_records == 3
        ticket = info.endpoints[0].ticket
        assert client.do_get(ticket, options).read_all().num_rows == 3
        with pytest.raises(flight.FlightServerError, match="unknown or expired"):
            client.do_get(ticket, options).read_all()
        with pytest.raises(flight.FlightServerError, match="CommandGetCatalogs is not supported"):
            client.get_flight_info(command(sql.CommandGetCatalogs()), options)
        with pytest.raises(flight.FlightUnauthenticatedError):
            client.get_flight_info(command(statement))
