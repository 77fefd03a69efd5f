"""The manifest of a generated dataset, <raw_dir>/_generation.json: what wrote it (preset, seed, as-of day,
format, generator version and fingerprint, rows) and what happened to it since (held-back and appended days).

Its one reader and one writer. A folder without a manifest is not a dataset `lens generate` wrote:
read_manifest answers None for it (never an empty manifest), so it is never taken for a generated dataset,
cleared, or changed (update_manifest refuses it).
"""

from __future__ import annotations

import json
from pathlib import Path

MANIFEST = "_generation.json"


def read_manifest(raw_dir: Path) -> dict | None:
    """The manifest of the dataset in raw_dir, or None when raw_dir has none."""
    path = raw_dir / MANIFEST
    return json.loads(path.read_text()) if path.is_file() else None


def write_manifest(raw_dir: Path, manifest: dict) -> None:
    (raw_dir / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def required_manifest(raw_dir: Path) -> dict:
    """The manifest of the dataset in raw_dir; FileNotFoundError when raw_dir has none."""
    manifest = read_manifest(raw_dir)
    if manifest is None:
        raise FileNotFoundError(f"no {MANIFEST} in {raw_dir}: not a dataset lens generate wrote")
    return manifest


def update_manifest(raw_dir: Path, **changes: object) -> dict:
    """Set these keys of the manifest (required_manifest); the manifest after."""
    manifest = required_manifest(raw_dir)
    manifest.update(changes)
    write_manifest(raw_dir, manifest)
    return manifest
