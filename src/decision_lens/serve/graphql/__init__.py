"""dbt's Semantic Layer GraphQL API, served by `lens serve` at GRAPHQL_PATH for dbt-sl-sdk and other clients.

enums.py and types.py (dbt's GraphQL types), catalog_view.py and saved_queries.py (the catalog as those
types), query_input.py (createQuery's arguments as a QueryRequest), running.py (queries run, and their pages),
results.py (results kept between calls), errors.py (failures in the HTTP API's words), schema.py (the
resolvers, the token), router.py (the schema behind a FastAPI router).
"""

from decision_lens.serve.graphql.router import graphql_router

GRAPHQL_PATH = "/api/graphql"  # dbt's path: DBT_SL_GRAPHQL_URL_FORMAT=http://{server_host}/api/graphql

__all__ = ["GRAPHQL_PATH", "graphql_router"]
