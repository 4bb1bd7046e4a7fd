"""“Cite this page”: the full address, the day read, and BibTeX and CSL-JSON that reference managers read back."""

from __future__ import annotations

import html
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from conftest import FIXTURE
from pybtex.database import parse_string

from generator.cite import Work
from generator.pipeline import Build, build
from generator.settings import Settings

SITE = "https://example.org/explainer/"
READ = date(2026, 11, 30)


@pytest.fixture(scope="module")
def site() -> Build:
    result = build(FIXTURE, Settings(today=READ, site_url=SITE))
    assert result.errors == []
    return result


def block(page: str, language: str) -> str:
    """The text of a page's BibTeX or CSL-JSON block, as a reader copies it."""
    [code] = re.findall(rf'<code class="language-{language}">(.*?)</code>', page)
    return html.unescape(code)


def test_a_record_page_is_cited_by_its_full_address_and_the_day_it_was_read(site: Build) -> None:
    page = site.files["chips/example-x1.md"]
    box = page.split('!!! quote "Cite this page"\n', 1)[1].split("\n\n", 1)[0]
    assert box.strip() == (
        "“Example X1”. China's chips under US export controls, facts as of August 2023. "
        "https://example.org/explainer/chips/example-x1/ (accessed 30 November 2026)."
    )


def test_a_record_citation_includes_the_record_s_own_sources(site: Build) -> None:
    page = site.files["chips/example-x1.md"]
    assert "    - Example Chipmaker, “X1 datasheet”. https://example.org/x1.pdf (accessed 1 November 2026)." in page
    # a copy says where it was read: the address is the copy's, not the original publisher's
    assert "Example Wire, “Wire: Acme orders X1 chips”, 7 November 2023. Read at Example Mirror: https://example.org/wire" in page
    entries = parse_string(block(page, "bibtex"), "bibtex").entries
    assert list(entries) == ["explainer-chips-example-x1", "maker-x1-datasheet", "wire-2023-11-07-order"]
    assert [item["id"] for item in json.loads(block(page, "json"))] == list(entries)


def test_the_bibtex_of_a_chapter_parses_with_its_address_title_and_dates(site: Build) -> None:
    entry = parse_string(block(site.files["story.md"], "bibtex"), "bibtex").entries["explainer-story"]
    assert entry.type == "misc"
    assert entry.fields["title"] == "A story: the X1's <order>"
    assert entry.fields["url"] == "https://example.org/explainer/story/"
    assert entry.fields["urldate"] == "2026-11-30"
    assert str(entry.persons["author"][0]) == "{China's chips under US export controls}"


def test_special_characters_are_escaped_for_bibtex() -> None:
    work = Work(key="k", title="R&D: 50% of_#1 {x}", author="A & B", url="https://e.org/a_b", issued=None, accessed=READ)
    entry = parse_string(work.bibtex(), "bibtex").entries["k"]
    assert entry.fields["title"] == r"R\&D: 50\% of\_\#1 \{x\}"


def test_the_csl_json_renders_with_a_citation_style(site: Build) -> None:
    items = json.loads(block(site.files["story.md"], "json"))
    assert items[0]["URL"] == "https://example.org/explainer/story/"
    assert items[0]["accessed"] == {"date-parts": [[2026, 11, 30]]}
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(Citation([CitationItem("explainer-story")]))
    [reference] = [str(entry) for entry in bibliography.bibliography()]
    assert "A story: the X1's <order>" in reference
    assert "https://example.org/explainer/story/" in reference
    assert "(2023)" in reference  # the year its facts reach
    assert "(Accessed: November 30, 2026)" in reference


def test_without_the_site_s_address_the_citation_gives_the_page_s_path() -> None:
    page = build(FIXTURE, Settings(today=READ)).files["chips/example-x1.md"]
    assert "facts as of August 2023. /chips/example-x1/ (accessed 30 November 2026)." in page


def test_the_box_leaves_the_chapter_s_own_markup_alone(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    story = content / "pages" / "story.md"
    cites = '{{ cite("gazette-2022-10-07-rule") }}{{ cite("wire-2023-11-07-order") }}'
    story.write_text(story.read_text(encoding="utf-8") + f"\nBoth say so.{cites}\n", encoding="utf-8")
    page = build(content, Settings(today=READ)).files["story.md"]
    assert 'Both say so.[^1]<sup class="fn-sep">,</sup>[^2]' in page
    assert "Cite this page" in page
