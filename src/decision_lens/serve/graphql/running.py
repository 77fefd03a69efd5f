"""Queries as createQuery and compileSql run them, and the QueryResult pages `query(queryId)` reads.

A query is checked as the HTTP API checks it (checked.py) and run as /v1/query runs it: on a leased snapshot,
under the timeout and the row cap. createQuery runs it before it answers, so the first `query` call finds it
SUCCESSFUL or FAILED, with its error in the HTTP API's words. The work runs in the thread pool: MetricFlow and
DuckDB block.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import strawberry
from starlette.concurrency import run_in_threadpool

from decision_lens.serve.checked import checked_query
from decision_lens.serve.errors import api_error
from decision_lens.serve.graphql import enums
from decision_lens.serve.graphql.errors import DURING, graphql_error
from decision_lens.serve.graphql.query_input import query_request
from decision_lens.serve.graphql.results import StoredQuery, arrow_base64, capped_table, json_text

T = TypeVar("T")


async def in_thread(work: Callable[[], T]) -> T:
    """work() in the thread pool; a failure as a GraphQL error."""
    try:
        return await run_in_threadpool(work)
    except Exception as error:
        raise graphql_error(error) from error


def run_query(context: dict[str, Any], entry: StoredQuery, arguments: dict[str, Any]) -> None:
    """Run createQuery's query and keep its rows or its error in entry."""
    settings = context["settings"]
    try:
        body = query_request(**arguments)
        with context["store"].lease() as snapshot:
            query = checked_query(snapshot, body, settings.row_cap)
            entry.sql = snapshot.layer.explain(query)
            capped = snapshot.layer.run(query, settings.timeout_s, settings.row_cap)
        entry.table = capped_table(capped, settings.row_cap, snapshot.generation)
        entry.status = enums.QueryStatus.SUCCESSFUL
    except Exception as error:
        entry.error, entry.status = api_error(error, DURING).message, enums.QueryStatus.FAILED


def compiled_sql(context: dict[str, Any], arguments: dict[str, Any]) -> str:
    body = query_request(**arguments)
    with context["store"].lease() as snapshot:
        return snapshot.layer.explain(checked_query(snapshot, body, context["settings"].row_cap))


@strawberry.type
class QueryResult:
    query_id: str
    status: enums.QueryStatus
    sql: str | None
    error: str | None
    total_pages: int | None
    page_num: strawberry.Private[int]
    stored: strawberry.Private[StoredQuery]

    @strawberry.field(description="this page's rows as an Arrow IPC stream, base64")
    async def arrow_result(self) -> str | None:
        if self.stored.table is None:
            return None
        return await in_thread(lambda: arrow_base64(self.stored.page(self.page_num)))

    @strawberry.field(description="this page's rows as JSON (TABLE: schema and data; RECORDS: the rows)")
    async def json_result(self, orient: enums.JsonOrient = enums.JsonOrient.TABLE) -> str | None:
        if self.stored.table is None:
            return None
        return await in_thread(lambda: json_text(self.stored.page(self.page_num), orient))


def answer(entry: StoredQuery, page_num: int = 1) -> QueryResult:
    if entry.table is not None:
        entry.page(page_num)  # a page out of range is an error now, not a null result
    return QueryResult(
        query_id=entry.query_id,
        status=entry.status,
        sql=entry.sql,
        error=entry.error,
        total_pages=entry.total_pages,
        page_num=page_num,
        stored=entry,
    )
