"""The reader-facing pieces: numbers for people, charts that do not invent values, footnote clusters, first-mention
glossary marks, chapter navigation, what's new and the Atom feed."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest
from conftest import FIXTURE, TODAY

from generator import story_charts
from generator.cite import clusters
from generator.draw.series import Series, SeriesPoint, series_svg
from generator.draw.svg import human
from generator.model import Metric, Point, Term
from generator.pipeline import build
from generator.render.context import Glossary
from generator.settings import Settings

ROOT = Path(__file__).parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(2_500_000, "2.5 million"), (526_409, "526,409"), (0.31, "0.31"), (1_636_129, "1.64 million"), (3e9, "3 billion")],
)
def test_numbers_read_as_people_write_them(value: float, shown: str) -> None:
    assert human(value) == shown
    assert "e+" not in human(value)


def _metric(*points: tuple[str, float]) -> Metric:
    return Metric(
        id="m",
        name="M",
        unit="vehicles",
        basis="sales",
        points=[Point(period=period, value=value, source="s") for period, value in points],  # type: ignore[arg-type]
    )


def test_series_join_only_consecutive_periods_and_keep_disputes_as_ranges() -> None:
    points = story_charts._points(_metric(("2022", 1), ("2023", 2), ("2025", 3), ("2025", 4), ("2023-Q4", 5)))
    by_label = {p.label: p for p in points}
    assert by_label["2023"].joined  # 2022 → 2023: consecutive years
    assert not by_label["2025"].joined  # 2024 is missing: never bridged
    assert (by_label["2025"].low, by_label["2025"].high) == (3, 4)  # a range, not a midpoint
    assert not by_label["Q4 2023"].joined  # a quarter after a year is not the next period


def test_a_disputed_point_is_joined_at_both_values_never_a_midpoint() -> None:
    series = Series("S", "#000", (SeriesPoint(2022, 2023, 10, 10, "2022", False), SeriesPoint(2023, 2024, 20, 30, "2023", True)))
    svg = series_svg("t", "T", "D", [series], y_label="Vehicles", source="Source: test.")
    assert svg.count('stroke="#000" stroke-width="2.5"') == 2  # joined at both values of the disputed period
    assert svg.count('stroke="#000" stroke-width="6"') == 1  # the range itself
    assert '<title id="t-title">T</title>' in svg and "Source: test." in svg


def test_citation_clusters_are_written_with_separators_and_ranges() -> None:
    assert clusters("a[^1][^3] b") == 'a[^1]<sup class="fn-sep">,</sup>[^3] b'
    collapsed = clusters("a[^2][^3][^4][^5].")
    assert collapsed.startswith('a[^2]<sup class="fn-sep">–</sup>') and collapsed.endswith("[^5].")
    assert "[^3][^4]" in collapsed  # still in the page, hidden, so the footnotes' back links land
    assert clusters("for 200 servers[^8]. A[^8]") == "for 200 servers[^8]. A[^8]"  # single markers stay alone
    assert clusters("x[^8][^8]") == "x[^8]"


def test_glossary_marks_only_the_first_mention_in_running_text() -> None:
    glossary = Glossary([Term(id="tpp", term="TPP", definition="Total processing performance.")])
    text = "# TPP\n\nSee [TPP](glossary/tpp.md) and `TPP`. The TPP is high; TPP again.\n\n| TPP |\n"
    marked = glossary.mark(text)
    assert marked.count("<abbr") == 1
    assert marked.startswith("# TPP\n")
    assert '[TPP](glossary/tpp.md) and `TPP`. The <abbr title="Total processing performance." tabindex="0">TPP</abbr>' in marked


def test_glossary_leaves_link_text_with_escaped_brackets_alone() -> None:
    glossary = Glossary([Term(id="tpp", term="TPP", definition="Total processing performance.")])
    link = "| [\\[a post on TPP\\]](sources/post.md) | x |"
    assert glossary.mark(link) == link


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return build(FIXTURE, Settings(today=TODAY, site_url="https://example.org/explainer/")).files


def test_chapters_say_where_the_reader_is(files: dict[str, str]) -> None:
    story = files["story.md"]
    assert "**Chapter 1 of 1** · [The story](index.md#the-story)" in story
    assert "How did Acme Cloud come to order the X1?" in files["index.md"]


def test_whats_new_lists_the_newest_events_first(files: dict[str, str]) -> None:
    page = files["whats-new.md"]
    dates = re.findall(r"^- \*\*([^*]+)\*\*", page.split("## Latest events")[1].split("##")[0], re.M)
    assert dates
    days = [datetime.strptime(d, "%d %B %Y") for d in dates if re.fullmatch(r"\d+ \w+ \d{4}", d)]
    assert days == sorted(days, reverse=True)


def test_a_story_names_the_newest_fact(files: dict[str, str]) -> None:
    result = build(FIXTURE, Settings(today=TODAY))
    assert result.linked is not None and result.linked.newest_fact is not None
    assert f"Facts up to {result.linked.newest_fact.label()}." in files["index.md"]


def test_the_feed_is_valid_atom(files: dict[str, str]) -> None:
    root = ET.fromstring(files["feed.xml"])
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == "https://example.org/explainer/feed.xml"
    entries = root.findall(f"{ATOM}entry")
    assert entries
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids))
    stamp = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
    assert stamp.match(root.findtext(f"{ATOM}updated") or "")
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{tag}"), tag
        assert stamp.match(entry.findtext(f"{ATOM}updated") or "")
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None and (link.get("href") or "").startswith("https://example.org/explainer/")
        assert (entry.findtext(f"{ATOM}id") or "").startswith(("https://", "tag:"))


def test_the_feed_without_a_site_address_uses_tag_ids() -> None:
    feed = build(FIXTURE, Settings(today=TODAY)).files["feed.xml"]
    root = ET.fromstring(feed)
    assert (root.findtext(f"{ATOM}id") or "").startswith("tag:")


def test_record_pages_keep_ids_and_notes_out_of_the_reading_flow(files: dict[str, str]) -> None:
    for path, text in files.items():
        if path.endswith(".md") and "/" in path and not path.endswith("index.md"):
            assert "| Id |" not in text and '!!! note "Notes"' not in text, path
    template = (ROOT / "generator" / "templates" / "record.md.j2").read_text(encoding="utf-8")
    assert '??? note "Research notes"' in template


def test_every_narrative_chart_name_is_known() -> None:
    pages = (ROOT / "content" / "pages").glob("*.md")
    used = {name for page in pages for name in re.findall(r'chart\("([^"]+)"', page.read_text(encoding="utf-8"))}
    assert used and used <= set(story_charts.FIGURES)


def test_sector_pages_draw_their_series_as_the_stories_do_without_joining_gaps(files: dict[str, str]) -> None:
    page = files["sectors/solar.md"]
    svg = page.split('<figure class="chart-figure"', 1)[1].split("</figure>", 1)[0]
    assert "Lines join consecutive periods only" in svg and svg.count("<svg") == 2  # the wide and the phone drawing
    assert 'stroke-width="2.5"' not in svg  # no joining line: a year, then a quarter, are not consecutive periods


UNDATED = "This data set has no sourced launch date for the chip, so its history starts on the first day a measure"


def test_a_chip_without_a_launch_date_says_where_its_history_starts(files: dict[str, str], tmp_path: Path) -> None:
    assert UNDATED not in files["chips/example-x1.md"]
    shutil.copytree(FIXTURE, tmp_path / "content")
    chips = tmp_path / "content" / "chips.yaml"
    chips.write_text(chips.read_text(encoding="utf-8").replace('  launched: "2023-08"\n', ""), encoding="utf-8")
    page = build(tmp_path / "content", Settings(today=TODAY)).files["chips/example-x1.md"]
    assert UNDATED in page


def test_a_measure_over_before_a_chips_history_begins_is_not_among_its_changes(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    measures, chips = tmp_path / "content" / "measures.yaml", tmp_path / "content" / "chips.yaml"
    text = measures.read_text(encoding="utf-8")  # China's side of the example rule: November 2023 to January 2024
    measures.write_text(text.replace("starts: 2023-11,", "starts: 2023-11, ends: 2024-01-01,", 1), encoding="utf-8")
    text = chips.read_text(encoding="utf-8")  # and the chip launched after it ended
    chips.write_text(text.replace('launched: "2023-08"', 'launched: "2024-06"', 1), encoding="utf-8")
    page = build(tmp_path / "content", Settings(today=TODAY)).files["chips/example-x1.md"]
    assert "What changed, and when:" not in page
    assert "| June 2024 | No restriction recorded |" in page
