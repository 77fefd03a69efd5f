"""The metric glossary: each defined metric with its owner, lens, definition and group-by items."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from decision_lens.glossary import (
    Glossary,
    GroupByItem,
    MetricEntry,
    SavedQueryEntry,
    build_glossary,
    escape,
    is_defined_metric,
    load_semantic_manifest,
    render_html,
    render_markdown,
    write_glossary,
)
from decision_lens.project import LensError
from test_semantic_layer import stand_in_measure

VOID_ELEMENTS = {"meta", "br", "hr", "img", "link", "input", "wbr"}


@pytest.fixture(scope="module")
def parsed(parsed_project, tmp_path_factory):
    """The semantic manifest `dbt parse` writes (no database needed), and the glossary written from it."""
    folder = tmp_path_factory.mktemp("glossary")
    manifest_path = parsed_project / "semantic_manifest.json"
    markdown_path, html_path = write_glossary(manifest_path, folder / "out")
    return {
        "manifest_path": manifest_path,
        "manifest": load_semantic_manifest(manifest_path),
        "markdown": markdown_path.read_text(),
        "html": html_path.read_text(),
        "out": folder / "out",
    }


@pytest.fixture(scope="module")
def glossary(parsed) -> Glossary:
    return build_glossary(parsed["manifest"])


def measure_named_metrics(manifest) -> set[str]:
    """test_semantic_layer.py's rule: the metrics named after a measure are MetricFlow's, not the YAML's."""
    measures = {measure.name for model in manifest.semantic_models for measure in model.measures}
    return {metric.name for metric in manifest.metrics if stand_in_measure(metric.name) in measures}


def markdown_section(markdown: str, name: str) -> str:
    match = re.search(rf"^#### `{name}`:.*?(?=^#{{2,4}} |\Z)", markdown, flags=re.M | re.S)
    assert match, name
    return match.group(0)


def html_article(page: str, name: str) -> str:
    match = re.search(rf'<article id="metric-{name}">.*?</article>', page, flags=re.S)
    assert match, name
    return match.group(0)


def entry(glossary: Glossary, name: str) -> MetricEntry:
    return next(metric for metric in glossary.metrics if metric.name == name)


def test_the_private_flag_picks_the_metrics_test_semantic_layer_leaves_out(parsed):
    manifest = parsed["manifest"]
    private = {metric.name for metric in manifest.metrics if not is_defined_metric(metric)}
    assert private, "expected MetricFlow's stand-ins for the cumulative and conversion metrics' measures"
    assert private == measure_named_metrics(manifest)


def test_every_defined_metric_appears_in_both_files_with_its_team_and_lens(parsed):
    manifest = parsed["manifest"]
    defined = [metric for metric in manifest.metrics if is_defined_metric(metric)]
    assert len(defined) >= 20
    for metric in defined:
        team, lens = metric.config.meta["owner_team"], metric.config.meta["lens"]
        assert f"| `{metric.name}` | {team} | {lens} | {metric.type.value} |" in parsed["markdown"]
        section = markdown_section(parsed["markdown"], metric.name)
        assert f"**Owner team:** {team}" in section and f"**Lens:** {lens}" in section
        article = html_article(parsed["html"], metric.name)
        assert f"team: {team}<" in article and f"lens: {lens}<" in article
        assert escape(" ".join(metric.description.split())) in article


def test_metricflow_stand_in_metrics_are_left_out(parsed, glossary):
    hidden = measure_named_metrics(parsed["manifest"])
    assert {"distinct_units", "intent_after_onset_units_fill_nulls_with_0"} <= hidden
    names = {metric.name for metric in glossary.metrics}
    for name in hidden:
        assert name not in names
        assert f"| `{name}` |" not in parsed["markdown"]
        assert f"#### `{name}`" not in parsed["markdown"]
        assert f'id="metric-{name}"' not in parsed["html"]


def test_metrics_are_grouped_by_team_then_lens(parsed, glossary):
    keys = [(metric.owner_team, metric.lens, metric.name) for metric in glossary.metrics]
    assert keys == sorted(keys)
    headings = re.findall(r"^## Team: (\w+)$", parsed["markdown"], flags=re.M)
    assert headings == sorted({metric.owner_team for metric in glossary.metrics})
    assert set(headings) == {"marketing", "sales", "shared"}


def test_a_ratio_names_its_numerator_and_denominator(parsed, glossary):
    definition = entry(glossary, "win_rate").definition
    assert "Numerator: won_opportunities" in definition
    assert "Denominator: closed_opportunities" in definition
    section = markdown_section(parsed["markdown"], "win_rate")
    assert "Numerator: won_opportunities" in section and "Denominator: closed_opportunities" in section


def test_each_metric_type_is_described(glossary):
    simple = " ".join(entry(glossary, "engaged_accounts").definition)
    assert "sum of" in simple and "decision_unit_weeks" in simple and "engaged_units" in simple
    assert "Semi-additive" in simple
    derived = " ".join(entry(glossary, "pipeline_created_growth_mom").definition)
    assert "pipeline_created as pipeline_created_prior_month, offset by 1 month" in derived
    cumulative = " ".join(entry(glossary, "cumulative_pipeline").definition)
    assert "daily_pipeline_amount" in cumulative and "all time" in cumulative
    conversion = " ".join(entry(glossary, "readiness_to_opportunity_conversion").definition)
    for part in ("Base event: distinct_units", "opportunity_decision_units", "decision_unit", "90 days"):
        assert part in conversion
    assert "conversion_rate" in conversion
    assert entry(glossary, "decision_ready_account_weeks").filters == (
        "{{ Dimension('decision_unit_week__readiness_state') }} = 'decision_ready'",
    )


def test_group_by_items_come_from_metricflow(parsed, glossary):
    def names(metric: str) -> set[str]:
        return {item.name for item in entry(glossary, metric).dimensions}

    assert {"decision_unit__region", "metric_time"} <= names("engaged_accounts")
    assert "attribution_credit__attribution_model" in names("attributed_pipeline")
    # pipeline_days has no decision_unit entity: MetricFlow offers only its own time
    assert names("cumulative_pipeline") == {"metric_time", "pipeline_day__pipeline_date"}
    grains = {item.name: item.time_grain for item in entry(glossary, "engaged_accounts").dimensions}
    assert grains["metric_time"] == "week" and grains["decision_unit__region"] is None
    assert "decision_unit__region" in markdown_section(parsed["markdown"], "engaged_accounts")
    article = html_article(parsed["html"], "attributed_pipeline")
    assert "<code>attribution_credit__attribution_model</code>" in article


def test_saved_queries_are_listed(parsed, glossary):
    assert [query.name for query in glossary.saved_queries] == [
        "alignment_scorecard",
        "marketing_weekly",
        "sales_pipeline",
    ]
    weekly = next(query for query in glossary.saved_queries if query.name == "marketing_weekly")
    assert "engagement_to_intent_conversion" in weekly.metrics
    assert weekly.group_by == ("TimeDimension('metric_time', 'week')",)
    assert "### `sales_pipeline`: Sales pipeline view" in parsed["markdown"]
    assert 'id="saved-query-alignment_scorecard"' in parsed["html"]


class _TagBalance(HTMLParser):
    """Fails on an end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag not in VOID_ELEMENTS:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, (tag, self.open[-5:])
        self.open.pop()


def test_html_is_standalone_and_well_formed(parsed):
    page = parsed["html"]
    assert page.startswith("<!DOCTYPE html>")
    parser = _TagBalance()
    parser.feed(page)
    parser.close()
    assert parser.open == []
    assert "<script" not in page.lower()
    assert not parser.tags & {"script", "link", "iframe", "img"}
    assert "http://" not in page and "https://" not in page
    assert "<style>" in page


def test_text_is_escaped():
    assert escape("a < b & \"c\" 'd'") == "a &lt; b &amp; &quot;c&quot; &#x27;d&#x27;"
    hostile = "<script>alert('x')</script>"
    metric = MetricEntry(
        name="odd<metric>",
        label=hostile,
        type="simple",
        owner_team="sales",
        lens="generic",
        question=f"Is a < b? {hostile}",
        definition=(f"sum of `case when a < b then 1 end` {hostile}",),
        filters=("{{ Dimension('x__y') }} <> 'a&b'",),
        dimensions=(GroupByItem(name="x__<y>"),),
    )
    query = SavedQueryEntry(
        name="q",
        label="Q",
        description=hostile,
        metrics=("odd<metric>",),
        group_by=(),
        where=(),
        order_by=(),
        limit=None,
    )
    page = render_html(Glossary(metrics=(metric,), saved_queries=(query,)))
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page
    assert "<code>case when a &lt; b then 1 end</code>" in page
    assert "&lt;&gt; &#x27;a&amp;b&#x27;" in page
    assert 'id="metric-odd_metric_"' in page
    parser = _TagBalance()
    parser.feed(page)
    assert parser.open == []
    assert "odd<metric>" in render_markdown(Glossary(metrics=(metric,), saved_queries=()))


def test_output_is_deterministic(parsed, tmp_path):
    manifest = parsed["manifest"]
    shuffled = manifest.copy(
        update={
            "metrics": list(reversed(manifest.metrics)),
            "semantic_models": list(reversed(manifest.semantic_models)),
            "saved_queries": list(reversed(manifest.saved_queries)),
        }
    )
    glossary = build_glossary(shuffled)
    assert render_markdown(glossary) == parsed["markdown"]
    assert render_html(glossary) == parsed["html"]
    markdown_path, html_path = write_glossary(parsed["manifest_path"], tmp_path)
    assert markdown_path.read_bytes() == (parsed["out"] / "glossary.md").read_bytes()
    assert html_path.read_bytes() == (parsed["out"] / "glossary.html").read_bytes()
    assert str(parsed["manifest_path"].parent) not in parsed["markdown"]


def test_a_missing_manifest_is_reported(tmp_path):
    with pytest.raises(LensError, match="dbt parse"):
        write_glossary(tmp_path / "target" / "semantic_manifest.json", tmp_path / "out")


def test_lens_glossary_writes_both_files(lens, tmp_path):
    code, out, err = lens("glossary", "--db", str(tmp_path / "lens.duckdb"), "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert (tmp_path / "out" / "glossary.md").is_file() and (tmp_path / "out" / "glossary.html").is_file()
    assert "win_rate" in (tmp_path / "out" / "glossary.md").read_text()
    assert "glossary.html" in out
