"""Errors as Flight errors, in the words of the HTTP API's JSON errors (serve/errors.py's api_error), never a
stack trace.

pyarrow sends a Python exception with its traceback (file paths included) in the error's detail, unless it
is a pyarrow.flight.FlightError, which it sends as its message alone. So every error leaves as a FlightError:
a missing or wrong token UNAUTHENTICATED, the timeout DEADLINE_EXCEEDED, an unreadable snapshot UNAVAILABLE,
an unexpected failure INTERNAL with no detail (the server log has it), and a client mistake or a call this
server does not offer UNKNOWN (FlightServerError): pyarrow has no FlightError for INVALID_ARGUMENT or
UNIMPLEMENTED, the codes dbt's server would send.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pyarrow.flight as flight

from decision_lens.serve.errors import api_error

# the HTTP status of an ApiError -> the Flight error (gRPC status) that says the same; else FlightServerError
FLIGHT_ERRORS: dict[int, type[flight.FlightError]] = {
    401: flight.FlightUnauthenticatedError,  # UNAUTHENTICATED
    500: flight.FlightInternalError,  # INTERNAL
    503: flight.FlightUnavailableError,  # UNAVAILABLE
    504: flight.FlightTimedOutError,  # DEADLINE_EXCEEDED
}


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
    answer = api_error(error, f"Flight SQL {call}")
    return FLIGHT_ERRORS.get(answer.status, flight.FlightServerError)(answer.message)
