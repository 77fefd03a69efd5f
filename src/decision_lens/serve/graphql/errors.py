"""Failures as GraphQL errors, in the words of the HTTP API (serve/errors.py): the message a JSON error
carries, and its code, status, suggestions and detail as the error's extensions. Never a stack trace: an
unexpected failure is logged and said as "Internal server error"."""

from __future__ import annotations

import logging

from graphql import GraphQLError
from pydantic import ValidationError

from decision_lens.semantic import SemanticLayerError
from decision_lens.serve.auth import Unauthorized
from decision_lens.serve.catalog import UnknownName
from decision_lens.serve.engine import DatabaseUnavailable, QueryTimeout
from decision_lens.serve.errors import ApiError, _validation_message, from_metricflow
from decision_lens.serve.guards import RequestRefused

log = logging.getLogger("decision_lens.serve")

# dbt-sl-sdk raises its AuthError for exactly this message (BaseGraphQLClient._refine_err); why the token was
# refused, in the HTTP API's words, is in the error's extensions
SDK_AUTH_MESSAGE = "User is not authorized"
INTERNAL_MESSAGE = "Internal server error; the server log has the details."


def api_error(error: Exception) -> ApiError:
    """What the HTTP API answers for this failure (serve/errors.py, install)."""
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
        log.error("database unavailable: %s", error)
        return ApiError(503, "unavailable", "The database snapshot cannot be read right now.")
    if isinstance(error, SemanticLayerError):
        return from_metricflow(error)
    if isinstance(error, ValidationError):
        return ApiError(422, "invalid_request", _validation_message(error))
    log.error("internal error in a GraphQL request", exc_info=error)
    return ApiError(500, "internal", INTERNAL_MESSAGE)


def graphql_error(error: Exception) -> GraphQLError:
    answer = api_error(error)
    return GraphQLError(
        answer.message,
        extensions={
            "code": answer.error,
            "status": answer.status,
            "suggestions": answer.suggestions,
            "detail": answer.detail,
        },
    )


def unauthorized(error: Unauthorized) -> GraphQLError:
    return GraphQLError(
        SDK_AUTH_MESSAGE, extensions={"code": "unauthorized", "status": 401, "reason": str(error)}
    )


def is_expected(error: GraphQLError) -> bool:
    """A GraphQL error this package made, or graphql-core's own (a document that does not validate)."""
    return error.original_error is None or isinstance(error.original_error, GraphQLError)
