"""The enums of dbt's Semantic Layer GraphQL API: names and values as dbt-sl-sdk reads them (dbtsl.models)."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum
class MetricType(Enum):
    SIMPLE = "SIMPLE"
    RATIO = "RATIO"
    CUMULATIVE = "CUMULATIVE"
    DERIVED = "DERIVED"
    CONVERSION = "CONVERSION"


@strawberry.enum
class DimensionType(Enum):
    CATEGORICAL = "CATEGORICAL"
    TIME = "TIME"


@strawberry.enum
class EntityType(Enum):
    FOREIGN = "FOREIGN"
    NATURAL = "NATURAL"
    PRIMARY = "PRIMARY"
    UNIQUE = "UNIQUE"


@strawberry.enum
class AggregationType(Enum):
    SUM = "SUM"
    MIN = "MIN"
    MAX = "MAX"
    COUNT_DISTINCT = "COUNT_DISTINCT"
    SUM_BOOLEAN = "SUM_BOOLEAN"
    AVERAGE = "AVERAGE"
    PERCENTILE = "PERCENTILE"
    MEDIAN = "MEDIAN"
    COUNT = "COUNT"


@strawberry.enum
class TimeGranularity(Enum):
    NANOSECOND = "NANOSECOND"
    MICROSECOND = "MICROSECOND"
    MILLISECOND = "MILLISECOND"
    SECOND = "SECOND"
    MINUTE = "MINUTE"
    HOUR = "HOUR"
    DAY = "DAY"
    WEEK = "WEEK"
    MONTH = "MONTH"
    QUARTER = "QUARTER"
    YEAR = "YEAR"


@strawberry.enum
class DatePart(Enum):
    DOY = "DOY"
    DOW = "DOW"
    DAY = "DAY"
    MONTH = "MONTH"
    QUARTER = "QUARTER"
    YEAR = "YEAR"


@strawberry.enum
class SqlEngine(Enum):
    BIGQUERY = "BIGQUERY"
    DATABRICKS = "DATABRICKS"
    DUCKDB = "DUCKDB"
    POSTGRES = "POSTGRES"
    REDSHIFT = "REDSHIFT"
    SNOWFLAKE = "SNOWFLAKE"
    TRINO = "TRINO"
    UNKNOWN = "UNKNOWN"


@strawberry.enum
class SqlDialect(Enum):
    APACHE_SPARK = "APACHE_SPARK"
    BIGQUERY = "BIGQUERY"
    DATABRICKS = "DATABRICKS"
    DUCKDB = "DUCKDB"
    POSTGRES = "POSTGRES"
    REDSHIFT = "REDSHIFT"
    SNOWFLAKE = "SNOWFLAKE"
    TRINO = "TRINO"
    UNKNOWN = "UNKNOWN"


@strawberry.enum
class QueryStatus(Enum):
    PENDING = "PENDING"
    RUNNING = "RUNNING"
    COMPILED = "COMPILED"
    SUCCESSFUL = "SUCCESSFUL"
    FAILED = "FAILED"


@strawberry.enum
class ExportDestinationType(Enum):
    TABLE = "TABLE"
    VIEW = "VIEW"


@strawberry.enum(name="PandasJsonOrient")
class JsonOrient(Enum):
    TABLE = "TABLE"  # {"schema": {"fields": [{name, type}]}, "data": [rows as objects]}
    RECORDS = "RECORDS"  # [rows as objects]
