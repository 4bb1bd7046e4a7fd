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
PAGES = {path: text for path, text in build(FIXTURE, Settings(today=TODAY)).files.items() if path.endswith(".md")}


def test_the_set_of_pages_is_the_golden_set(update_goldens: bool) -> None:
    if update_goldens:
        for stale in set(GOLDEN.rglob("*.md")) - {GOLDEN / p for p in PAGES}:
            stale.unlink()
        for page, text in PAGES.items():
            (GOLDEN / page).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / page).write_text(text, encoding="utf-8")
    expected = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))
    assert sorted(PAGES) == expected, "the set of pages changed: run `make goldens` and review the diff"


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_matches_its_golden_file(page: str) -> None:
    golden = GOLDEN / page
    assert golden.is_file(), f"no golden file for {page}: run `make goldens`"
    assert PAGES[page] == golden.read_text(encoding="utf-8"), f"{page} differs from its golden file: run `make goldens`"
