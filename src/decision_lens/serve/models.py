"""The request and response bodies of the HTTP API (they make its OpenAPI document)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints, field_validator

Name = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=200)]
OrderName = Annotated[str, StringConstraints(pattern=r"^-?[A-Za-z_][A-Za-z0-9_]*$", max_length=201)]
Filter = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Format = Literal["json", "csv", "arrow"]


def _listed(value: object) -> object:
    """A comma-separated string is a list too: "a,b" == ["a", "b"]."""
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


class QueryRequest(BaseModel):
    """Metrics by group-by items, or a saved query; where, order_by, limit, start and end refine either."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "metrics": ["pipeline_created", "win_rate"],
                    "group_by": ["metric_time__month", "decision_unit__region"],
                    "where": ["{{ Dimension('decision_unit__region') }} = 'West'"],
                    "order_by": ["-metric_time__month"],
                    "limit": 12,
                },
                {"saved_query": "sales_pipeline", "start": "2024-01-01"},
            ]
        },
    )

    metrics: list[Name] = Field(default_factory=list, max_length=50, description="metric names")
    group_by: list[Name] = Field(
        default_factory=list, max_length=20, description="e.g. metric_time__month, decision_unit__region"
    )
    where: list[Filter] = Field(
        default_factory=list,
        max_length=20,
        description="MetricFlow filters, all must hold, e.g. "
        "\"{{ Dimension('decision_unit__region') }} = 'West'\"",
    )
    order_by: list[OrderName] = Field(
        default_factory=list, max_length=20, description="names from the query; a leading - sorts descending"
    )
    limit: StrictInt | None = Field(
        None, ge=1, description="at most this many rows (no more than the row cap)"
    )
    start: dt.date | None = Field(None, description="first day of metric_time")
    end: dt.date | None = Field(None, description="last day of metric_time")
    saved_query: Name | None = Field(None, description="run this saved query instead of naming metrics")
    format: Format | None = Field(None, description="json (default), csv or arrow; else the Accept header")

    _lists = field_validator("metrics", "group_by", "order_by", mode="before")(_listed)

    @field_validator("where", mode="before")
    @classmethod
    def _one_filter(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class ErrorBody(BaseModel):
    status: int
    error: str = Field(description="a short code: invalid_query, unknown_name, unauthorized, timeout, ...")
    message: str
    suggestions: list[str] = Field(default_factory=list, description="close names, when a name is unknown")
    detail: str | None = Field(None, description="MetricFlow's full message, when it has more to say")


class QueryResponse(BaseModel):
    columns: list[str]
    rows: list[dict[str, object]]
    row_count: int
    truncated: bool = Field(description="true when the row cap left rows out")
    row_cap: int
    snapshot: int = Field(description="the snapshot generation that answered")
    elapsed_ms: float


class ExplainResponse(BaseModel):
    sql: str
    snapshot: int


class Metric(BaseModel):
    name: str
    label: str
    type: str
    description: str
    owner_team: str | None
    lens: str | None


class MetricList(BaseModel):
    metrics: list[Metric]


class DimensionItem(BaseModel):
    name: str
    type: str = Field(description="categorical or time")
    time_grain: str | None = Field(description="a time dimension's base grain")
    description: str | None


class DimensionList(BaseModel):
    metrics: list[str]
    dimensions: list[DimensionItem]


class EntityList(BaseModel):
    metrics: list[str]
    entities: list[str]


class MetricTimeGrains(BaseModel):
    base_grain: str
    valid: list[str]
    group_by: list[str]


class GranularityList(BaseModel):
    granularities: list[str]
    custom_granularities: list[str]
    metric_time: MetricTimeGrains | None = None


class SavedQuery(BaseModel):
    name: str
    label: str
    description: str
    metrics: list[str]
    group_by: list[str]
    where: list[str]
    order_by: list[str]
    limit: int | None


class SavedQueryList(BaseModel):
    saved_queries: list[SavedQuery]


class DimensionValues(BaseModel):
    dimension: str
    values: list[object]
    truncated: bool
    snapshot: int
