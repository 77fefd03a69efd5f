"""`lens serve`: the semantic layer as an HTTP API for BI tools, notebooks and apps.

app.py (endpoints), checked.py (a request checked, for every protocol), catalog.py (what can be asked),
guards.py (what is refused), engine.py (timeout and row cap), snapshot.py (serving a copy while dbt
rebuilds), formats.py (JSON, CSV, Arrow), auth.py (bearer token), errors.py (JSON errors), server.py (the
command line's entry point, uvicorn), graphql/ (dbt's Semantic Layer GraphQL API at /api/graphql, for
dbt-sl-sdk).
"""

# defaults of the command line; kept here so `lens` builds its parser without importing the server
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_ROW_CAP = 100_000
DEFAULT_TIMEOUT_S = 30.0
DEFAULT_POLL_S = 2.0
