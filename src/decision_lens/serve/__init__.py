"""`lens serve`: the semantic layer as an HTTP API for BI tools, notebooks and apps.

app.py (endpoints), checked.py (a request checked, for every protocol), catalog.py (what can be asked),
guards.py (what is refused), engine.py (timeout and row cap), snapshot.py (serving a copy while dbt
rebuilds), formats.py (JSON, CSV, Arrow), auth.py (bearer token), errors.py (JSON errors), server.py (the
command line's entry point, uvicorn), graphql/ (dbt's Semantic Layer GraphQL API at /api/graphql), flight/
(dbt's Semantic Layer JDBC API over Arrow Flight SQL, beside the HTTP API), body_limit.py (413 for large
bodies).
"""

# defaults of the command line; kept here so `lens` builds its parser without importing the server
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_FLIGHT_PORT = 8815  # dbt's Semantic Layer JDBC API (Arrow Flight SQL); --flight-port off: none
DEFAULT_ROW_CAP = 100_000
DEFAULT_TIMEOUT_S = 30.0
DEFAULT_POLL_S = 2.0
# a request is names and filters (each at most 2,000 characters): 1 MB is far more than any needs
DEFAULT_MAX_REQUEST_BYTES = 1_000_000
