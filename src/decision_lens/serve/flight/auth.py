"""The HTTP API's bearer token on Flight calls: a middleware that checks every call's authorization header.

dbt-sl-sdk and the ADBC driver send `authorization: Bearer <token>` on each call (gRPC header names are
lower case); dbt-sl-sdk's `environmentid` header names a dbt Cloud environment and is not read here.
"""

from __future__ import annotations

import pyarrow.flight as flight

from decision_lens.serve.auth import Unauthorized, check_header


class BearerTokenMiddlewareFactory(flight.ServerMiddlewareFactory):
    """Refuse a call without the server's token (UNAUTHENTICATED); no token configured: let every call in."""

    def __init__(self, token: str | None) -> None:
        super().__init__()
        self._token = token

    def start_call(self, info: flight.CallInfo, headers: dict[str, list[str]]) -> None:
        given = headers.get("authorization") or [None]
        try:
            check_header(self._token, given[0])
        except Unauthorized as error:
            raise flight.FlightUnauthenticatedError(str(error)) from None
