"""Serve from a copy of the database, and swap in a new copy once a build has finished.

DuckDB allows one writer, and a writer in another process blocks every reader of the file: a server reading
data/<preset>/decision_lens.duckdb directly would fail while `dbt build` runs (and would make it fail). So the
server copies the database and the semantic manifest into a folder of its own (default: `.serve/` beside the
database, one sub-folder per process, removed at exit) and opens the copy read-only.

The semantic manifest served is the one the database keeps (the definitions it was built with; macro
keep_semantic_manifest), else, for a database built before, target/'s as it is when the database is copied.

A background thread looks at the source every poll interval. When its modification time or size (or its
write-ahead log's) changed and then stayed the same for one more interval, it checks that
no writer holds the file (a read-only open fails while one does), copies it without holding any lock (so a
build starting meanwhile is never blocked), checks that the source did not change during the copy, opens
the copy and swaps it in. Requests hold a lease on the snapshot they started with: new requests get the new
snapshot at once; the old one is closed and deleted when its last request finishes (each is bounded by the
query timeout). A copy that fails any check is dropped and tried again at the next change.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from decision_lens.project import LensError
from decision_lens.semantic import MetricQuery, SemanticLayerError, kept_manifest, load_manifest
from decision_lens.serve.catalog import Catalog
from decision_lens.serve.engine import ServingLayer

log = logging.getLogger("decision_lens.serve")

SNAPSHOT_FOLDER = ".serve"
Signature = tuple[tuple[int, int] | None, ...]


class SourceBusy(Exception):
    """The source database is being written, or changed while it was copied: try again later."""


@dataclass
class Snapshot:
    """One copy of the database and its manifest, with the engine and catalog that serve it."""

    generation: int
    folder: Path
    layer: ServingLayer
    catalog: Catalog
    signature: Signature
    source_modified: dt.datetime
    manifest_sha256: str
    taken_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    users: int = 0
    retired: bool = False

    def info(self) -> dict[str, object]:
        return {
            "generation": self.generation,
            "taken_at": self.taken_at.isoformat(timespec="seconds"),
            "source_modified": self.source_modified.isoformat(timespec="seconds"),
            "manifest_sha256": self.manifest_sha256,
            "metrics": len(self.catalog.metrics),
            "saved_queries": len(self.catalog.saved_queries),
        }

    def close(self) -> None:
        self.layer.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class SnapshotStore:
    """The snapshot being served, swapped atomically when the source database is rebuilt."""

    def __init__(
        self,
        db_path: Path,
        manifest_path: Path,
        snapshot_root: Path | None = None,
        poll_interval_s: float = 2.0,
    ) -> None:
        self.db_path = db_path
        self.source_name = db_path.name  # what /version names as the database served
        self.manifest_path = manifest_path
        self.snapshot_root = snapshot_root or db_path.parent / SNAPSHOT_FOLDER
        self.poll_interval_s = poll_interval_s
        self.last_error: str | None = None
        self._folder: Path | None = None
        self._current: Snapshot | None = None
        self._pending: Signature | None = None
        self._busy_logged = False
        self._generation = 0
        self._lock = threading.Lock()
        self._refresh_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -----------------------------------------------------------------------------------------------------
    # Life cycle

    def open(self) -> Snapshot:
        """Take the first snapshot; a LensError says why there is nothing to serve."""
        if not self.db_path.is_file():
            raise LensError(f"Database {self.db_path} does not exist: run `lens build` first.")
        load_manifest(self.manifest_path)  # a missing or empty manifest says "run lens build" itself
        self.snapshot_root.mkdir(parents=True, exist_ok=True)
        _remove_stale_folders(self.snapshot_root)
        self._folder = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=self.snapshot_root))
        try:
            snapshot = self._take(self._signature())
        except SourceBusy as error:
            self.close()
            raise LensError(f"{error}; try again when the build has finished.") from error
        except (SemanticLayerError, OSError, duckdb.Error) as error:
            self.close()
            raise LensError(f"Cannot snapshot {self.db_path}: {error}") from error
        with self._lock:
            self._current = snapshot
        return snapshot

    def start_polling(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._poll, name="lens-snapshot-poller", daemon=True)
            self._thread.start()

    def stop_polling(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def close(self) -> None:
        self.stop_polling()
        with self._lock:
            current, self._current = self._current, None
        if current is not None:
            current.close()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        with contextlib.suppress(OSError):  # only when no other server keeps a folder there
            self.snapshot_root.rmdir()

    # -----------------------------------------------------------------------------------------------------
    # Serving

    @property
    def dataset_dir(self) -> Path:
        """The dataset's folder: the database's, where `lens check` writes its quality pages."""
        return self.db_path.parent

    @property
    def current(self) -> Snapshot:
        if self._current is None:
            raise LensError("The snapshot store is not open.")
        return self._current

    @contextmanager
    def lease(self) -> Iterator[Snapshot]:
        """The current snapshot, kept open until the block ends even if a newer one is swapped in."""
        with self._lock:
            snapshot = self.current
            snapshot.users += 1
        try:
            yield snapshot
        finally:
            with self._lock:
                snapshot.users -= 1
                done = snapshot.retired and snapshot.users == 0
            if done:
                snapshot.close()

    def source_changed(self) -> bool:
        return self._current is not None and self._signature() != self._current.signature

    # -----------------------------------------------------------------------------------------------------
    # Refreshing

    def refresh_if_changed(self) -> bool:
        """One poll: swap in a new snapshot if the source changed and has settled; True when swapped."""
        with self._refresh_lock:
            signature = self._signature()
            if signature == self.current.signature:
                self._pending = None
                return False
            if signature != self._pending:  # changed since the last look: wait until it stays put
                self._pending = signature
                return False
            try:
                snapshot = self._take(signature)
            except SourceBusy as error:
                if not self._busy_logged:  # once per build, not once per poll
                    log.info("snapshot: %s; serving the previous copy until it is done", error)
                    self._busy_logged = True
                return False
            except (SemanticLayerError, OSError, duckdb.Error, LensError) as error:
                self.last_error = f"{type(error).__name__}: {error}"
                log.warning("snapshot: cannot use the rebuilt database: %s", error)
                self._pending = None  # try again at the next change
                return False
            self._swap(snapshot)
            self._busy_logged = False
            self._pending = None
            self.last_error = None
            return True

    def _poll(self) -> None:
        while not self._stop.wait(self.poll_interval_s):
            try:
                self.refresh_if_changed()
            except Exception as error:  # the poller must outlive any one bad build
                self.last_error = f"{type(error).__name__}: {error}"
                log.exception("snapshot: poll failed")

    def _swap(self, snapshot: Snapshot) -> None:
        with self._lock:
            old, self._current = self._current, snapshot
            if old is not None:
                old.retired = True
            done = old is not None and old.users == 0
        if done:
            old.close()
        log.info("snapshot: serving generation %d of %s", snapshot.generation, self.db_path)

    def _take(self, signature: Signature) -> Snapshot:
        """Copy the source into a new folder and open it; SourceBusy while a writer has it."""
        self._check_no_writer()
        generation = self._generation + 1  # counted only once the copy is served: a dropped copy reuses it
        folder = self._folder / f"{generation:04d}"
        folder.mkdir()
        try:
            # the same file name: DuckDB names the catalog after the file, as the build saw it
            db_copy = folder / self.db_path.name
            shutil.copyfile(self.db_path, db_copy)
            wal = self._wal(self.db_path)
            if wal.exists():
                shutil.copyfile(wal, self._wal(db_copy))
            manifest_copy = folder / self.manifest_path.name
            kept = kept_manifest(db_copy)  # the definitions the copy was built with, when it keeps them
            if kept is None:
                shutil.copyfile(self.manifest_path, manifest_copy)
            else:
                manifest_copy.write_text(kept)
            if self._signature() != signature:
                raise SourceBusy(f"{self.db_path} changed while it was copied")
            layer = ServingLayer(manifest_copy, db_copy)
            try:
                layer.check_open()
                catalog = Catalog(load_manifest(manifest_copy))
                for name in catalog.saved_query_names:  # compile the saved queries now, not on a request
                    layer.explain(MetricQuery(saved_query=name))
            except Exception:
                layer.close()
                raise
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        self._generation = generation
        return Snapshot(
            generation=generation,
            folder=folder,
            layer=layer,
            catalog=catalog,
            signature=signature,
            source_modified=dt.datetime.fromtimestamp(self.db_path.stat().st_mtime, dt.UTC),
            manifest_sha256=hashlib.sha256(manifest_copy.read_bytes()).hexdigest(),
        )

    def _check_no_writer(self) -> None:
        """A read-only open fails while another connection writes the file (in this process or another)."""
        try:
            duckdb.connect(str(self.db_path), read_only=True).close()
        except duckdb.Error as error:
            raise SourceBusy(f"{self.db_path} is being written ({error})") from error

    def _signature(self) -> Signature:
        """The database and its log: the manifest it keeps comes with it (a manifest rewritten by `dbt parse`
        alone, e.g. by lens glossary, is not served against the data of an older build)."""
        return tuple(self._stat(path) for path in (self.db_path, self._wal(self.db_path)))

    @staticmethod
    def _stat(path: Path) -> tuple[int, int] | None:
        try:
            stat = path.stat()
        except FileNotFoundError:
            return None
        return stat.st_mtime_ns, stat.st_size

    @staticmethod
    def _wal(db_path: Path) -> Path:
        return db_path.with_name(db_path.name + ".wal")


def _remove_stale_folders(root: Path) -> None:
    """Delete the folders of servers that died without cleaning up (named <pid>-<random>)."""
    for folder in root.iterdir():
        pid, _, rest = folder.name.partition("-")
        if not (folder.is_dir() and pid.isdigit() and rest):
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # alive, under another user
            pass
