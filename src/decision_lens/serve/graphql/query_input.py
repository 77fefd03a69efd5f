"""A createQuery or compileSql's arguments as the HTTP API's QueryRequest, which checked.py then checks.

Group-by items {name, grain | timeGranularity | datePart} become MetricFlow names (metric_time + month ->
metric_time__month; datePart MONTH -> metric_time__extract_month); order-by items {metric: {name}} or
{groupBy: {name, grain}} with descending become names with a leading - . A groupBy order item without a grain
takes the grain its name has in the query's group-by (metric_time -> metric_time__month), as dbt's server
chooses it.
"""

from __future__ import annotations

from collections.abc import Sequence

from decision_lens.serve.errors import ApiError
from decision_lens.serve.graphql import enums
from decision_lens.serve.graphql import types as gql
from decision_lens.serve.models import QueryRequest


def query_request(
    *,
    saved_query: str | None,
    metrics: Sequence[gql.MetricInput] | None,
    group_by: Sequence[gql.GroupByInput] | None,
    where: Sequence[gql.WhereInput] | None,
    order_by: Sequence[gql.OrderByInput] | None,
    limit: int | None,
) -> QueryRequest:
    """The request; pydantic's ValidationError or ApiError when the arguments cannot make one."""
    names = [group_by_name(item) for item in group_by or ()]
    return QueryRequest(
        saved_query=saved_query,
        metrics=[metric.name for metric in metrics or ()],
        group_by=names,
        where=[item.sql for item in where or ()],
        order_by=[order_name(item, names) for item in order_by or ()],
        limit=limit,
    )


def group_by_name(item: gql.GroupByInput) -> str:
    grain = grain_of(item)
    if item.date_part is not None:
        if grain:
            raise ApiError(
                400,
                "invalid_query",
                f"groupBy {item.name!r}: give a grain or a datePart, not both "
                '(e.g. {name: "metric_time", datePart: MONTH} groups by the month of the year).',
            )
        return f"{item.name}__extract_{item.date_part.value.lower()}"
    if grain and not item.name.endswith(f"__{grain}"):
        return f"{item.name}__{grain}"
    return item.name


def order_name(item: gql.OrderByInput, group_by: Sequence[str]) -> str:
    if (item.metric is None) == (item.group_by is None):
        raise ApiError(400, "invalid_query", "Each orderBy item names either a metric or a groupBy item.")
    if item.metric is not None:
        name = item.metric.name
    else:
        name = group_by_name(item.group_by)
        if not grain_of(item.group_by) and name not in group_by:
            name = next((known for known in group_by if known in _with_grains(name)), name)
    return f"-{name}" if item.descending else name


def _with_grains(name: str) -> set[str]:
    return {f"{name}__{grain.value.lower()}" for grain in enums.TimeGranularity}


def grain_of(item: gql.GroupByInput) -> str | None:
    """The item's grain, lower case as MetricFlow names it: timeGranularity, else grain."""
    if item.time_granularity:
        return item.time_granularity.lower()
    return item.grain.value.lower() if item.grain is not None else None
