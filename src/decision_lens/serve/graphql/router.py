"""The GraphQL endpoint: dbt's Semantic Layer schema behind strawberry's FastAPI router.

POST only (what dbt-sl-sdk sends), no GraphiQL page (it loads its scripts from a CDN); introspection is on,
and needs no token, like /openapi.json. A document may hold at most MAX_ALIASES aliases and MAX_TOKENS
tokens. Errors this package raises are the client's to read and are not logged; anything else is logged
with its traceback and reaches the client as "Internal server error".
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, MaxAliasesLimiter, MaxTokensLimiter
from strawberry.fastapi import GraphQLRouter
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from decision_lens.serve.errors import INTERNAL_MESSAGE
from decision_lens.serve.graphql.errors import is_expected
from decision_lens.serve.graphql.results import ResultStore
from decision_lens.serve.graphql.schema import Mutation, Query
from decision_lens.serve.graphql.types import SCALARS

if TYPE_CHECKING:
    from decision_lens.serve.app import Settings
    from decision_lens.serve.snapshot import SnapshotStore

log = logging.getLogger("decision_lens.serve")

# one request, a few operations: an alias runs its field once more (createQuery, a query each), and a
# document of more tokens than this is no dbt client's (dbt-sl-sdk's largest, and introspection, are far less)
MAX_ALIASES = 15
MAX_TOKENS = 5_000


def _mask(error: GraphQLError) -> bool:
    if is_expected(error):
        return False
    log.error("internal error in a GraphQL request: %s", error.message, exc_info=error.original_error)
    return True


class LensSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Not strawberry's log of every error: MaskErrors (_mask) logs the unexpected ones."""


SCHEMA = LensSchema(
    query=Query,
    mutation=Mutation,
    extensions=[
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: MaskErrors(should_mask_error=_mask, error_message=INTERNAL_MESSAGE),
    ],
    config=StrawberryConfig(scalar_map=SCALARS),
)


def graphql_router(store: SnapshotStore, settings: Settings) -> GraphQLRouter:
    """The router to mount at GRAPHQL_PATH, with its own store of query results."""
    results = ResultStore()

    async def context() -> dict[str, object]:
        return {"store": store, "settings": settings, "results": results}

    return GraphQLRouter(
        SCHEMA, context_getter=context, graphql_ide=None, allow_queries_via_get=False, tags=["graphql"]
    )
