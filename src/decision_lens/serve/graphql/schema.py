"""The Query and Mutation of dbt's Semantic Layer GraphQL API, over the snapshot `lens serve` serves.

Every field wants the HTTP API's bearer token; resolvers are async and do their work in the thread pool
(running.py). environmentId is accepted and ignored.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.permission import BasePermission
from strawberry.types import Info

from decision_lens.serve.auth import Unauthorized, check_header
from decision_lens.serve.graphql import enums
from decision_lens.serve.graphql import types as gql
from decision_lens.serve.graphql.catalog_view import view
from decision_lens.serve.graphql.errors import unauthorized
from decision_lens.serve.graphql.query_input import grain_of
from decision_lens.serve.graphql.running import QueryResult, answer, compiled_sql, in_thread, run_query


class Authorized(BasePermission):
    """The HTTP API's bearer token (auth.py); introspection, like /openapi.json, needs none."""

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        try:
            check_header(info.context["settings"].token, info.context["request"].headers.get("authorization"))
        except Unauthorized as error:
            raise unauthorized(error) from error
        return True


def guarded(description: str) -> Any:
    return strawberry.field(description=description, permission_classes=[Authorized])


def guarded_mutation(description: str) -> Any:
    return strawberry.mutation(description=description, permission_classes=[Authorized])


@strawberry.type
class Query:
    @guarded("Every metric, with its dimensions, entities, measures and time grains")
    async def metrics(self, info: Info, environment_id: gql.BigInt) -> list[gql.Metric]:
        return await in_thread(lambda: view(info.context["store"].current.catalog).metrics())

    @guarded("The dimensions every one of the metrics can be grouped by")
    async def dimensions(
        self, info: Info, environment_id: gql.BigInt, metrics: list[gql.MetricInput]
    ) -> list[gql.Dimension]:
        names = [metric.name for metric in metrics]
        return await in_thread(lambda: view(info.context["store"].current.catalog).dimensions(names))

    @guarded("The entities every one of the metrics can be grouped by")
    async def entities(
        self, info: Info, environment_id: gql.BigInt, metrics: list[gql.MetricInput]
    ) -> list[gql.Entity]:
        names = [metric.name for metric in metrics]
        return await in_thread(lambda: view(info.context["store"].current.catalog).entities(names))

    @guarded("The measures the metrics aggregate")
    async def measures(
        self, info: Info, environment_id: gql.BigInt, metrics: list[gql.MetricInput]
    ) -> list[gql.Measure]:
        names = [metric.name for metric in metrics]
        return await in_thread(lambda: view(info.context["store"].current.catalog).measures(names))

    @guarded("The metrics that can be grouped by every one of these dimensions or entities")
    async def metrics_for_dimensions(
        self, info: Info, environment_id: gql.BigInt, dimensions: list[gql.GroupByInput]
    ) -> list[gql.Metric]:
        items = [(item.name, grain_of(item)) for item in dimensions]
        return await in_thread(lambda: view(info.context["store"].current.catalog).metrics_for(items))

    @guarded("The saved queries: run one with createQuery(savedQuery: name)")
    async def saved_queries(self, info: Info, environment_id: gql.BigInt) -> list[gql.SavedQuery]:
        return await in_thread(lambda: view(info.context["store"].current.catalog).saved_queries())

    @guarded("The SQL engine and dialect queries run on")
    async def environment_info(self, info: Info, environment_id: gql.BigInt) -> gql.EnvironmentInfo:
        snapshot = info.context["store"].current
        engine = snapshot.layer.client.sql_engine_type.name
        return gql.EnvironmentInfo(
            sql_dialect=enums.SqlDialect.__members__.get(engine, enums.SqlDialect.UNKNOWN),
            has_metrics_defined=bool(snapshot.catalog.metrics),
            dialect=enums.SqlEngine.__members__.get(engine, enums.SqlEngine.UNKNOWN),
            dialect_supported_by_slg=False,
        )

    @guarded("A page of a query's result; pages count from 1")
    async def query(
        self, info: Info, environment_id: gql.BigInt, query_id: str, page_num: int = 1
    ) -> QueryResult:
        return await in_thread(lambda: answer(info.context["results"].get(query_id), page_num))


@strawberry.type
class Mutation:
    @guarded_mutation("Run a query (metrics and groupBy, or a savedQuery); read it with query(queryId)")
    async def create_query(
        self,
        info: Info,
        environment_id: gql.BigInt,
        saved_query: str | None = None,
        metrics: list[gql.MetricInput] | None = None,
        group_by: list[gql.GroupByInput] | None = None,
        where: list[gql.WhereInput] | None = None,
        order_by: list[gql.OrderByInput] | None = None,
        limit: int | None = None,
        read_cache: bool | None = None,
    ) -> gql.CreateQueryResult:
        arguments = dict(
            saved_query=saved_query,
            metrics=metrics,
            group_by=group_by,
            where=where,
            order_by=order_by,
            limit=limit,
        )
        entry = info.context["results"].start()
        await in_thread(lambda: run_query(info.context, entry, arguments))
        return gql.CreateQueryResult(query_id=entry.query_id)

    @guarded_mutation("The SQL a query would run (the same checks as createQuery; nothing is run)")
    async def compile_sql(
        self,
        info: Info,
        environment_id: gql.BigInt,
        saved_query: str | None = None,
        metrics: list[gql.MetricInput] | None = None,
        group_by: list[gql.GroupByInput] | None = None,
        where: list[gql.WhereInput] | None = None,
        order_by: list[gql.OrderByInput] | None = None,
        limit: int | None = None,
        read_cache: bool | None = None,
    ) -> gql.CompileSqlResult:
        arguments = dict(
            saved_query=saved_query,
            metrics=metrics,
            group_by=group_by,
            where=where,
            order_by=order_by,
            limit=limit,
        )
        return gql.CompileSqlResult(sql=await in_thread(lambda: compiled_sql(info.context, arguments)))

    @guarded_mutation("Cancel a query: it is marked FAILED, with the error 'The query was cancelled.'")
    async def cancel_query(self, info: Info, environment_id: gql.BigInt, query_id: str) -> QueryResult:
        return await in_thread(lambda: answer(info.context["results"].cancel(query_id)))
