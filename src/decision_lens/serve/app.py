"""The HTTP API: catalog, queries and explain over the semantic layer, served from a snapshot.

Handlers are plain functions, run in FastAPI's thread pool: each request leases the current snapshot (see
snapshot.py), so a swap never pulls a database from under a running query. Nothing a client sends becomes
SQL except a where filter, and that only after guards.check_filter and MetricFlow have read it.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import metadata
from typing import Annotated

import duckdb
from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from decision_lens import __version__
from decision_lens.semantic import SemanticLayerError
from decision_lens.serve import DEFAULT_MAX_REQUEST_BYTES, errors, formats, guards, models
from decision_lens.serve.auth import check_header
from decision_lens.serve.body_limit import BodyLimit
from decision_lens.serve.catalog import UnknownName
from decision_lens.serve.checked import checked_query
from decision_lens.serve.engine import DistinctValuesQuery
from decision_lens.serve.graphql import GRAPHQL_PATH, graphql_router
from decision_lens.serve.pages import pages_router
from decision_lens.serve.snapshot import Snapshot, SnapshotStore

DESCRIPTION = """\
The Decision Lens semantic layer over HTTP: the metrics MetricFlow defines in models/semantic/*.yml, read
from a read-only snapshot of the DuckDB database.

* **Catalog**: metrics, the dimensions and entities valid for a set of metrics, time grains, saved
  queries, the values of a dimension.
* **Query** (`POST /v1/query`): metrics by group-by items (or a saved query), with MetricFlow where filters,
  order, limit and a metric_time range. Results as JSON, CSV or Arrow IPC (stream): the `format` field or
  query parameter, else the Accept header. `POST /v1/explain` returns the SQL instead.
* **Limits**: at most the row cap rows per answer (`truncated` tells when rows were left out); a query that
  runs past the timeout is stopped (504).
* **Auth**: when the server has a token, send `Authorization: Bearer <token>` (all but /health and the docs).
* **Errors**: JSON `{status, error, message, suggestions, detail}`.
"""

RESULT_CONTENT = {
    200: {
        "description": "The rows, in the negotiated format",
        "content": {formats.CSV: {}, formats.ARROW: {}},
    }
}


def _errors(*statuses: int) -> dict[int | str, dict[str, object]]:
    return {status: {"model": models.ErrorBody} for status in statuses}


CATALOG_ERRORS = _errors(400, 422)
QUERY_ERRORS = _errors(400, 406, 422, 503, 504)
BEARER = HTTPBearer(auto_error=False, description="the server's token (DECISION_LENS_API_TOKEN)")
MetricNames = Annotated[list[str] | None, Query(description="metric names, comma-separated or repeated")]


@dataclass(frozen=True)
class Settings:
    row_cap: int = 100_000
    timeout_s: float = 30.0
    token: str | None = None
    poll: bool = True  # watch the source database and swap in rebuilt copies
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES


def create_app(store: SnapshotStore, settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.poll:
            store.start_polling()
        yield
        store.stop_polling()

    app = FastAPI(
        title="Decision Lens semantic layer API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_tags=[
            {"name": "catalog", "description": "What can be asked"},
            {"name": "query", "description": "Metric values and their SQL"},
            {"name": "service", "description": "Health and versions"},
        ],
    )
    errors.install(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)

    def authorize(
        request: Request, _: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]
    ) -> None:
        """HTTPBearer puts the scheme in the OpenAPI document; check_header reads the header itself."""
        check_header(settings.token, request.headers.get("authorization"))

    api = APIRouter(dependencies=[Depends(authorize)], responses={401: {"model": models.ErrorBody}})

    @app.get("/health", tags=["service"])
    def health() -> dict[str, object]:
        """Up and serving; no token needed. source_changed: a rebuilt database is waiting to be picked up."""
        return {
            "status": "ok",
            "snapshot": store.current.generation,
            "source_changed": store.source_changed(),
        }

    @api.get("/version", tags=["service"])
    def version() -> dict[str, object]:
        """Versions of lens, MetricFlow and DuckDB; the database and manifest being served; the limits."""
        snapshot = store.current
        return {
            "name": "decision-lens",
            "version": __version__,
            "metricflow": metadata.version("metricflow"),
            "dbt_metricflow": metadata.version("dbt-metricflow"),
            "duckdb": duckdb.__version__,
            "database": {"source": store.source_name, **snapshot.info()},
            "last_refresh_error": store.last_error,
            "limits": {"row_cap": settings.row_cap, "timeout_s": settings.timeout_s},
            "auth": settings.token is not None,
        }

    @api.get("/v1/metrics", tags=["catalog"], response_model=models.MetricList)
    def metrics() -> dict[str, object]:
        """Every metric: name, label, type, description, owner team, lens, and what a query must include."""
        return {"metrics": store.current.catalog.metrics}

    @api.get(
        "/v1/dimensions", tags=["catalog"], response_model=models.DimensionList, responses=CATALOG_ERRORS
    )
    def dimensions(metrics: MetricNames = None) -> dict[str, object]:
        """The dimensions every one of the metrics can be grouped by (without metrics: any metric's)."""
        names = _names(metrics)
        items = store.current.catalog.dimensions(names)
        return {"metrics": names, "dimensions": [item.__dict__ for item in items]}

    @api.get("/v1/entities", tags=["catalog"], response_model=models.EntityList, responses=CATALOG_ERRORS)
    def entities(metrics: MetricNames = None) -> dict[str, object]:
        """The entities every one of the metrics can be grouped by, as group-by names."""
        names = _names(metrics)
        return {"metrics": names, "entities": store.current.catalog.entities(names)}

    @api.get(
        "/v1/granularities", tags=["catalog"], response_model=models.GranularityList, responses=CATALOG_ERRORS
    )
    def granularities(metrics: MetricNames = None) -> dict[str, object]:
        """Time grains; with metrics, the grains metric_time takes for them (metric_time__<grain>)."""
        return store.current.catalog.granularities(_names(metrics))

    @api.get("/v1/saved-queries", tags=["catalog"], response_model=models.SavedQueryList)
    def saved_queries() -> dict[str, object]:
        """The saved queries: run one with POST /v1/query {"saved_query": name}."""
        return {"saved_queries": store.current.catalog.saved_queries}

    @api.get(
        "/v1/dimension-values",
        tags=["catalog"],
        response_model=models.DimensionValues,
        responses=_errors(400, 422, 503, 504),
    )
    def dimension_values(
        dimension: Annotated[str, Query(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=200)],
        limit: Annotated[int | None, Query(ge=1)] = None,
    ) -> dict[str, object]:
        """The distinct values of a dimension (a MetricFlow query with the dimension as its only group-by)."""
        guards.check_limit(limit, settings.row_cap)
        query = DistinctValuesQuery(group_by=(dimension,), order_by=(dimension,), limit=limit)
        with store.lease() as snapshot:
            try:
                capped = snapshot.layer.run(query, settings.timeout_s, settings.row_cap)
            except SemanticLayerError as error:
                raise _unknown_dimension(snapshot, dimension, error) from error
        return {
            "dimension": dimension,
            "values": [record[dimension] for record in formats.json_records(capped.result)],
            "truncated": capped.truncated,
            "snapshot": snapshot.generation,
        }

    @api.post(
        "/v1/query",
        tags=["query"],
        response_model=models.QueryResponse,
        responses={**RESULT_CONTENT, **QUERY_ERRORS},
    )
    def query(
        body: models.QueryRequest,
        format: Annotated[models.Format | None, Query(description="json, csv or arrow")] = None,
        accept: Annotated[str | None, Header(include_in_schema=False)] = None,
    ):
        """Metric values as JSON, CSV or Arrow IPC; over the row cap, the first rows and truncated=true."""
        chosen = formats.negotiate(body.format or format, accept)
        started = time.perf_counter()
        with store.lease() as snapshot:
            capped = snapshot.layer.run(
                checked_query(snapshot, body, settings.row_cap), settings.timeout_s, settings.row_cap
            )
        meta = {
            "row_count": len(capped.result.rows),
            "truncated": capped.truncated,
            "row_cap": settings.row_cap,
            "snapshot": snapshot.generation,
            "elapsed_ms": round((time.perf_counter() - started) * 1000, 1),
        }
        return formats.render(chosen, capped.result, meta)

    @api.post("/v1/explain", tags=["query"], response_model=models.ExplainResponse, responses=CATALOG_ERRORS)
    def explain(body: models.QueryRequest) -> dict[str, object]:
        """The SQL MetricFlow writes for the query (the same checks as /v1/query; nothing is run)."""
        with store.lease() as snapshot:
            sql = snapshot.layer.explain(checked_query(snapshot, body, settings.row_cap))
        return {"sql": sql, "snapshot": snapshot.generation}

    app.include_router(api)
    app.include_router(graphql_router(store, settings), prefix=GRAPHQL_PATH)
    app.include_router(pages_router(store, settings))
    return app


def _names(values: list[str] | None) -> list[str]:
    return [name.strip() for value in values or () for name in value.split(",") if name.strip()]


def _unknown_dimension(snapshot: Snapshot, dimension: str, error: SemanticLayerError) -> Exception:
    """MetricFlow's distinct-values error lists no close names: add them from the catalog."""
    if dimension not in snapshot.catalog.all_dimension_names():
        return UnknownName("dimension", dimension, snapshot.catalog.all_dimension_names())
    return errors.from_metricflow(error)
