"""A request as every protocol of `lens serve` receives it (HTTP, GraphQL, Flight SQL), checked once: names
known, filters safe (guards.py), the limit under the row cap. Only a checked MetricQuery reaches
MetricFlow."""

from __future__ import annotations

from decision_lens.semantic import MetricQuery
from decision_lens.serve import guards, models
from decision_lens.serve.errors import ApiError
from decision_lens.serve.snapshot import Snapshot


def checked_query(snapshot: Snapshot, body: models.QueryRequest, row_cap: int) -> MetricQuery:
    """The checked MetricQuery for a request: names known, filters safe, limit under the cap."""
    catalog = snapshot.catalog
    if body.saved_query and (body.metrics or body.group_by):
        raise ApiError(400, "invalid_query", "Send either saved_query or metrics and group_by, not both.")
    if body.saved_query:
        catalog.check_saved_query(body.saved_query)
    elif body.metrics:
        catalog.check_metrics(body.metrics)
    else:
        raise ApiError(
            400, "invalid_query", "Name the metrics to query, or a saved_query (GET /v1/saved-queries)."
        )
    for item in body.where:
        guards.check_filter(item)
    guards.check_limit(body.limit, row_cap)
    if body.start and body.end and body.start > body.end:
        raise ApiError(400, "invalid_query", f"start {body.start} is after end {body.end}.")
    return MetricQuery(
        metrics=body.metrics,
        group_by=body.group_by,
        where=body.where,
        order_by=body.order_by,
        limit=body.limit,
        start=body.start,
        end=body.end,
        saved_query=body.saved_query,
    )
