"""Every page declared once, no page ever overwritten: the page registry, the one writer and reserved names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE, TODAY

from generator import pages
from generator.nav import site_nav
from generator.output import Output, OutputClashError
from generator.pipeline import build
from generator.render import Context, SitePage
from generator.settings import Settings


def copy_fixture(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    return content


def rename_record(content: Path, file: str, old: str, new: str) -> None:
    path = content / file
    text = path.read_text(encoding="utf-8").replace(f"- id: {old}\n", f"- id: {new}\n", 1)
    for other in content.rglob("*.*"):
        if other.suffix in (".yaml", ".md"):
            body = text if other == path else other.read_text(encoding="utf-8")
            other.write_text(body.replace(old, new), encoding="utf-8")


def test_the_writer_refuses_a_second_write_to_a_path() -> None:
    out = Output()
    out.add({"chips/compare.md": "page"}, "the page 'Chip comparison'")
    with pytest.raises(OutputClashError) as caught:
        out.add({"chips/compare.md": "record"}, "the record pages")
    assert str(caught.value) == ("chips/compare/ is written twice: first by the page 'Chip comparison', then by the record pages")


def test_the_writer_refuses_two_pages_served_at_one_address() -> None:
    out = Output()
    out.add({"chips/index.md": "index"}, "the collections' index pages")
    with pytest.raises(OutputClashError) as caught:
        out.add({"chips.md": "story"}, "the story pages (content/pages)")
    assert str(caught.value) == (
        "chips/ is written twice (chips/index.md and chips.md are both served there): first by the collections' "
        "index pages, then by the story pages (content/pages)"
    )


def test_every_file_of_a_build_is_written_once(tmp_path: Path) -> None:
    result = build(FIXTURE, Settings(today=TODAY))
    assert result.errors == []
    for page in pages.PAGES:
        assert page.path in result.files, f"{page.path} was not built"


@pytest.mark.parametrize(
    ("record_id", "taken"),
    [
        ("compare", "the page 'Chip comparison' (/chips/compare/)"),
        ("check", "the page 'Can this be sold to China?' (/chips/check/)"),
        ("index", "the index of chips"),
    ],
)
def test_a_chip_id_that_takes_a_page_of_the_site_is_refused(tmp_path: Path, record_id: str, taken: str) -> None:
    content = copy_fixture(tmp_path)
    rename_record(content, "chips.yaml", "example-x1", record_id)
    result = build(content, Settings(today=TODAY))
    [problem] = result.errors
    assert problem.path.endswith("chips.yaml") and problem.line == 1
    assert problem.message == (
        f"chips[{record_id}].id: '{record_id}' is reserved: its page would replace {taken}; "
        "choose another id (reserved in chips: check, compare, index)"
    )
    assert result.files == {}


def test_a_company_called_index_is_refused(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    rename_record(content, "companies.yaml", "acme-cloud", "index")
    [problem] = build(content, Settings(today=TODAY)).errors
    assert problem.message == (
        "companies[index].id: 'index' is reserved: its page would replace the index of companies; "
        "choose another id (reserved in companies: index)"
    )


@pytest.mark.parametrize(("name", "taken"), [("timeline.md", "the page 'Timeline'"), ("chips.md", "the index of chips")])
def test_a_story_page_on_an_address_of_the_site_is_refused(tmp_path: Path, name: str, taken: str) -> None:
    content = copy_fixture(tmp_path)
    shutil.copy(content / "pages" / "story.md", content / "pages" / name)
    [problem] = [p for p in build(content, Settings(today=TODAY)).errors if "would be served" in p.message]
    assert problem.path.endswith(f"content/pages/{name}") and (problem.line, problem.col) == (1, 1)
    assert problem.message.startswith(
        f"this page would be served at /{name.removesuffix('.md')}/, where the site already puts {taken}; rename the file"
    )


def _throwaway(ctx: Context, page: SitePage) -> dict[str, str]:
    return {page.path: ctx.page(page.path, "base.md.j2", title=page.title)}


def test_adding_a_page_is_one_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new entry is built, listed in its navigation section, labelled in search and reserved against records."""
    extra = SitePage(path="chips/by-country.md", title="Chips by country", section="Tools", search_label="Tool", build=_throwaway)
    monkeypatch.setattr(pages, "PAGES", (*pages.PAGES, extra))
    result = build(FIXTURE, Settings(today=TODAY))
    assert result.files["chips/by-country.md"].startswith('---\ntitle: "Chips by country"\n')
    assert ".md-search-result__link[href*='/chips/by-country/']" in result.files["assets/search-types.css"]
    tools = next(item["Tools"] for item in site_nav([{"Tools": []}], "Data") if "Tools" in item)
    assert {"Chips by country": "chips/by-country.md"} in tools
    assert "by-country" in pages.reserved("chips")
