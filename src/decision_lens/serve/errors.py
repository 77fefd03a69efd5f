"""Every error as JSON: {status, error, message, suggestions, detail}; never a stack trace.

api_error words any failure once for every protocol: the HTTP API's handlers (install), GraphQL's errors
(graphql/errors.py) and Flight SQL's (flight/errors.py) all say what it says.

MetricFlow's messages name the bad input and list close names ("Suggestions: [...]"): the message keeps the
input and the first sentence, suggestions carries the names, detail the whole text.
"""

from __future__ import annotations

import logging
import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from decision_lens.semantic import SemanticLayerError
from decision_lens.serve.auth import Unauthorized
from decision_lens.serve.catalog import UnknownName
from decision_lens.serve.engine import DatabaseUnavailable, QueryTimeout
from decision_lens.serve.formats import NotAcceptable
from decision_lens.serve.guards import RequestRefused

log = logging.getLogger("decision_lens.serve")

INTERNAL_MESSAGE = "Internal server error; the server log has the details."
UNAVAILABLE_MESSAGE = "The database snapshot cannot be read right now."

SUGGESTIONS = re.compile(r"Suggestions:\s*\[(.*?)\]", re.DOTALL)
QUOTED = re.compile(r"'([^']*)'")


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        error: str,
        message: str,
        suggestions: list[str] | None = None,
        detail: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.suggestions = suggestions or []
        self.detail = detail


def error_response(error: ApiError, headers: dict[str, str] | None = None) -> JSONResponse:
    body = {
        "status": error.status,
        "error": error.error,
        "message": error.message,
        "suggestions": error.suggestions,
        "detail": error.detail,
    }
    return JSONResponse(body, status_code=error.status, headers=headers)


def from_metricflow(error: SemanticLayerError) -> ApiError:
    """A 400 that names the bad input and MetricFlow's suggestions."""
    text = str(error)
    suggestions = [name for block in SUGGESTIONS.findall(text) for name in QUOTED.findall(block)]
    return ApiError(400, "invalid_query", _summary(text), list(dict.fromkeys(suggestions)), text)


def _summary(text: str) -> str:
    """ "'<input>': <first sentence of the message>" for each of MetricFlow's errors, else the text."""
    parts = []
    for block in re.split(r"\n\s*Error #\d+:\s*\n", text)[1:]:
        message = _section(block, "Message")
        query_input = _section(block, "Object Builder Input") or _section(block, "Query Input")
        sentence = re.split(r"(?<=\.)\s|Common issues are:", message)[0].strip()
        suggestion = _section(block, "Suggestions")
        names = QUOTED.findall(suggestion)[:5]
        hint = f" Did you mean {', '.join(repr(name) for name in names)}?" if names else ""
        parts.append(f"{query_input!r}: {sentence}{hint}" if query_input else f"{sentence}{hint}")
    return " ".join(parts) if parts else " ".join(text.split())


def _section(block: str, title: str) -> str:
    match = re.search(
        rf"^\s*{title}:\s*\n(.*?)(?=^\s*[A-Z][A-Za-z ]+:\s*$|\Z)", block, re.DOTALL | re.MULTILINE
    )
    return " ".join(match.group(1).split()) if match else ""


def validation_message(error: RequestValidationError | ValidationError) -> str:
    """ "Invalid request: <field>: <what is wrong>", for a malformed HTTP body or GraphQL/Flight arguments."""
    parts = []
    for item in error.errors():
        if item.get("type") == "json_invalid":
            parts.append("the body is not valid JSON")
            continue
        where = ".".join(str(piece) for piece in item.get("loc", ()) if piece not in ("body", "query"))
        parts.append(f"{where or 'request'}: {item.get('msg', 'invalid')}")
    return "Invalid request: " + "; ".join(parts)


def api_error(error: BaseException, during: str = "a request") -> ApiError:
    """The answer to any failure, in the same words on every protocol (HTTP, GraphQL, Flight SQL).

    An expected failure says what is wrong; an unreadable snapshot is logged and said as unavailable; anything
    else is logged with its traceback (during: what was being done, e.g. "POST /v1/query") and said as an
    internal error, with no detail.
    """
    if isinstance(error, ApiError):
        return error
    if isinstance(error, Unauthorized):
        return ApiError(401, "unauthorized", str(error))
    if isinstance(error, UnknownName):
        return ApiError(400, "unknown_name", str(error), error.suggestions)
    if isinstance(error, RequestRefused):
        return ApiError(400, "refused", str(error))
    if isinstance(error, NotAcceptable):
        return ApiError(406, "not_acceptable", str(error))
    if isinstance(error, QueryTimeout):
        return ApiError(504, "timeout", str(error))
    if isinstance(error, DatabaseUnavailable):
        log.error("database unavailable: %s", error)
        return ApiError(503, "unavailable", UNAVAILABLE_MESSAGE)
    if isinstance(error, SemanticLayerError):
        return from_metricflow(error)
    if isinstance(error, RequestValidationError | ValidationError):
        return ApiError(422, "invalid_request", validation_message(error))
    if isinstance(error, StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "http_error")
        return ApiError(error.status_code, code, str(error.detail))
    log.error("internal error in %s", during, exc_info=error)
    return ApiError(500, "internal", INTERNAL_MESSAGE)


# the failures a client can cause or should know of (api_error words each); any other is internal
HANDLED: tuple[type[Exception], ...] = (
    ApiError,
    Unauthorized,
    UnknownName,
    RequestRefused,
    NotAcceptable,
    QueryTimeout,
    DatabaseUnavailable,
    SemanticLayerError,
    RequestValidationError,
    ValidationError,
    StarletteHTTPException,
)


def install(app: FastAPI) -> None:
    """Answer every failure as api_error words it, with its status code."""

    async def handle(request: Request, error: Exception) -> JSONResponse:
        path = f"{request.method} {request.url.path}"
        if isinstance(error, StarletteHTTPException) and error.status_code == 404:
            message = f"No such endpoint: {path}. The API is described at /openapi.json."
            return error_response(ApiError(404, "not_found", message), error.headers)
        headers = getattr(error, "headers", None)  # a Starlette HTTPException's own
        if isinstance(error, Unauthorized):
            headers = {"WWW-Authenticate": 'Bearer realm="decision-lens"'}
        return error_response(api_error(error, path), headers)

    # one handler per kind: Starlette sends the ones it knows to its exception middleware, and Exception alone
    # (the unexpected) to the server-error middleware
    for kind in (*HANDLED, Exception):
        app.add_exception_handler(kind, handle)
