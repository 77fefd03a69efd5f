"""The catalog (serve/catalog.py) as dbt's Semantic Layer types: metrics, dimensions, entities, measures and
saved queries, with what only the semantic manifest says (labels, exprs, entity types, aggregations).

Group-by names are the catalog's (MetricFlow's dunder names): a dimension's qualifiedName and an entity's
name are what a query's groupBy takes. Time grains are listed from the finest the time spine has.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from decision_lens.serve.catalog import Catalog
from decision_lens.serve.graphql import enums
from decision_lens.serve.graphql import types as gql
from decision_lens.serve.graphql.saved_queries import saved_query

# an entity defined as one of these in some semantic model is described from there, not from a foreign key
OWNING_ENTITY_TYPES = ("primary", "unique", "natural")


def view(catalog: Catalog) -> CatalogView:
    """The view of a catalog, made once per snapshot (a new snapshot brings a new catalog)."""
    return _views(catalog)


class CatalogView:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        manifest = catalog.manifest
        self._metrics = {metric.name: metric for metric in manifest.metrics}
        self._saved = {query.name: query for query in manifest.saved_queries}
        self._measures = {m.name: (m, model) for model in manifest.semantic_models for m in model.measures}
        self._entities: dict[str, object] = {}
        self._dimensions: dict[str, object] = {}
        for model in manifest.semantic_models:
            owners = {model.primary_entity} - {None}
            for entity in model.entities:
                owning = str(entity.type.value) in OWNING_ENTITY_TYPES
                if owning or entity.name not in self._entities:
                    self._entities[entity.name] = entity
                if str(entity.type.value) in ("primary", "unique"):
                    owners.add(entity.name)
            for dimension in model.dimensions:
                for owner in owners:
                    self._dimensions[f"{owner}__{dimension.name}"] = dimension
        self.standard_grains: list[str] = catalog.granularities([])["granularities"]

    # -----------------------------------------------------------------------------------------------------
    # Metrics

    def metrics(self, names: Iterable[str] | None = None) -> list[gql.Metric]:
        chosen = set(names) if names is not None else self.catalog.metric_names
        return [self._metric(entry) for entry in self.catalog.metrics if entry["name"] in chosen]

    def metrics_for(self, group_by: Sequence[tuple[str, str | None]]) -> list[gql.Metric]:
        """The metrics that can be grouped by every one of these (name, grain) items; metric_time__month is
        (metric_time, month)."""
        wanted = [self._split_grain(name, grain) for name, grain in group_by]
        return self.metrics(
            name for name in sorted(self.catalog.metric_names) if self._groups_by(name, wanted)
        )

    def _groups_by(self, metric: str, wanted: list[tuple[str, str | None]]) -> bool:
        grains = {
            item.qualified_name: item.queryable_time_granularities for item in self.dimensions([metric])
        }
        grains.update((entity, []) for entity in self.catalog.entities([metric]))
        return all(name in grains and (grain is None or grain in grains[name]) for name, grain in wanted)

    def _metric(self, entry: dict[str, object]) -> gql.Metric:
        name = str(entry["name"])
        grains = self.catalog.granularities([name])["metric_time"]["valid"]
        return gql.Metric(
            name=name,
            description=str(entry["description"]) or None,
            type=enums.MetricType[str(entry["type"]).upper()],
            queryable_granularities=self._standard(grains),
            queryable_time_granularities=grains,
            label=str(entry["label"]),
            requires_metric_time=self._requires_metric_time(name),
            dimensions=self.dimensions([name]),
            measures=self.measures([name]),
            entities=self.entities([name]),
        )

    def _requires_metric_time(self, name: str) -> bool:
        """MetricFlow's MetricTimeQueryValidationRule: windowed cumulative and offset derived metrics."""
        params = self._metrics[name].type_params
        cumulative = params.cumulative_type_params
        if cumulative is not None and (cumulative.window is not None or cumulative.grain_to_date is not None):
            return True
        inputs = params.metrics or ()
        return any(item.offset_window is not None or item.offset_to_grain is not None for item in inputs)

    # -----------------------------------------------------------------------------------------------------
    # Group-by items and measures

    def dimensions(self, metrics: Sequence[str]) -> list[gql.Dimension]:
        return [self._dimension(item) for item in self.catalog.dimensions(metrics)]

    def _dimension(self, item) -> gql.Dimension:
        defined = self._dimensions.get(item.name)
        grains = []
        if item.time_grain in self.standard_grains:
            grains = self.standard_grains[self.standard_grains.index(item.time_grain) :]
            grains += self.catalog.custom_granularities
        return gql.Dimension(
            name=item.name.rsplit("__", 1)[-1],
            qualified_name=item.name,
            description=item.description,
            type=enums.DimensionType.TIME if item.type == "time" else enums.DimensionType.CATEGORICAL,
            label=getattr(defined, "label", None),
            is_partition=bool(getattr(defined, "is_partition", False)),
            expr=getattr(defined, "expr", None),
            queryable_granularities=self._standard(grains),
            queryable_time_granularities=grains,
        )

    def entities(self, metrics: Sequence[str]) -> list[gql.Entity]:
        found = []
        for name in self.catalog.entities(metrics):
            element = name.rsplit("__", 1)[-1]
            entity = self._entities[element]
            found.append(
                gql.Entity(
                    name=name,
                    description=entity.description,
                    type=enums.EntityType[str(entity.type.value).upper()],
                    role=entity.role or element,
                    expr=entity.expr or element,
                )
            )
        return found

    def measures(self, metrics: Sequence[str]) -> list[gql.Measure]:
        self.catalog.check_metrics(metrics)
        names = sorted(
            {ref.element_name for metric in metrics for ref in self._metrics[metric].measure_references}
        )
        found = []
        for name in names:
            measure, model = self._measures[name]
            default_time = model.defaults.agg_time_dimension if model.defaults else None
            found.append(
                gql.Measure(
                    name=name,
                    agg_time_dimension=measure.agg_time_dimension or default_time,
                    agg=enums.AggregationType[str(measure.agg.value).upper()],
                    expr=measure.expr or name,
                )
            )
        return found

    def saved_queries(self) -> list[gql.SavedQuery]:
        return [saved_query(entry, self._saved[str(entry["name"])]) for entry in self.catalog.saved_queries]

    # -----------------------------------------------------------------------------------------------------

    def _standard(self, grains: Iterable[str]) -> list[enums.TimeGranularity]:
        return [enums.TimeGranularity[grain.upper()] for grain in grains if grain in self.standard_grains]

    def _split_grain(self, name: str, grain: str | None) -> tuple[str, str | None]:
        base, _, suffix = name.rpartition("__")
        if base and suffix in (*self.standard_grains, *self.catalog.custom_granularities):
            return base, grain or suffix
        return name, grain


@functools.lru_cache(maxsize=2)  # the snapshot being served, and the one it replaced while requests finish
def _views(catalog: Catalog) -> CatalogView:
    return CatalogView(catalog)
