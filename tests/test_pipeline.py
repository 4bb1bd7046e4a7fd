"""Gather first, then write: joins and citations are known before any page, and builders share no state."""

from __future__ import annotations

import json
import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import FIXTURE, TODAY

from generator import escape, pages
from generator.engine import Status, classify_chip, compute_metrics
from generator.load import ParseCache
from generator.model import Chip, Rule
from generator.pipeline import Build, build
from generator.plugin import ExplainerPlugin
from generator.registry import COLLECTIONS
from generator.render.memo import PageMemo
from generator.settings import Settings

FOOTNOTE = re.compile(r"^\[\^\d+\]: \[[^\]]*\]\((?:\.\./)*sources/([a-z0-9-]+)\.md\)", re.MULTILINE)


@pytest.fixture(scope="module")
def fixture_build() -> Build:
    result = build(FIXTURE, Settings(today=TODAY))
    assert result.errors == []
    return result


def copy_fixture(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    return content


def test_source_pages_list_the_narrative_pages_that_cite_them(fixture_build: Build) -> None:
    page = fixture_build.files["sources/wire-2023-11-07-order.md"]
    cited_by = page.split("## Cited by", 1)[1]
    assert "- [Fixture home](../index.md)" in cited_by
    assert "- [Example X1](../chips/example-x1.md)" in cited_by


def test_every_record_page_cites_exactly_the_sources_the_link_stage_counted(fixture_build: Build) -> None:
    linked = fixture_build.linked
    assert linked is not None
    for (collection, record_id), expected in linked.citations.items():
        page = fixture_build.files[f"{collection}/{record_id}.md"]
        assert set(FOOTNOTE.findall(page)) == set(expected), f"{collection}/{record_id}"


def test_builders_share_no_state(fixture_build: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    """Running the declared pages' builders in reverse order gives the same pages."""
    forward = {p: t for p, t in fixture_build.files.items() if p.endswith(".md")}
    monkeypatch.setattr(pages, "PAGES", tuple(reversed(pages.PAGES)))
    backward = build(FIXTURE, Settings(today=TODAY)).files
    assert {p: t for p, t in backward.items() if p.endswith(".md")} == forward


def test_a_source_cited_only_by_a_story_is_not_reported_unused(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    sources = content / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8")
        + "- id: story-only\n  title: Story only\n  publisher: P\n  url: https://example.org/s\n  accessed: 2026-11-28\n",
        encoding="utf-8",
    )
    uncited = build(content, Settings(today=TODAY))
    assert [p.message for p in uncited.warnings] == ["source 'story-only' is cited by no page"]
    page = content / "pages" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + '{{ cite("story-only") }}\n', encoding="utf-8")
    cited = build(content, Settings(today=TODAY))
    assert cited.warnings == []
    assert "- [Fixture home](../index.md)" in cited.files["sources/story-only.md"]


def test_references_are_published_in_the_json(fixture_build: Build) -> None:
    data = json.loads(fixture_build.files["data/explainer.json"])
    chip = next(c for c in data["chips"] if c["id"] == "example-x1")
    assert {"collection": "customers", "id": "acme-cloud-example-x1-2023"} in chip["referenced_by"]
    company = next(c for c in data["companies"] if c["id"] == "example-chipmaker")
    assert company["entity_list"] == [{"measure": "example-listing-2023", "date": "2023-01-15"}]


def test_engine_results_are_published_as_data(fixture_build: Build) -> None:
    data = json.loads(fixture_build.files["data/explainer.json"])
    status = next(c for c in data["chips"] if c["id"] == "example-x1")["status"]
    for result in status.values():
        assert result["status"] in {s.value for s in Status}
        assert isinstance(result["paragraphs"], list)
        assert all(m in {"tpp", "performance_density", "interconnect_gbs"} for m in result["missing"])


def test_index_pages_show_labels_not_raw_values(fixture_build: Build) -> None:
    assert "| entity listing |" in fixture_build.files["measures/index.md"]
    assert "entity-listing" not in fixture_build.files["measures/index.md"]
    assert "| partly delivered |" in fixture_build.files["customers/index.md"]


def test_a_date_today_is_not_in_the_future_but_tomorrow_is(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    sources = content / "sources.yaml"
    original = sources.read_text(encoding="utf-8")
    tomorrow = TODAY + timedelta(days=1)
    sources.write_text(original.replace("published: 2023-11-07", f"published: {TODAY}"), encoding="utf-8")
    assert build(content, Settings(today=TODAY)).warnings == []
    sources.write_text(original.replace("published: 2023-11-07", f"published: {tomorrow}"), encoding="utf-8")
    assert {p.message for p in build(content, Settings(today=TODAY)).warnings} == {f"date {tomorrow} is in the future"}


def test_markdown_fields_cannot_become_attribute_lists() -> None:
    assert escape.markdown("Text {: onclick=alert(1) }") == "Text \\{: onclick=alert(1) \\}"
    assert escape.markdown("a <b>&") == "a &lt;b>&amp;"


def test_undecidable_beats_disputed() -> None:
    """Sources disagree on throughput and the die area is missing: find the die area first."""
    chip = Chip.model_validate(
        {
            "id": "x",
            "name": "X",
            "vendor": "v",
            "kind": "datacenter-accelerator",
            "data_center": True,
            "summary": "x",
            "confidence": "disputed",
            "verified": "2026-11-28",
            "sources": ["a"],
            "throughput": [
                {"precision": "fp16", "value": 250, "unit": "TFLOPS", "source": "a"},
                {"precision": "fp16", "value": 350, "unit": "TFLOPS", "source": "b"},
            ],
        }
    )
    rule = Rule.model_validate(
        {
            "id": "r",
            "name": "R",
            "short": "R",
            "measure": "m",
            "effective": "2023-11-17",
            "summary": "s",
            "confidence": "reported",
            "verified": "2026-11-28",
            "sources": ["a"],
            "paragraphs": [
                {
                    "label": "P",
                    "text": "t",
                    "source": "a",
                    "any_of": [
                        {"bounds": {"tpp": {"min": 4800}}},
                        {"bounds": {"tpp": {"min": 1600}, "performance_density": {"min": 5.92}}},
                    ],
                }
            ],
        }
    )
    result = classify_chip(chip, compute_metrics(chip), rule)
    assert result.status is Status.UNDECIDABLE
    assert result.missing == ("performance_density",)


def test_serve_cache_rewrites_only_changed_pages(tmp_path: Path) -> None:
    plugin = ExplainerPlugin()
    plugin.cache = tmp_path
    first = plugin._write_if_changed("chips/x.md", "one")
    stamp = first.stat().st_mtime_ns
    assert plugin._write_if_changed("chips/x.md", "one").stat().st_mtime_ns == stamp
    changed = plugin._write_if_changed("chips/x.md", "two")
    assert changed.read_text(encoding="utf-8") == "two"


def test_the_newest_fact_is_the_latest_dated_event_or_sector_figure(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    assert str(build(content, Settings(today=TODAY)).linked.newest_fact) == "2023-08"  # type: ignore[union-attr]
    sectors = content / "sectors.yaml"
    text = sectors.read_text(encoding="utf-8").replace('period: "2022-Q4"', 'period: "2024-Q1"', 1)
    sectors.write_text(text, encoding="utf-8")
    assert str(build(content, Settings(today=TODAY)).linked.newest_fact) == "2024-Q1"  # type: ignore[union-attr]


def test_a_source_without_a_headline_is_described_in_italics_never_untitled(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    sources = content / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("  title: X1 datasheet\n", ""), encoding="utf-8")
    [problem] = build(content, Settings(today=TODAY)).errors
    assert problem.message == (
        "sources[maker-x1-datasheet]: no 'title' and no 'description': give the headline the page shows as 'title' "
        "or, when it shows none, a short 'description' of the document (readers never see 'Untitled page')"
    )
    sources.write_text(text.replace("  title: X1 datasheet\n", "  description: Datasheet of the X1\n"), encoding="utf-8")
    result = build(content, Settings(today=TODAY))
    page = result.files["chips/example-x1.md"]
    assert "[*Datasheet of the X1*](../sources/maker-x1-datasheet.md)" in page
    assert "Untitled" not in "".join(result.files.values())


def test_the_parse_cache_reuses_an_unchanged_file_and_reparses_an_edited_one() -> None:
    cache = ParseCache()
    first = cache.parse("- id: a\n", "x.yaml", 1)
    assert cache.parse("- id: a\n", "x.yaml", 1) is first
    again = cache.parse("- id: b\n", "x.yaml", 1)
    assert again is not first and again[0] is not None and again[0].data == [{"id": "b"}]
    assert cache.parse("- id: a\n", "y.yaml", 1) is not first  # another file with the same text is its own parse


# Each edit changes what some record pages read through a different lookup: a name seen in links, a figure that
# moves a chip's metrics and status, a source's title in footnotes, a new reference (backlinks), a glossary
# definition (every page's tooltips), a measure's control (every chip's history), a date written more exactly, a
# new field, and the newest fact's date.
PREVIEW_EDITS = [
    ("companies.yaml", "name: Example Chipmaker", "name: Example Chipmaker Renamed"),
    ("chips.yaml", "{value: 640, source: wire-2023-11-07-order}", "{value: 64, source: wire-2023-11-07-order}"),
    ("sources.yaml", "title: X1 datasheet", "title: X1 datasheet, second edition"),
    ("measures.yaml", "  targets: [example-chipmaker]\n  chips:", "  targets: [example-chipmaker, acme-cloud]\n  chips:"),
    ("glossary.yaml", "doubled.", "doubled, as the rule counts it."),
    ("measures.yaml", "starts: 2023-11,", "starts: 2023-12,"),
    ("measures.yaml", "starts: 2023-12,", "starts: 2023-12-01,"),  # the same day, now named as a day
    ("sources.yaml", "- id: maker-x1-datasheet\n", "- id: maker-x1-datasheet\n  published: 2023-08-01\n"),
    ("customers.yaml", 'date: "2023-08"', 'date: "2023-09"'),  # the newest fact, which chip pages name
]


def test_a_preview_with_kept_pages_equals_a_fresh_build_after_every_edit(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    settings = Settings(today=TODAY)
    cache, memo = ParseCache(), PageMemo()
    assert build(content, settings, cache=cache, memo=memo).errors == []
    for name, old, new in PREVIEW_EDITS:
        path = content / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        kept = build(content, settings, cache=cache, memo=memo)
        fresh = build(content, settings)
        assert kept.errors == fresh.errors == [], kept.errors
        changed = sorted(p for p in fresh.files if kept.files.get(p) != fresh.files[p])
        assert changed == [], f"after editing {name}: {changed}"


def test_a_preview_renders_again_only_the_record_pages_an_edit_reaches(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    settings, memo = Settings(today=TODAY), PageMemo()
    before = build(content, settings, memo=memo).files
    path = content / "companies.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Acme Cloud", "name: Acme Cloud Ltd", 1), encoding="utf-8")
    result = build(content, settings, memo=memo)
    assert result.linked is not None
    records = [f"{c.name}/{i}.md" for c in COLLECTIONS for i in result.linked.records[c.name]]
    changed = {p for p in records if before[p] != result.files[p]}
    assert "companies/acme-cloud.md" in changed
    assert set(memo.rendered) == changed  # pages whose text stayed the same were not rendered again
    assert len(memo.rendered) < len(records) / 2


def test_a_measure_may_take_effect_on_a_later_day_but_not_be_reported_then(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    measures = content / "measures.yaml"
    original = measures.read_text(encoding="utf-8")
    later = (TODAY + timedelta(days=30)).isoformat()
    measures.write_text(original.replace("effective: 2023-01-15", f"effective: {later}"), encoding="utf-8")
    assert build(content, Settings(today=TODAY)).warnings == []
    measures.write_text(
        original.replace("effective: 2023-01-15", f"reported: {later}\n  effective: 2023-01-15"), encoding="utf-8"
    )
    assert {p.message for p in build(content, Settings(today=TODAY)).warnings} == {f"date {later} is in the future"}


def test_a_copy_read_where_it_has_no_address_says_where_and_links_only_the_original(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    sources = content / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(
        text.replace(
            "  url: https://example.org/wire/order?id=7\n",
            "  original_url: https://example.org/wire/order?id=7\n  cites: {publisher: Example Wire, published: 2023-11-07}\n",
        ).replace("  read_at: Example Mirror\n", "  read_at: a news digest in a public repository\n"),
        encoding="utf-8",
    )
    result = build(content, Settings(today=TODAY))
    assert result.errors == []
    note = next(line for line in result.files["chips/example-x1.md"].splitlines() if "wire-2023-11-07-order.md)" in line)
    assert note.endswith(
        "Read in a news digest in a public repository; [original's address, as given there](https://example.org/wire/order?id=7)"
    )
    page = result.files["sources/wire-2023-11-07-order.md"]
    assert "Original it cites\n:   Example Wire" in page and "Original's date\n:   7 November 2023" in page
    sources.write_text(text.replace("  url: https://example.org/gazette/rule\n", ""), encoding="utf-8")
    assert any("give 'url', the address you read" in p.message for p in build(content, Settings(today=TODAY)).errors)
