"""A saved query of the catalog as dbt's SavedQuery: its metrics, its group-by items as {name, grain,
datePart} (read from MetricFlow's TimeDimension('metric_time', 'month') notation), its filters joined by AND
into one WhereFilter, and its exports."""

from __future__ import annotations

import re

from metricflow_semantic_interfaces.implementations.saved_query import PydanticSavedQuery

from decision_lens.serve.graphql import enums
from decision_lens.serve.graphql import types as gql

# a saved query's group-by item: TimeDimension('metric_time', 'month') or Dimension('unit__region'), ...
GROUP_BY_ITEM = re.compile(r"^\s*(?:TimeDimension|Dimension|Entity)\(\s*'([^']+)'(?:\s*,\s*'([^']+)')?(.*)\)")
GRAIN_METHOD = re.compile(r"\.grain\(\s*'([^']+)'\s*\)")
DATE_PART = re.compile(r"date_part_name\s*=\s*'([^']+)'")


def saved_query(entry: dict[str, object], defined: PydanticSavedQuery) -> gql.SavedQuery:
    """entry: the catalog's saved query; defined: the manifest's, for its exports."""
    where = [str(item) for item in entry["where"]]
    joined = " AND ".join(f"({item})" for item in where) if len(where) > 1 else "".join(where)
    return gql.SavedQuery(
        name=str(entry["name"]),
        description=str(entry["description"]) or None,
        label=str(entry["label"]),
        query_params=gql.SavedQueryQueryParams(
            metrics=[gql.SavedQueryMetricParam(name=name) for name in entry["metrics"]],
            group_by=[group_by_param(str(item)) for item in entry["group_by"]],
            where=gql.WhereFilter(where_sql_template=joined) if joined else None,
        ),
        exports=[
            gql.Export(
                name=export.name,
                config=gql.ExportConfig(
                    alias=export.config.alias,
                    schema=export.config.schema_name,
                    export_as=enums.ExportDestinationType[str(export.config.export_as.value).upper()],
                ),
            )
            for export in defined.exports
        ],
    )


def group_by_param(item: str) -> gql.SavedQueryGroupByParam:
    match = GROUP_BY_ITEM.match(item)
    name, grain, rest = match.groups() if match else (item, None, "")
    method = GRAIN_METHOD.search(item)
    grain = (grain or (method.group(1) if method else "")).lower() or None
    part = DATE_PART.search(rest or "")
    return gql.SavedQueryGroupByParam(
        name=name,
        grain=enums.TimeGranularity.__members__.get(grain.upper()) if grain else None,
        time_granularity=grain,
        date_part=enums.DatePart.__members__.get(part.group(1).upper()) if part else None,
    )
