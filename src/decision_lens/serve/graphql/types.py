"""The GraphQL types of dbt's Semantic Layer API, as dbt-sl-sdk reads them (dbtsl.models, dbtsl.api.graphql).

Type, field and enum names are dbt's: the SDK's documents name them (`fragment ... on Metric`,
`$metrics: [MetricInput!]`, `$environmentId: BigInt!`), so they cannot change. Time grains are MetricFlow's
lower-case names where dbt has strings (`queryableTimeGranularities`, `timeGranularity`).
"""

from __future__ import annotations

from typing import NewType

import strawberry

from decision_lens.serve.graphql.enums import (
    AggregationType,
    DatePart,
    DimensionType,
    EntityType,
    ExportDestinationType,
    MetricType,
    SqlDialect,
    SqlEngine,
    TimeGranularity,
)

BigInt = NewType("BigInt", int)
SCALARS = {  # the schema's StrawberryConfig(scalar_map=...)
    BigInt: strawberry.scalar(
        name="BigInt",
        serialize=int,
        parse_value=int,
        description="A 64-bit integer: dbt's environment id, which this server accepts and ignores.",
    )
}


@strawberry.type
class Dimension:
    name: str
    qualified_name: str = strawberry.field(description="the name a group-by or filter takes")
    description: str | None
    type: DimensionType
    label: str | None
    is_partition: bool
    expr: str | None
    queryable_granularities: list[TimeGranularity]
    queryable_time_granularities: list[str]


@strawberry.type
class Entity:
    name: str = strawberry.field(description="the name a group-by takes, with its entity path")
    description: str | None
    type: EntityType
    role: str
    expr: str


@strawberry.type
class Measure:
    name: str
    agg_time_dimension: str | None
    agg: AggregationType
    expr: str


@strawberry.type
class Metric:
    name: str
    description: str | None
    type: MetricType
    queryable_granularities: list[TimeGranularity]
    queryable_time_granularities: list[str]
    label: str
    requires_metric_time: bool
    dimensions: list[Dimension]
    measures: list[Measure]
    entities: list[Entity]


@strawberry.type
class SavedQueryMetricParam:
    name: str


@strawberry.type
class SavedQueryGroupByParam:
    name: str
    grain: TimeGranularity | None
    time_granularity: str | None
    date_part: DatePart | None


@strawberry.type
class WhereFilter:
    where_sql_template: str


@strawberry.type
class SavedQueryQueryParams:
    metrics: list[SavedQueryMetricParam]
    group_by: list[SavedQueryGroupByParam]
    where: WhereFilter | None = strawberry.field(description="the saved query's filters, joined by AND")


@strawberry.type
class ExportConfig:
    alias: str | None
    schema: str | None
    export_as: ExportDestinationType


@strawberry.type
class Export:
    name: str
    config: ExportConfig


@strawberry.type
class SavedQuery:
    name: str
    description: str | None
    label: str | None
    query_params: SavedQueryQueryParams
    exports: list[Export]


@strawberry.type
class EnvironmentInfo:
    sql_dialect: SqlDialect
    has_metrics_defined: bool
    dialect: SqlEngine
    dialect_supported_by_slg: bool = strawberry.field(description="false: there is no SQL gateway here")


@strawberry.type
class CreateQueryResult:
    query_id: str


@strawberry.type
class CompileSqlResult:
    sql: str


@strawberry.input
class MetricInput:
    name: str


@strawberry.input
class GroupByInput:
    name: str
    grain: TimeGranularity | None = None
    time_granularity: str | None = strawberry.field(default=None, description="e.g. month; wins over grain")
    date_part: DatePart | None = strawberry.field(
        default=None, description="group by this part of the date (MONTH: the month of the year), not a grain"
    )


@strawberry.input
class WhereInput:
    sql: str = strawberry.field(
        description="a MetricFlow filter, e.g. {{ Dimension('decision_unit__region') }} = 'West'"
    )


@strawberry.input
class OrderByInput:
    metric: MetricInput | None = None
    group_by: GroupByInput | None = None
    descending: bool = False
