"""Errors as Flight errors, in the words of the HTTP API's JSON errors (serve/errors.py), never a stack trace.

pyarrow sends a Python exception with its traceback (file paths included) in the error's detail, unless it
is a pyarrow.flight.FlightError, which it sends as its message alone. So every error leaves as a FlightError:
a missing or wrong token UNAUTHENTICATED, the timeout DEADLINE_EXCEEDED, an unreadable snapshot UNAVAILABLE,
an unexpected failure INTERNAL with no detail (the server log has it), and a client mistake or a call this
server does not offer UNKNOWN (FlightServerError): pyarrow has no FlightError for INVALID_ARGUMENT or
UNIMPLEMENTED, the codes dbt's server would send.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pyarrow.flight as flight
from pydantic import ValidationError

from decision_lens.semantic import SemanticLayerError
from decision_lens.serve.auth import Unauthorized
from decision_lens.serve.catalog import UnknownName
from decision_lens.serve.engine import DatabaseUnavailable, QueryTimeout
from decision_lens.serve.errors import ApiError, from_metricflow
from decision_lens.serve.guards import RequestRefused

log = logging.getLogger("decision_lens.serve")

# the HTTP status of an ApiError -> the Flight error (gRPC status) that says the same; else FlightServerError
FLIGHT_ERRORS: dict[int, type[flight.FlightError]] = {
    401: flight.FlightUnauthenticatedError,  # UNAUTHENTICATED
    503: flight.FlightUnavailableError,  # UNAVAILABLE
    504: flight.FlightTimedOutError,  # DEADLINE_EXCEEDED
}
INTERNAL_MESSAGE = "Internal server error; the server log has the details."


class NotSupported(flight.FlightServerError):
    """A Flight or Flight SQL call this server does not offer."""


@contextmanager
def as_flight_errors(call: str) -> Iterator[None]:
    """Raise whatever the block raises as the Flight error a client should see."""
    try:
        yield
    except flight.FlightError:
        raise
    except Exception as error:
        raise flight_error(error, call) from None


def flight_error(error: Exception, call: str) -> flight.FlightError:
    api = api_error(error)
    if api is None:
        log.exception("internal error in Flight SQL %s", call, exc_info=error)
        return flight.FlightInternalError(INTERNAL_MESSAGE)
    if api.status == 503:
        log.error("database unavailable: %s", error)
    return FLIGHT_ERRORS.get(api.status, flight.FlightServerError)(api.message)


def api_error(error: Exception) -> ApiError | None:
    """The HTTP API's error for an exception (as serve/errors.py's handlers build it); None if unexpected."""
    if isinstance(error, ApiError):
        return error
    if isinstance(error, Unauthorized):
        return ApiError(401, "unauthorized", str(error))
    if isinstance(error, UnknownName):
        return ApiError(400, "unknown_name", str(error), error.suggestions)
    if isinstance(error, RequestRefused):
        return ApiError(400, "refused", str(error))
    if isinstance(error, QueryTimeout):
        return ApiError(504, "timeout", str(error))
    if isinstance(error, DatabaseUnavailable):
        return ApiError(503, "unavailable", "The database snapshot cannot be read right now.")
    if isinstance(error, SemanticLayerError):
        return from_metricflow(error)
    if isinstance(error, ValidationError):
        return ApiError(422, "invalid_request", _validation_message(error))
    return None


def _validation_message(error: ValidationError) -> str:
    """As the HTTP API words a malformed body: "Invalid request: <field>: <what is wrong>"."""
    parts = [
        f"{'.'.join(str(piece) for piece in item['loc']) or 'request'}: {item['msg']}"
        for item in error.errors()
    ]
    return "Invalid request: " + "; ".join(parts)
