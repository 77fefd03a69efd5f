"""`lens serve`: check the token and the address, take the first snapshot, run uvicorn until stopped."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import uvicorn

from decision_lens.project import LensError, Workspace
from decision_lens.semantic import MANIFEST_FILE
from decision_lens.serve import (
    DEFAULT_FLIGHT_PORT,
    DEFAULT_HOST,
    DEFAULT_MAX_REQUEST_BYTES,
    DEFAULT_POLL_S,
    DEFAULT_PORT,
    DEFAULT_ROW_CAP,
    DEFAULT_TIMEOUT_S,
)
from decision_lens.serve.app import Settings, create_app
from decision_lens.serve.auth import check_bind, load_token
from decision_lens.serve.flight.server import FlightSqlServer
from decision_lens.serve.snapshot import SnapshotStore

MAX_ROW_CAP = 10_000_000
MAX_REQUEST_BYTES = 100_000_000


def serve(
    workspace: Workspace,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    row_cap: int = DEFAULT_ROW_CAP,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    token_file: Path | None = None,
    snapshot_dir: Path | None = None,
    poll_s: float = DEFAULT_POLL_S,
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
    flight_port: int | None = DEFAULT_FLIGHT_PORT,
) -> int:
    if not 1 <= row_cap <= MAX_ROW_CAP:
        raise LensError(f"--row-cap must be between 1 and {MAX_ROW_CAP:,}.")
    if not 0 < timeout_s <= 3600:
        raise LensError("--timeout must be more than 0 and at most 3600 seconds.")
    if not 0.1 <= poll_s <= 3600:
        raise LensError("--poll-interval must be between 0.1 and 3600 seconds.")
    if not 1024 <= max_request_bytes <= MAX_REQUEST_BYTES:
        raise LensError(f"--max-request-bytes must be between 1024 and {MAX_REQUEST_BYTES:,}.")
    if not 0 <= port <= 65535:
        raise LensError("--port must be between 0 and 65535.")
    if flight_port is not None and not 0 <= flight_port <= 65535:
        raise LensError("--flight-port must be between 0 and 65535, or off.")
    token = load_token(token_file)
    check_bind(host, token)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s:     %(message)s")
    logging.getLogger("decision_lens.serve").setLevel(logging.INFO)  # MetricFlow's INFO is per query plan
    if workspace.is_duckdb:
        store = SnapshotStore(
            workspace.db_path, workspace.target_dir / MANIFEST_FILE, snapshot_dir, poll_interval_s=poll_s
        )
        served = f"{workspace.db_path} (snapshot in {store.snapshot_root})"
    else:
        from decision_lens.serve.warehouse_store import WarehouseStore

        store = WarehouseStore(workspace)
        served = f"{workspace.where}, live"
    snapshot = store.open()
    flight_server = None
    try:
        settings = Settings(
            row_cap=row_cap, timeout_s=timeout_s, token=token, max_request_bytes=max_request_bytes
        )
        app = create_app(store, settings)
        if flight_port is not None:
            flight_server = _start_flight(store, settings, host, flight_port)
        flight = f"; Flight SQL at grpc://{host}:{flight_server.port}" if flight_server else ""
        print(
            f"lens serve: {len(snapshot.catalog.metrics)} metrics from {served}, "
            f"row cap {row_cap:,}, timeout {timeout_s:g} s, "
            f"{'bearer token required' if token else 'no token (loopback only)'}; "
            f"API description at http://{host}:{port}/docs{flight}",
            file=sys.stderr,
            flush=True,
        )
        server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="info"))
        with _stop_signals_return():
            try:
                server.run()
            except SystemExit as stop:  # uvicorn exits when it cannot bind: say it our way
                raise LensError(f"Cannot serve on {host}:{port} (see the message above).") from stop
            except _Stopped:
                pass
        return 0 if server.started else 2
    finally:
        if flight_server is not None:
            flight_server.shutdown()
        store.close()


def _start_flight(store: SnapshotStore, settings: Settings, host: str, port: int) -> FlightSqlServer:
    """dbt's Semantic Layer JDBC API (Arrow Flight SQL), serving on gRPC's threads until shutdown()."""
    try:
        return FlightSqlServer(store, settings, host, port)
    except (pa.ArrowException, OSError) as error:
        raise LensError(f"Cannot serve Flight SQL on {host}:{port}: {error}") from error


class _Stopped(Exception):
    pass


@contextmanager
def _stop_signals_return() -> Iterator[None]:
    """uvicorn shuts down on SIGINT or SIGTERM, then raises the signal again with the handlers it found.

    With the default handlers the process would die there (SIGTERM) or print a KeyboardInterrupt traceback
    (SIGINT), before the snapshot folder is removed: these handlers make the signal end serve() instead."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise _Stopped

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
