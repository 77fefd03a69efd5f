"""Generated datasets on disk: whether one is up to date, clearing an old one, and reporting a new one.

Each is judged by its manifest (generate/manifest.py, its one reader and writer): a folder without one
is no generated dataset, never matched and never cleared."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import decision_lens.generate as generator_package
from decision_lens.generate import GENERATOR_VERSION, GenerationReport, generate
from decision_lens.generate.held_back import HELD_BACK_DIR
from decision_lens.generate.manifest import MANIFEST, read_manifest, update_manifest
from decision_lens.raw_contract import TABLES


def generator_fingerprint() -> str:
    """A hash of the generator's source: a dataset is stale whenever the code that wrote it changed,
    even if nobody remembered to bump GENERATOR_VERSION."""
    digest = hashlib.sha256()
    for path in sorted(Path(generator_package.__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def dataset_matches(raw_dir: Path, preset: str, seed: int, as_of: dt.date | None, file_format: str) -> bool:
    """True when raw_dir holds a complete dataset generated with these settings by this generator version."""
    manifest = read_manifest(raw_dir)
    if manifest is None:
        return False
    wanted = {
        "preset": preset,
        "seed": seed,
        "file_format": file_format,
        "generator_version": GENERATOR_VERSION,
        "generator_fingerprint": generator_fingerprint(),
    }
    if any(manifest.get(key) != value for key, value in wanted.items()):
        return False
    if as_of is not None and manifest.get("as_of") != as_of.isoformat():
        return False
    if manifest.get("held_back"):  # a dataset cut for incremental runs is not the preset's dataset
        return False
    return all((raw_dir / t.source / f"{t.name}.{file_format}").is_file() for t in TABLES)


def clear_generated(raw_dir: Path) -> None:
    """Remove a dataset this generator wrote earlier (never a folder it did not write)."""
    if read_manifest(raw_dir) is None:
        return
    for folder in {table.source for table in TABLES} | {HELD_BACK_DIR}:
        shutil.rmtree(raw_dir / folder, ignore_errors=True)
    (raw_dir / MANIFEST).unlink()


def regenerate(
    preset: str, seed: int, raw_dir: Path, file_format: str, as_of: dt.date | None
) -> GenerationReport:
    clear_generated(raw_dir)
    report = generate(preset, seed, raw_dir, file_format=file_format, as_of=as_of)
    update_manifest(raw_dir, generator_fingerprint=generator_fingerprint())
    return report


def render_report(report: GenerationReport) -> str:
    lines = [
        f"Generated the {report.preset} dataset (seed {report.seed}, as of {report.as_of}) into "
        f"{report.out_dir} as {report.file_format}:",
    ]
    lines.extend(f"  {key:<32} {rows:>12,} rows" for key, rows in sorted(report.rows.items()))
    lines.append(
        f"  {'total':<32} {report.total_rows:>12,} rows in {report.seconds:.1f} s "
        f"({report.rows_per_second:,.0f} rows/s, peak memory {report.peak_memory_mib:,.0f} MiB)"
    )
    return "\n".join(lines)
