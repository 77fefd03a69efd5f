"""Failures as GraphQL errors, in the words of the HTTP API (serve/errors.py's api_error): the message a JSON
error carries, and its code, status, suggestions and detail as the error's extensions. Never a stack trace: an
unexpected failure is logged and said as "Internal server error"."""

from __future__ import annotations

from graphql import GraphQLError

from decision_lens.serve.auth import Unauthorized
from decision_lens.serve.errors import api_error

# dbt-sl-sdk raises its AuthError for exactly this message (BaseGraphQLClient._refine_err); why the token was
# refused, in the HTTP API's words, is in the error's extensions
SDK_AUTH_MESSAGE = "User is not authorized"
DURING = "a GraphQL request"


def graphql_error(error: Exception) -> GraphQLError:
    answer = api_error(error, DURING)
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
