"""A throwaway PostgreSQL server: Debian's binaries (package `postgresql`, /usr/lib/postgresql/<version>/bin),
the newest version present, a new cluster in a temporary folder, listening on 127.0.0.1 at a free port with
trust authentication, and one database. Stopped and removed afterwards.

    with postgres_cluster("decision_lens") as server:
        psycopg2.connect(host=server.host, port=server.port, user=server.user, dbname=server.database)

initdb refuses to run as root: as root the cluster runs as the `postgres` user (runuser), which the package
creates.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from decision_lens.project import LensError

DEBIAN_POSTGRES = Path("/usr/lib/postgresql")
SERVICE_USER = "postgres"  # the cluster's owner when running as root
SUPERUSER = "postgres"  # the cluster's superuser (initdb -U)


@dataclass(frozen=True)
class ClusterSettings:
    host: str
    port: int
    user: str
    database: str


def server_binaries(root: Path = DEBIAN_POSTGRES) -> Path:
    """The bin folder of the newest PostgreSQL version installed the Debian way."""
    versions = [path.parent for path in root.glob("*/bin/pg_ctl") if (path.parent / "initdb").is_file()]
    if not versions:
        raise LensError(
            f"PostgreSQL server binaries (initdb, pg_ctl) not found in {root}/<version>/bin: install the "
            "Debian package postgresql (apt-get install postgresql)"
        )
    return max(
        versions, key=lambda path: [int(part) for part in path.parent.name.split(".") if part.isdigit()]
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_service_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", SERVICE_USER, "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str], log: Path) -> None:
    completed = subprocess.run(_as_service_user(command), capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        details = (completed.stderr or completed.stdout).strip()
        server_log = log.read_text().strip() if log.is_file() else ""
        raise LensError(f"{Path(command[0]).name} failed: {details}\n{server_log}".strip())


@contextmanager
def postgres_cluster(database: str) -> Iterator[ClusterSettings]:
    """Start a new cluster with `database` in it; yields where to connect; stops and removes it at the end."""
    bin_dir = server_binaries()
    folder = Path(tempfile.mkdtemp(prefix="lens-postgres-"))
    data, log, port = folder / "data", folder / "server.log", _free_port()
    try:
        if os.geteuid() == 0:
            shutil.chown(folder, SERVICE_USER)
        initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8"]
        _run([*initdb, "--no-locale", "--no-sync"], log)
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off"
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"], log)
        try:
            createdb = [str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", SUPERUSER]
            _run([*createdb, database], log)
            yield ClusterSettings("127.0.0.1", port, SUPERUSER, database)
        finally:
            _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], log)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
