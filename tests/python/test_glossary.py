"""The metric glossary: each defined metric in words (label, question, owner, lens, the dashboard's charts),
then its definition for analysts and its group-by items."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from markupsafe import escape
from metricflow_semantic_interfaces.implementations.filters.where_filter import (
    PydanticWhereFilter,
    PydanticWhereFilterIntersection,
)

from decision_lens.dashboard.catalog import ChartInfo, charts_showing
from decision_lens.glossary import (
    Glossary,
    GroupByItem,
    MetricEntry,
    SavedQueryEntry,
    build_glossary,
    is_defined_metric,
    load_semantic_manifest,
)
from decision_lens.glossary_pages import render_html, render_markdown, write_glossary
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
    """The metric's section: from its label's heading to the next heading, holding its name for analysts."""
    sections = re.findall(r"^#### .*?(?=^#{2,4} |\Z)", markdown, flags=re.M | re.S)
    found = [section for section in sections if f"- **Name:** `{name}`\n" in section]
    assert len(found) == 1, name
    return found[0]


def html_article(page: str, name: str) -> str:
    match = re.search(rf'<article id="metric-{name}">.*?</article>', page, flags=re.S)
    assert match, name
    return match.group(0)


def entry(glossary: Glossary, name: str) -> MetricEntry:
    return next(metric for metric in glossary.metrics if metric.name == name)


def dashboard_links(article: str, href: str = "../report/dashboard.html") -> list[str]:
    return re.findall(rf'<a href="{re.escape(href)}#([^"]+)">', article)


def hand_made_metric(charts: tuple[ChartInfo, ...] = ()) -> MetricEntry:
    return MetricEntry(
        name="win_rate",
        label="Win rate",
        type="ratio",
        owner_team="sales",
        lens="generic",
        question="Of the opportunities that closed, what share was won?",
        in_words=("Won opportunities, divided by closed opportunities.",),
        definition=("Numerator: won_opportunities", "Denominator: closed_opportunities"),
        filters=(),
        dimensions=(GroupByItem(name="metric_time", time_grain="day"),),
        charts=charts,
    )


def test_the_private_flag_picks_the_metrics_test_semantic_layer_leaves_out(parsed):
    manifest = parsed["manifest"]
    private = {metric.name for metric in manifest.metrics if not is_defined_metric(metric)}
    assert private, "expected MetricFlow's stand-ins for the cumulative and conversion metrics' measures"
    assert private == measure_named_metrics(manifest)


def test_every_defined_metric_appears_in_both_files_with_its_team_and_lens(parsed, glossary):
    manifest = parsed["manifest"]
    defined = [metric for metric in manifest.metrics if is_defined_metric(metric)]
    assert len(defined) >= 20
    for metric in defined:
        team, lens = metric.config.meta["owner_team"], metric.config.meta["lens"]
        assert f"| {metric.label} | {team} | {lens} |" in parsed["markdown"]
        words = entry(glossary, metric.name)
        section = markdown_section(parsed["markdown"], metric.name)
        assert f"- {words.owner_in_words()}\n- {words.lens_in_words()}\n" in section
        article = html_article(parsed["html"], metric.name)
        assert (
            f'<p class="owner">{escape(words.owner_in_words())} {escape(words.lens_in_words())}</p>'
            in article
        )
        assert escape(" ".join(metric.description.split())) in article


def test_owner_team_and_lens_are_said_in_words(glossary):
    assert entry(glossary, "mqas").owner_in_words() == "Owned by the marketing team."
    assert entry(glossary, "win_rate").owner_in_words() == "Owned by the sales team."
    assert (
        entry(glossary, "premature_handoff_rate").owner_in_words() == "Owned by marketing and sales together."
    )
    assert entry(glossary, "mqas").lens_in_words().startswith("Generic lens: ")
    assert entry(glossary, "premature_handoff_rate").lens_in_words().startswith("Decision lens: ")
    unset = replace(hand_made_metric(), owner_team="(unset)", lens="(unset)")
    assert (unset.owner_in_words(), unset.lens_in_words()) == ("No owner team is set.", "No lens is set.")


def test_metricflow_stand_in_metrics_are_left_out(parsed, glossary):
    hidden = measure_named_metrics(parsed["manifest"])
    assert {"distinct_units", "intent_after_onset_units_fill_nulls_with_0"} <= hidden
    names = {metric.name for metric in glossary.metrics}
    for name in hidden:
        assert name not in names
        assert f"- **Name:** `{name}`" not in parsed["markdown"]
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


def test_each_metric_type_is_said_in_words(glossary):
    def words(name: str) -> tuple[str, ...]:
        return entry(glossary, name).in_words

    assert words("premature_handoffs") == ("Counts handoffs judged premature.",)
    assert words("pipeline_created") == ("Adds up the amount of the opportunities created.",)
    assert words("win_rate") == ("Won opportunities, divided by closed opportunities.",)
    assert words("won_opportunities")[-1] == "Only where closed date is set."
    assert words("attributed_pipeline_first_touch")[-1] == "Only where attribution model is first_touch."
    assert words("pipeline_created_growth_mom")[0].startswith(
        "Calculated from pipeline created; pipeline created, 1 month earlier"
    )
    assert words("cumulative_pipeline") == (
        "Running total of the amount of the opportunities created that day, since the data begins.",
    )
    conversion = words("readiness_to_opportunity_conversion")
    assert conversion[0].startswith("Starting event: distinct decision units")
    assert conversion[0].endswith(", only where readiness state is decision_ready.")
    assert "for the same decision unit within 90 days" in conversion[1]
    assert conversion[2] == "The share of starting events followed by a conversion event."
    for metric in glossary.metrics:
        assert metric.in_words, metric.name
        assert not any("{{" in line or "`" in line for line in metric.in_words), metric.name


def test_a_filter_other_than_a_comparison_points_to_the_definition(parsed):
    manifest = parsed["manifest"]
    odd_filter = PydanticWhereFilterIntersection(
        where_filters=[
            PydanticWhereFilter(where_sql_template="{{ Dimension('handoff__handoff_type') }} in ('a')")
        ]
    )
    metrics = [
        metric.copy(update={"filter": odd_filter}) if metric.name == "handoffs" else metric
        for metric in manifest.metrics
    ]
    handoffs = entry(build_glossary(manifest.copy(update={"metrics": metrics})), "handoffs")
    assert handoffs.in_words[-1] == "Only the rows its filters keep (see the definition for analysts)."
    assert handoffs.filters == ("{{ Dimension('handoff__handoff_type') }} in ('a')",)


def test_a_metric_leads_with_its_label_and_words_and_its_definition_is_folded(parsed, glossary):
    for metric in glossary.metrics:
        article = html_article(parsed["html"], metric.name)
        readers, details = article.split("<details>\n<summary>Definition for analysts</summary>")
        assert readers.index(f"<h4>{escape(metric.label)}</h4>") < readers.index(escape(metric.question))
        for line in metric.in_words:
            assert f"<li>{escape(line)}</li>" in readers
        # names, expressions and filters wait until the reader opens the details
        assert "<code>" not in readers, metric.name
        assert f"<code>{metric.name}</code>" in details and details.endswith("</details>\n</article>")
        section = markdown_section(parsed["markdown"], metric.name)
        assert section.startswith(f"#### {metric.label}\n\n{metric.question}\n\n- {metric.in_words[0]}\n")
        assert section.index("Definition for analysts:") < section.index(f"- **Name:** `{metric.name}`")
        assert "`" not in section.split("Definition for analysts:")[0], metric.name
    premature = html_article(parsed["html"], "premature_handoffs")
    assert premature.index("<details>") < premature.index("case when handoff_quality = &#39;premature&#39;")


def test_dashboard_metrics_link_to_their_charts(parsed, glossary):
    assert dashboard_links(html_article(parsed["html"], "premature_handoff_rate")) == ["handoffs"]
    assert dashboard_links(html_article(parsed["html"], "mqas")) == ["two-lenses", "why-they-differ"]
    assert dashboard_links(html_article(parsed["html"], "win_rate")) == []
    assert "dashboard" not in html_article(parsed["html"], "win_rate")
    for metric in glossary.metrics:
        expected = [chart.id for chart in charts_showing(metric.name)]
        assert dashboard_links(html_article(parsed["html"], metric.name)) == expected
    assert "- On the dashboard: Two lenses over time; Why the lenses differ\n" in markdown_section(
        parsed["markdown"], "mqas"
    )
    assert "On the dashboard" not in markdown_section(parsed["markdown"], "win_rate")


def test_the_server_links_the_charts_to_its_own_dashboard(glossary):
    page = render_html(glossary, dashboard_href="/dashboard")
    assert dashboard_links(html_article(page, "premature_handoff_rate"), href="/dashboard") == ["handoffs"]
    assert "../report/" not in page
    chart = ChartInfo("handoffs", "Handoffs: ready or premature", "What share was premature?", ("win_rate",))
    alone = render_html(Glossary(metrics=(hand_made_metric(charts=(chart,)),), saved_queries=()), "/d")
    assert '<a href="/d#handoffs">Handoffs: ready or premature</a>' in alone
    assert '<a href="/d#' not in render_html(Glossary(metrics=(hand_made_metric(),), saved_queries=()), "/d")


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
    assert not parser.tags & {"script", "link", "iframe", "img", "object", "embed"}
    assert "http" not in page.lower()  # nothing from another host: the page reads offline
    assert "@import" not in page and "url(" not in page
    assert page.count("<style>") == 1


def test_text_is_escaped():
    hostile = "<script>alert('x')</script>"
    metric = MetricEntry(
        name="odd<metric>",
        label=hostile,
        type="simple",
        owner_team=hostile,
        lens="generic",
        question=f"Is a < b? {hostile}",
        in_words=(f"Counts `a` {hostile}",),
        definition=(f"sum of `case when a < b then 1 end` {hostile}",),
        filters=("{{ Dimension('x__y') }} <> 'a&b'",),
        dimensions=(GroupByItem(name="x__<y>"),),
        charts=(ChartInfo('"><script>', hostile, hostile, ("odd<metric>",)),),
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
    page = render_html(Glossary(metrics=(metric,), saved_queries=(query,)), dashboard_href='"><script>')
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page
    assert "<code>case when a &lt; b then 1 end</code>" in page
    assert "<li>Counts `a` &lt;script&gt;" in page  # the words for readers have no code spans
    assert "&lt;&gt; &#39;a&amp;b&#39;" in page
    assert '<a href="&#34;&gt;&lt;script&gt;#&#34;&gt;&lt;script&gt;">' in page
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
    markdown = (tmp_path / "out" / "glossary.md").read_text()
    assert "- **Name:** `win_rate`" in markdown
    assert "- On the dashboard: Handoffs: ready or premature\n" in markdown_section(
        markdown, "premature_handoff_rate"
    )
    page = (tmp_path / "out" / "glossary.html").read_text()
    assert dashboard_links(html_article(page, "premature_handoff_rate")) == ["handoffs"]
    assert dashboard_links(html_article(page, "mqas")) == ["two-lenses", "why-they-differ"]
    assert "http" not in page.lower()
    assert "glossary.html" in out
