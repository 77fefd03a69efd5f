"""Each call of dbt's Semantic Layer JDBC API answered as an Arrow table, with the HTTP API's checks.

query and dimension_values become a models.QueryRequest, checked by checked.checked_query, and run on a
leased snapshot under the server's timeout and row cap, as POST /v1/query runs them. The metadata calls
(metrics, dimensions, entities, saved_queries, queryable_granularities) read the catalog, as GET /v1/... do.
"""

from __future__ import annotations

import pyarrow as pa

from decision_lens.serve.app import Settings
from decision_lens.serve.checked import checked_query
from decision_lens.serve.flight.statement import Reference, Statement
from decision_lens.serve.graphql.results import capped_table
from decision_lens.serve.guards import RequestRefused
from decision_lens.serve.models import QueryRequest
from decision_lens.serve.snapshot import SnapshotStore

# read_cache asks dbt's server for its result cache; every answer here is computed, so it is ignored
QUERY_ARGUMENTS = ("metrics", "group_by", "where", "order_by", "limit", "saved_query", "explain")
IGNORED_ARGUMENTS = ("read_cache",)
NAMES = pa.list_(pa.string())
METRICS_SCHEMA = pa.schema(
    {
        "name": pa.string(),
        "label": pa.string(),
        "type": pa.string(),
        "description": pa.string(),
        "owner_team": pa.string(),
        "lens": pa.string(),
        "dimensions": NAMES,
    }
)
DIMENSIONS_SCHEMA = pa.schema(
    {"name": pa.string(), "type": pa.string(), "time_grain": pa.string(), "description": pa.string()}
)
SAVED_QUERIES_SCHEMA = pa.schema(
    {
        "name": pa.string(),
        "label": pa.string(),
        "description": pa.string(),
        "metrics": NAMES,
        "group_by": NAMES,
        "where": NAMES,
        "order_by": NAMES,
        "limit": pa.int64(),
    }
)


class Answers:
    """The answer to each call, from the store's current snapshot."""

    def __init__(self, store: SnapshotStore, settings: Settings) -> None:
        self._store = store
        self._settings = settings

    def answer(self, statement: Statement) -> pa.Table:
        return getattr(self, f"_{statement.call}")(statement)

    # -----------------------------------------------------------------------------------------------------
    # Metric values

    def _query(self, statement: Statement) -> pa.Table:
        arguments = _arguments(statement, QUERY_ARGUMENTS + IGNORED_ARGUMENTS)
        explain = arguments.get("explain", False)
        if not isinstance(explain, bool):
            raise RequestRefused("explain takes True or False.")
        body = QueryRequest(
            metrics=_names(arguments, "metrics"),
            group_by=[_query_name(item) for item in _listed(arguments.get("group_by"))],
            where=arguments.get("where") or [],
            order_by=[_order_name(item) for item in _listed(arguments.get("order_by"))],
            limit=arguments.get("limit"),
            saved_query=arguments.get("saved_query"),
        )
        if explain:
            with self._store.lease() as snapshot:
                query = checked_query(snapshot, body, self._settings.row_cap)
                return pa.table({"sql": [snapshot.layer.explain(query)]})
        return self._run(body)

    def _dimension_values(self, statement: Statement) -> pa.Table:
        """The values of one group-by item where the metrics have rows (dbt's dimension_values)."""
        arguments = _arguments(statement, ("metrics", "group_by"))
        metrics = _names(arguments, "metrics")
        group_by = _listed(arguments.get("group_by"))
        if not metrics or len(group_by) != 1:
            raise RequestRefused(
                "semantic_layer.dimension_values takes metrics=[...] and one group_by, e.g. "
                "dimension_values(metrics=['pipeline_created'], group_by='decision_unit__region')."
            )
        name = _query_name(group_by[0])
        body = QueryRequest(metrics=metrics, group_by=[name], order_by=[name])
        table = self._run(body)
        return table.select([column for column in table.column_names if column not in metrics])

    def _run(self, body: QueryRequest) -> pa.Table:
        """The request checked and run on a leased snapshot under the server's timeout and row cap."""
        settings = self._settings
        with self._store.lease() as snapshot:
            query = checked_query(snapshot, body, settings.row_cap)
            capped = snapshot.layer.run(query, settings.timeout_s, settings.row_cap)
        return capped_table(capped, settings.row_cap, snapshot.generation)

    # -----------------------------------------------------------------------------------------------------
    # Metadata

    def _metrics(self, statement: Statement) -> pa.Table:
        _arguments(statement, ())
        catalog = self._store.current.catalog
        rows = [
            {**metric, "dimensions": [item.name for item in catalog.dimensions([metric["name"]])]}
            for metric in catalog.metrics
        ]
        return pa.Table.from_pylist(rows, schema=METRICS_SCHEMA)

    def _dimensions(self, statement: Statement) -> pa.Table:
        metrics = _names(_arguments(statement, ("metrics",)), "metrics")
        items = self._store.current.catalog.dimensions(metrics)
        return pa.Table.from_pylist([item.__dict__ for item in items], schema=DIMENSIONS_SCHEMA)

    def _entities(self, statement: Statement) -> pa.Table:
        metrics = _names(_arguments(statement, ("metrics",)), "metrics")
        return pa.table({"name": pa.array(self._store.current.catalog.entities(metrics), pa.string())})

    def _saved_queries(self, statement: Statement) -> pa.Table:
        _arguments(statement, ())
        return pa.Table.from_pylist(self._store.current.catalog.saved_queries, schema=SAVED_QUERIES_SCHEMA)

    def _queryable_granularities(self, statement: Statement) -> pa.Table:
        """The grains metric_time takes for the metrics (every grain without metrics)."""
        metrics = _names(_arguments(statement, ("metrics",)), "metrics")
        grains = self._store.current.catalog.granularities(metrics)
        names = grains["metric_time"]["valid"] if metrics else grains["granularities"]
        return pa.table({"name": pa.array(names, pa.string())})


def _arguments(statement: Statement, allowed: tuple[str, ...]) -> dict[str, object]:
    unknown = sorted(set(statement.arguments) - set(allowed))
    if unknown:
        takes = f"takes {', '.join(allowed)}" if allowed else "takes no arguments"
        raise RequestRefused(f"semantic_layer.{statement.call} {takes}; not {', '.join(unknown)}.")
    return statement.arguments


def _listed(value: object) -> list[object]:
    """A list argument; one item alone counts as a list of one (group_by='metric_time')."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _names(arguments: dict[str, object], key: str) -> list[str]:
    names = _listed(arguments.get(key))
    if not all(isinstance(name, str) for name in names):
        raise RequestRefused(f"{key} takes names as strings, e.g. {key}=['pipeline_created'].")
    return names


def _query_name(item: object) -> object:
    """A group-by item as MetricFlow names it; anything but a name or reference is left to the checks."""
    return item.query_name if isinstance(item, Reference) else item


def _order_name(item: object) -> object:
    """An order-by item as the HTTP API takes it: the name, with a leading - for descending."""
    if isinstance(item, Reference):
        return f"-{item.query_name}" if item.descending else item.query_name
    return item
