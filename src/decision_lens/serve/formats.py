"""Query results as JSON, CSV or Arrow IPC, chosen by the `format` parameter or else the Accept header.

Every format carries the same figures (`QueryResult.plain_rows`: day-grain times as dates, decimals as int or
float) and the same facts about the answer in headers: X-Lens-Row-Count, X-Lens-Truncated (true when the row
cap left rows out), X-Lens-Row-Cap and X-Lens-Snapshot (the snapshot generation that answered).
"""

from __future__ import annotations

import csv
import io
import json
import math

import pyarrow as pa
from fastapi.responses import Response

from decision_lens.semantic import QueryResult

JSON = "application/json"
CSV = "text/csv"
ARROW = "application/vnd.apache.arrow.stream"
MEDIA_TYPES = {"json": JSON, "csv": CSV, "arrow": ARROW}
HEADERS = {
    "row_count": "X-Lens-Row-Count",
    "truncated": "X-Lens-Truncated",
    "row_cap": "X-Lens-Row-Cap",
    "snapshot": "X-Lens-Snapshot",
}
ACCEPTED = {JSON: "json", CSV: "csv", ARROW: "arrow", "*/*": "json", "application/*": "json", "text/*": "csv"}


class NotAcceptable(ValueError):
    pass


def negotiate(explicit: str | None, accept: str | None) -> str:
    """json, csv or arrow: the explicit format wins; else the Accept header's best match; else JSON."""
    if explicit:
        return explicit
    if not accept:
        return "json"
    ranked = []
    for position, part in enumerate(accept.split(",")):
        media_type, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media_type.lower() in ACCEPTED and quality > 0:
            ranked.append((-quality, position, ACCEPTED[media_type.lower()]))
    if not ranked:
        raise NotAcceptable(
            f"None of the media types in Accept ({accept[:200]}) can be served: use {JSON}, {CSV} or "
            f"{ARROW}, or the format parameter (json, csv, arrow)."
        )
    return min(ranked)[2]


def render(fmt: str, result: QueryResult, meta: dict[str, object]) -> Response:
    """The response for one result; meta (row_count, truncated, row_cap, snapshot) goes in headers too."""
    headers = {header: _header_text(meta[key]) for key, header in HEADERS.items()}
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(result.plain_rows())
        return Response(out.getvalue(), media_type=f"{CSV}; charset=utf-8", headers=headers)
    if fmt == "arrow":
        return Response(_arrow(result, meta), media_type=ARROW, headers=headers)
    body = {"columns": result.columns, "rows": json_records(result), **meta}
    # default=str: a type JSON lacks (an interval, a UUID) is sent as its text rather than failing
    text = json.dumps(body, default=str, allow_nan=False, separators=(",", ":"))
    return Response(text, media_type=JSON, headers=headers)


def _arrow(result: QueryResult, meta: dict[str, object]) -> bytes:
    return ipc_stream(arrow_table(result, meta))


def arrow_table(result: QueryResult, meta: dict[str, object]) -> pa.Table:
    """The rows as an Arrow table (QueryResult.plain_rows), the headers' facts in its schema's metadata
    (lens.row_count, lens.truncated, ...): /v1/query's Arrow answer, GraphQL's pages, Flight SQL's stream."""
    rows = result.plain_rows()
    arrays = [pa.array([row[i] for row in rows]) for i in range(len(result.columns))]
    metadata = {f"lens.{key}": _header_text(value) for key, value in meta.items()}
    return pa.Table.from_arrays(arrays, names=result.columns, metadata=metadata)


def ipc_stream(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _header_text(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def json_records(result: QueryResult) -> list[dict[str, object]]:
    """The rows as JSON objects. JSON has no NaN or infinity: such values (a ratio over zero) become null."""
    records = result.records()
    for record in records:
        for key, value in record.items():
            if isinstance(value, float) and not math.isfinite(value):
                record[key] = None
    return records
