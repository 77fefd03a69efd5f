"""Query results between createQuery and the `query(queryId, pageNum)` calls that read them, in memory.

A result is an Arrow table of the rows (the figures of formats.py: QueryResult.plain_rows), served in pages of
PAGE_ROWS rows numbered from 1 as dbt numbers them; every page has the whole result's schema, so a client can
concatenate them. At most MAX_KEPT results are kept, each for KEEP_S seconds: the oldest go first.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

import pyarrow as pa

from decision_lens.serve import formats
from decision_lens.serve.engine import CappedResult
from decision_lens.serve.errors import ApiError
from decision_lens.serve.graphql.enums import JsonOrient, QueryStatus

PAGE_ROWS = 10_000  # rows per page; a client asks for pages 1..totalPages
MAX_KEPT = 64  # results kept at once (each at most the row cap's rows)
KEEP_S = 15 * 60.0  # seconds a result is kept after createQuery
CANCELLED = "The query was cancelled."


@dataclass
class StoredQuery:
    query_id: str
    created: float
    page_rows: int
    status: QueryStatus = QueryStatus.RUNNING
    sql: str | None = None
    error: str | None = None
    table: pa.Table | None = None

    @property
    def total_pages(self) -> int | None:
        if self.table is None:
            return None
        return max(1, math.ceil(self.table.num_rows / self.page_rows))

    def page(self, number: int) -> pa.Table:
        """Page `number` (from 1) of a successful result."""
        if self.table is None or self.total_pages is None:
            raise ApiError(400, "invalid_query", f"Query {self.query_id} has no rows to page through.")
        if not 1 <= number <= self.total_pages:
            raise ApiError(
                400,
                "invalid_query",
                f"pageNum {number} is out of range: pages go from 1 to {self.total_pages}.",
            )
        return self.table.slice((number - 1) * self.page_rows, self.page_rows)


class ResultStore:
    def __init__(self, page_rows: int | None = None) -> None:
        self.page_rows = page_rows or PAGE_ROWS
        self._queries: OrderedDict[str, StoredQuery] = OrderedDict()
        self._lock = threading.Lock()

    def start(self) -> StoredQuery:
        entry = StoredQuery(secrets.token_urlsafe(16), time.monotonic(), self.page_rows)
        with self._lock:
            self._expire()
            self._queries[entry.query_id] = entry
            while len(self._queries) > MAX_KEPT:
                self._queries.popitem(last=False)
        return entry

    def get(self, query_id: str) -> StoredQuery:
        with self._lock:
            self._expire()
            entry = self._queries.get(query_id)
        if entry is None:
            raise ApiError(
                404,
                "unknown_query",
                f"No query {query_id!r}: results are kept {KEEP_S / 60:g} minutes (the last {MAX_KEPT}); "
                "run createQuery again.",
            )
        return entry

    def cancel(self, query_id: str) -> StoredQuery:
        """The query is marked failed and cancelled, and its rows dropped."""
        entry = self.get(query_id)
        entry.status, entry.error, entry.table = QueryStatus.FAILED, CANCELLED, None
        return entry

    def _expire(self) -> None:
        oldest_kept = time.monotonic() - KEEP_S
        while self._queries and next(iter(self._queries.values())).created < oldest_kept:
            self._queries.popitem(last=False)


def capped_table(capped: CappedResult, row_cap: int, generation: int) -> pa.Table:
    """What GraphQL keeps and Flight SQL sends: /v1/query's Arrow table, with its facts in the metadata."""
    meta = {"row_count": len(capped.result.rows), "truncated": capped.truncated, "row_cap": row_cap}
    return formats.arrow_table(capped.result, {**meta, "snapshot": generation})


def arrow_base64(page: pa.Table) -> str:
    """An Arrow IPC stream, base64: what dbt-sl-sdk decodes (QueryResult.result_table)."""
    return base64.b64encode(formats.ipc_stream(page)).decode("ascii")


def json_text(page: pa.Table, orient: JsonOrient) -> str:
    """The page as JSON, dates as ISO strings; JSON has no NaN or infinity: such values become null."""
    records = [{key: _json_value(value) for key, value in row.items()} for row in page.to_pylist()]
    if orient is JsonOrient.RECORDS:
        body: object = records
    else:
        fields = [{"name": field.name, "type": str(field.type)} for field in page.schema]
        body = {"schema": {"fields": fields}, "data": records}
    return json.dumps(body, default=str, allow_nan=False, separators=(",", ":"))


def _json_value(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
