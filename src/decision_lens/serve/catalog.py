"""What a client can ask for: metrics, their dimensions and entities, time grains, saved queries.

Read from the semantic manifest alone, as the glossary does (`group_by_items`, `is_defined_metric`):
MetricFlow's own resolution of which group-by items each metric can use, no database. MetricFlow's private
stand-in metrics (one per measure a cumulative or conversion metric reads) are not listed, and not queryable
through the API.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from metricflow.engine.metricflow_engine import ENTITY_WITH_ANY_PROPERTIES
from metricflow_semantic_interfaces.implementations.semantic_manifest import PydanticSemanticManifest
from metricflow_semantic_interfaces.references import MetricReference
from metricflow_semantic_interfaces.type_enums.time_granularity import TimeGranularity
from metricflow_semantics.model.semantic_manifest_lookup import SemanticManifestLookup
from metricflow_semantics.model.semantics.element_filter import GroupByItemSetFilter
from metricflow_semantics.model.semantics.linkable_element import LinkableElementType
from metricflow_semantics.naming.linkable_spec_name import StructuredLinkableSpecName

from decision_lens.glossary import group_by_items, is_defined_metric

METRIC_TIME = "metric_time"


class UnknownName(LookupError):
    """A name the catalog does not know, with the closest names it does."""

    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = difflib.get_close_matches(name, sorted(known), n=5, cutoff=0.5)
        hint = f" Did you mean {', '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"Unknown {kind} {name!r}.{hint}")


@dataclass(frozen=True)
class Dimension:
    name: str
    type: str  # categorical or time
    time_grain: str | None
    description: str | None


class Catalog:
    def __init__(self, manifest: PydanticSemanticManifest) -> None:
        self._lookup = SemanticManifestLookup(manifest)
        defined = sorted((m for m in manifest.metrics if is_defined_metric(m)), key=lambda m: m.name)
        self.metrics = [self._metric(metric) for metric in defined]
        self.metric_names = frozenset(metric["name"] for metric in self.metrics)
        self.saved_queries = sorted(
            (
                {
                    "name": query.name,
                    "label": query.label or query.name,
                    "description": _words(query.description),
                    "metrics": list(query.query_params.metrics),
                    "group_by": list(query.query_params.group_by),
                    "where": [item.where_sql_template for item in query.query_params.where.where_filters]
                    if query.query_params.where
                    else [],
                    "order_by": list(query.query_params.order_by),
                    "limit": query.query_params.limit,
                }
                for query in manifest.saved_queries
            ),
            key=lambda query: query["name"],
        )
        self.saved_query_names = frozenset(query["name"] for query in self.saved_queries)
        self._descriptions = _dimension_descriptions(manifest)
        self._dimension_cache: dict[str, frozenset[Dimension]] = {}
        self._entity_cache: dict[str, frozenset[str]] = {}
        spine_grains = [
            spine.primary_column.time_granularity for spine in manifest.project_configuration.time_spines
        ]
        self._finest = min(spine_grains, key=_grain_rank, default=TimeGranularity.DAY)
        self.custom_granularities = sorted(
            grain.name
            for spine in manifest.project_configuration.time_spines
            for grain in spine.custom_granularities
        )

    @property
    def manifest(self) -> PydanticSemanticManifest:
        """The semantic manifest the catalog was read from (labels, exprs, entity types, aggregations)."""
        return self._lookup.semantic_manifest

    def _metric(self, metric) -> dict[str, object]:
        meta = (metric.config.meta if metric.config else None) or {}
        entry: dict[str, object] = {
            "name": metric.name,
            "label": metric.label or metric.name,
            "type": str(metric.type.value),
            "description": _words(metric.description),
            "owner_team": meta.get("owner_team"),
            "lens": meta.get("lens"),
        }
        return entry

    # -----------------------------------------------------------------------------------------------------
    # Names

    def check_metrics(self, names: Sequence[str]) -> None:
        for name in names:
            if name not in self.metric_names:
                raise UnknownName("metric", name, self.metric_names)

    def check_saved_query(self, name: str) -> None:
        if name not in self.saved_query_names:
            raise UnknownName("saved query", name, self.saved_query_names)

    def saved_query(self, name: str) -> dict[str, object]:
        self.check_saved_query(name)
        return next(query for query in self.saved_queries if query["name"] == name)

    # -----------------------------------------------------------------------------------------------------
    # Group-by items

    def dimensions(self, metrics: Sequence[str]) -> list[Dimension]:
        """The dimensions every one of the metrics can be grouped by (any metric's if none are named)."""
        self.check_metrics(metrics)
        return sorted(self._common(metrics, self._dimensions_of), key=lambda d: (d.name, d.time_grain or ""))

    def entities(self, metrics: Sequence[str]) -> list[str]:
        self.check_metrics(metrics)
        return sorted(self._common(metrics, self._entities_of))

    def all_dimension_names(self) -> list[str]:
        return sorted(
            {d.name for d in self._common((), self._dimensions_of)} | set(self._common((), self._entities_of))
        )

    def granularities(self, metrics: Sequence[str]) -> dict[str, object]:
        """The time grains MetricFlow knows, and those metric_time takes for these metrics."""
        self.check_metrics(metrics)
        standard = [
            grain.value for grain in TimeGranularity if _grain_rank(grain) >= _grain_rank(self._finest)
        ]
        answer: dict[str, object] = {
            "granularities": standard,
            "custom_granularities": self.custom_granularities,
        }
        if metrics:
            bases = [
                item.time_grain
                for name in metrics
                for item in self._dimensions_of(name)
                if item.name == METRIC_TIME and item.time_grain
            ]
            base = max((TimeGranularity(grain) for grain in bases), key=_grain_rank, default=self._finest)
            valid = [grain for grain in standard if _grain_rank(TimeGranularity(grain)) >= _grain_rank(base)]
            answer["metric_time"] = {
                "base_grain": base.value,
                "valid": valid + self.custom_granularities,
                "group_by": [f"{METRIC_TIME}__{grain}" for grain in valid + self.custom_granularities],
            }
        return answer

    def _common(self, metrics: Sequence[str], items_of) -> set:
        names = list(metrics)
        if not names:  # every metric's items: what a client can group some metric by
            return set().union(*(items_of(name) for name in self.metric_names))
        common = set(items_of(names[0]))
        for name in names[1:]:
            common &= set(items_of(name))
        return common

    def _dimensions_of(self, metric: str) -> frozenset[Dimension]:
        if metric not in self._dimension_cache:  # races only compute the same answer twice
            self._dimension_cache[metric] = self._resolve_dimensions(metric)
        return self._dimension_cache[metric]

    def _entities_of(self, metric: str) -> frozenset[str]:
        if metric not in self._entity_cache:
            self._entity_cache[metric] = self._resolve_entities(metric)
        return self._entity_cache[metric]

    def _resolve_dimensions(self, metric: str) -> frozenset[Dimension]:
        return frozenset(
            Dimension(
                name=item.name,
                type="time" if item.time_grain else "categorical",
                time_grain=item.time_grain,
                description=self._descriptions.get(item.name),
            )
            for item in group_by_items(self._lookup, metric)
        )

    def _resolve_entities(self, metric: str) -> frozenset[str]:
        """What `mf list entities --metrics <metric>` resolves, as the names a group-by takes."""
        items = self._lookup.metric_lookup.get_common_group_by_items(
            metric_references=(MetricReference(element_name=metric),),
            set_filter=GroupByItemSetFilter.create(any_properties_allowlist=ENTITY_WITH_ANY_PROPERTIES),
        )
        return frozenset(
            StructuredLinkableSpecName(
                entity_link_names=tuple(link.element_name for link in spec.spec.entity_links),
                element_name=spec.element_name,
            ).dunder_name
            for spec in items.annotated_specs
            if spec.element_type is LinkableElementType.ENTITY
        )


def _dimension_descriptions(manifest: PydanticSemanticManifest) -> dict[str, str]:
    """`<entity>__<dimension>` -> the dimension's description, for the entity that owns the semantic model."""
    found: dict[str, str] = {}
    for model in manifest.semantic_models:
        owners = {model.primary_entity} if model.primary_entity else set()
        owners |= {
            entity.name for entity in model.entities if str(entity.type.value) in ("primary", "unique")
        }
        for dimension in model.dimensions:
            if dimension.description:
                for owner in owners:
                    found[f"{owner}__{dimension.name}"] = _words(dimension.description)
    return found


def _grain_rank(grain: TimeGranularity) -> int:
    return list(TimeGranularity).index(grain)


def _words(text: str | None) -> str:
    return " ".join((text or "").split())
