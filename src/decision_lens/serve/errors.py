"""Every error as JSON: {status, error, message, suggestions, detail}; never a stack trace.

MetricFlow's messages name the bad input and list close names ("Suggestions: [...]"): the message keeps the
input and the first sentence, suggestions carries the names, detail the whole text.
"""

from __future__ import annotations

import logging
import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from decision_lens.semantic import SemanticLayerError
from decision_lens.serve.auth import Unauthorized
from decision_lens.serve.catalog import UnknownName
from decision_lens.serve.engine import DatabaseUnavailable, QueryTimeout
from decision_lens.serve.formats import NotAcceptable
from decision_lens.serve.guards import RequestRefused

log = logging.getLogger("decision_lens.serve")

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


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for item in error.errors():
        if item.get("type") == "json_invalid":
            parts.append("the body is not valid JSON")
            continue
        where = ".".join(str(piece) for piece in item.get("loc", ()) if piece not in ("body", "query"))
        parts.append(f"{where or 'request'}: {item.get('msg', 'invalid')}")
    return "Invalid request: " + "; ".join(parts)


def install(app: FastAPI) -> None:
    """Map each kind of failure to its status code."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> JSONResponse:
        return error_response(error)

    @app.exception_handler(Unauthorized)
    async def unauthorized(request: Request, error: Unauthorized) -> JSONResponse:
        headers = {"WWW-Authenticate": 'Bearer realm="decision-lens"'}
        return error_response(ApiError(401, "unauthorized", str(error)), headers)

    @app.exception_handler(UnknownName)
    async def unknown_name(request: Request, error: UnknownName) -> JSONResponse:
        return error_response(ApiError(400, "unknown_name", str(error), error.suggestions))

    @app.exception_handler(RequestRefused)
    async def refused(request: Request, error: RequestRefused) -> JSONResponse:
        return error_response(ApiError(400, "refused", str(error)))

    @app.exception_handler(NotAcceptable)
    async def not_acceptable(request: Request, error: NotAcceptable) -> JSONResponse:
        return error_response(ApiError(406, "not_acceptable", str(error)))

    @app.exception_handler(QueryTimeout)
    async def timeout(request: Request, error: QueryTimeout) -> JSONResponse:
        return error_response(ApiError(504, "timeout", str(error)))

    @app.exception_handler(DatabaseUnavailable)
    async def unavailable(request: Request, error: DatabaseUnavailable) -> JSONResponse:
        log.error("database unavailable: %s", error)
        return error_response(ApiError(503, "unavailable", "The database snapshot cannot be read right now."))

    @app.exception_handler(SemanticLayerError)
    async def semantic(request: Request, error: SemanticLayerError) -> JSONResponse:
        return error_response(from_metricflow(error))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        return error_response(ApiError(422, "invalid_request", _validation_message(error)))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "http_error")
        message = str(error.detail)
        if error.status_code == 404:
            path = f"{request.method} {request.url.path}"
            message = f"No such endpoint: {path}. The API is described at /openapi.json."
        return error_response(ApiError(error.status_code, code, message), error.headers)

    @app.exception_handler(Exception)
    async def internal(request: Request, error: Exception) -> JSONResponse:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return error_response(
            ApiError(500, "internal", "Internal server error; the server log has the details.")
        )
