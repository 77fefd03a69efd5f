"""One GX checkpoint over every suite: an ephemeral context, a pandas filesystem data source over the frames'
Parquet files (one asset and one batch definition per frame), and an action that writes the data docs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import great_expectations as gx
from great_expectations.checkpoint import UpdateDataDocsAction
from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context.types.base import (
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)

from decision_lens.check.suites import Suite

CHECKPOINT = "lens_check"
DOCS_SITE = "lens_quality"


@dataclass(frozen=True)
class Verdict:
    """One expectation's result, as the report needs it."""

    suite: str
    expectation: str  # the GX expectation type
    kwargs: dict[str, Any]
    success: bool
    result: dict[str, Any]
    error: str | None
    note: str  # why it should hold (the expectation's notes)


def _context(docs_dir: Path) -> Any:
    """In memory: nothing persists but the data docs site, written under docs_dir."""
    site = {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),  # and no temporary docs site
        data_docs_sites={DOCS_SITE: site},
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
    )
    return gx.get_context(project_config=config, mode="ephemeral")


def _error(exception_info: dict[str, Any] | None) -> str | None:
    """The first exception GX caught while computing the expectation's metrics, if any."""
    if not exception_info:
        return None
    infos = [exception_info] if "raised_exception" in exception_info else list(exception_info.values())
    for info in infos:
        if isinstance(info, dict) and info.get("raised_exception"):
            return str(info.get("exception_message") or "error").strip().splitlines()[0]
    return None


def run_checkpoint(suites: list[Suite], frames_dir: Path, docs_dir: Path) -> list[Verdict]:
    context = _context(docs_dir)
    source = context.data_sources.add_pandas_filesystem(name="lens_frames", base_directory=frames_dir)
    definitions = []
    order: dict[str, int] = {}  # expectation id -> position in its suite: results come back grouped by kind
    for suite in suites:
        if not suite.expectations:
            continue
        asset = source.add_parquet_asset(name=suite.name)
        batch = asset.add_batch_definition_path(name=suite.name, path=f"{suite.name}.parquet")
        gx_suite = context.suites.add(
            gx.ExpectationSuite(
                name=suite.name,
                expectations=suite.expectations,
                notes=f"Frame: {suite.frame.what}.",
            )
        )
        order.update({str(expectation.id): index for index, expectation in enumerate(gx_suite.expectations)})
        definitions.append(
            context.validation_definitions.add(
                gx.ValidationDefinition(name=suite.name, data=batch, suite=gx_suite)
            )
        )
    checkpoint = context.checkpoints.add(
        gx.Checkpoint(
            name=CHECKPOINT,
            validation_definitions=definitions,
            actions=[UpdateDataDocsAction(name="update_data_docs", site_names=[DOCS_SITE])],
            result_format={"result_format": "SUMMARY"},
        )
    )
    result = checkpoint.run(run_id=RunIdentifier(run_name=CHECKPOINT))
    by_suite = {run.suite_name: run for run in result.run_results.values()}
    verdicts = []
    for suite in suites:
        run = by_suite.get(suite.name)
        outcomes = sorted(
            run.results if run else [], key=lambda o: order.get(str(o.expectation_config.id), 0)
        )
        for outcome in outcomes:
            config = outcome.expectation_config
            verdicts.append(
                Verdict(
                    suite=suite.name,
                    expectation=config.type,
                    kwargs=dict(config.kwargs),
                    success=bool(outcome.success),
                    result=dict(outcome.result or {}),
                    error=_error(outcome.exception_info),
                    note=config.notes or "",
                )
            )
    return verdicts
