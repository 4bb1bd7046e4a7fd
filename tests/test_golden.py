"""Golden files of the Markdown generated from the fixture. Regenerate with `make goldens`."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURE

from generator.pipeline import build
from generator.settings import Settings

GOLDEN = Path(__file__).parent / "golden"


def test_markdown_matches_golden_files(settings: Settings, update_goldens: bool) -> None:
    result = build(FIXTURE, settings)
    assert result.errors == []
    pages = {path: text for path, text in result.files.items() if path.endswith(".md")}
    if update_goldens:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected), "the set of pages changed: run `make goldens` and review the diff"
    for path, text in pages.items():
        assert text == expected[path], f"{path} differs from its golden file: run `make goldens` and review the diff"
