"""`lens serve --target postgres|spark`: the semantic layer served from the warehouse itself.

On DuckDB the server reads a copy of the file (serve/snapshot.py), because a DuckDB file has one writer and
a build would block readers. A warehouse serves readers while it is written, so there is nothing to copy:
the store holds one generation, the live warehouse, with the manifest of the build that made it. Each
statement runs under the server's timeout (Postgres statement_timeout; Spark cancels the session's jobs)
and fetches at most row_cap + 1 rows."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from decision_lens.project import Workspace
from decision_lens.semantic import MANIFEST_FILE, MetricQuery, QueryResult, SemanticLayer, load_manifest
from decision_lens.serve.catalog import Catalog
from decision_lens.serve.engine import CappedResult


class WarehouseServingLayer(SemanticLayer):
    """SemanticLayer on a warehouse client, every statement capped (the DuckDB ServingLayer's run())."""

    def run(self, query: MetricQuery, timeout_s: float, row_cap: int) -> CappedResult:
        sql = self.explain(query)
        columns, rows, truncated = self.client.fetch_capped(sql, timeout_s, row_cap)
        return CappedResult(QueryResult(columns=columns, rows=rows, sql=sql), truncated)


@dataclass
class LiveWarehouse:
    """What a snapshot is to the DuckDB store: the layer and catalog served, and what /version says."""

    layer: WarehouseServingLayer
    catalog: Catalog
    manifest_sha256: str
    generation: int = 1
    taken_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def info(self) -> dict[str, object]:
        return {
            "generation": self.generation,
            "taken_at": self.taken_at.isoformat(timespec="seconds"),
            "manifest_sha256": self.manifest_sha256,
            "metrics": len(self.catalog.metrics),
            "saved_queries": len(self.catalog.saved_queries),
        }


class WarehouseStore:
    """The SnapshotStore interface over a live warehouse: one generation, nothing to poll or swap."""

    last_error: str | None = None

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.source_name = workspace.where
        self._current: LiveWarehouse | None = None

    def open(self) -> LiveWarehouse:
        manifest_path = self.workspace.target_dir / MANIFEST_FILE
        plain = SemanticLayer.for_workspace(self.workspace)
        layer = WarehouseServingLayer(
            manifest_path, self.workspace.db_path, plain.client, plain.client.identifier_quote
        )
        try:
            layer.client.fetch("select 1")  # a server that cannot answer fails now, not on a request
            catalog = Catalog(load_manifest(manifest_path, layer.client.identifier_quote))
            for name in catalog.saved_query_names:  # compile the saved queries now, not on a request
                layer.explain(MetricQuery(saved_query=name))
        except Exception:
            layer.close()
            raise
        self._current = LiveWarehouse(layer, catalog, hashlib.sha256(manifest_path.read_bytes()).hexdigest())
        return self._current

    @property
    def dataset_dir(self) -> Path:
        """The dataset's folder (dbt's target folder's), where `lens check` writes its quality pages."""
        return self.workspace.db_path.parent

    @property
    def current(self) -> LiveWarehouse:
        return self._current

    @contextmanager
    def lease(self) -> Iterator[LiveWarehouse]:
        yield self._current

    def source_changed(self) -> bool:
        return False

    def start_polling(self) -> None:
        """Nothing to poll: the warehouse is served live."""

    def stop_polling(self) -> None:
        """Nothing to poll: the warehouse is served live."""

    def close(self) -> None:
        if self._current is not None:
            self._current.layer.close()
            self._current = None
