"""The files `lens export` writes for BI tools that bundle an older DuckDB, and where they may go.

No DuckDB import here: the command line reads the defaults for its help without loading DuckDB.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from decision_lens.project import LensError

# The storage format of the --bi-db file. DuckDB 2.0's own format (v2.0.0) no DuckDB 1.x opens, and BI tools
# bundle 1.x (Superset's duckdb-engine extra caps duckdb below 2, Evidence ships 1.4). v1.0.0 is the oldest
# format DuckDB 2.0 writes (older names give the same file) and every DuckDB from 1.0 on reads it; the newer
# compression of v1.2.0+ saves little on a few tables of aggregates.
BI_STORAGE_VERSION = "v1.0.0"
# a DuckDB release, as ATTACH's STORAGE_VERSION option names it
STORAGE_VERSION_NAME = re.compile(r"^v\d+\.\d+\.\d+$")
# a file is written under its name plus this, then renamed into place: readers see the old file or the new one
TEMP_SUFFIX = ".tmp"


@dataclass(frozen=True)
class BiDatabase:
    """A standalone DuckDB file holding the exported tables, in the storage format of an older DuckDB."""

    path: Path
    storage_version: str = BI_STORAGE_VERSION


def temp_path(path: Path) -> Path:
    return path.with_name(path.name + TEMP_SUFFIX)


def writable_folder(folder: Path, what: str) -> None:
    """Make folder if missing; a LensError if it cannot be made or written to."""
    if folder.exists() and not folder.is_dir():
        raise LensError(f"Cannot write {what} to {folder}: it is a file, not a folder.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LensError(f"Cannot write {what} to {folder}: {error.strerror or error}.") from error
    if not os.access(folder, os.W_OK | os.X_OK):
        raise LensError(f"Cannot write {what} to {folder}: the folder is not writable.")


def unknown_storage_version(version: str) -> LensError:
    return LensError(
        f"Unknown storage version {version!r}: name a DuckDB release, such as {BI_STORAGE_VERSION} (the "
        "default, read by DuckDB 1.0 and later) or v1.4.0 (read by DuckDB 1.4 and later)."
    )


def check_bi_database(bi_db: BiDatabase, main_db: Path) -> None:
    """A LensError for a storage version not named as a release, or a path that cannot take the file."""
    if not STORAGE_VERSION_NAME.match(bi_db.storage_version):
        raise unknown_storage_version(bi_db.storage_version)
    if bi_db.path.is_dir():
        raise LensError(f"--bi-db {bi_db.path} is a folder: name a file, such as {bi_db.path}/bi.duckdb.")
    if bi_db.path.resolve() == main_db.resolve():
        raise LensError(f"--bi-db {bi_db.path} is the build's own database: name another file.")
    writable_folder(bi_db.path.parent, "the BI database")
