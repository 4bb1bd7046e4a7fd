"""Golden files of the Markdown generated from the fixture, one test per page so a diff points at one feature.

Regenerate with `make goldens` (pytest --update-goldens) and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURE, TODAY

from generator.pipeline import build
from generator.settings import Settings

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_PAGES = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    # Built inside a fixture, not at import, so that each test that reads a page depends on the code that made it.
    return {path: text for path, text in build(FIXTURE, Settings(today=TODAY)).files.items() if path.endswith(".md")}


def test_the_set_of_pages_is_the_golden_set(pages: dict[str, str], update_goldens: bool) -> None:
    if update_goldens:
        for stale in set(GOLDEN.rglob("*.md")) - {GOLDEN / p for p in pages}:
            stale.unlink()
        for page, text in pages.items():
            (GOLDEN / page).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / page).write_text(text, encoding="utf-8")
    expected = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))
    assert sorted(pages) == expected, "the set of pages changed: run `make goldens` and review the diff"


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_page_matches_its_golden_file(pages: dict[str, str], page: str) -> None:
    assert page in pages, f"{page} is no longer generated: run `make goldens`"
    assert pages[page] == (GOLDEN / page).read_text(encoding="utf-8"), f"{page} differs from its golden file: run `make goldens`"
