"""Computed results are reviewed like code: a changed verdict shows as a warning until the lock accepts it."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import FIXTURE, TODAY

from generator.cli import main
from generator.pipeline import build
from generator.settings import Settings

ROOT = Path(__file__).parent.parent


def test_the_committed_locks_match_the_data() -> None:
    for content, today in ((FIXTURE, TODAY), (ROOT / "content", date.today())):
        warnings = [p.message for p in build(content, Settings(today=today)).warnings if "lock" in p.message]
        assert warnings == [], f"{content}: run `make lock` (and for the fixture, pass --content tests/fixtures/content)"


def test_a_slipped_decimal_is_reported_before_and_after_with_its_inputs(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    chips = content / "chips.yaml"
    chips.write_text(chips.read_text(encoding="utf-8").replace("{value: 640, source", "{value: 64, source"), encoding="utf-8")
    assert [p.format() for p in build(content, Settings(today=TODAY)).warnings] == [
        f"{content}/chips.yaml:1:7: warning: example-x1: computed results changed: "
        "performance_density 6.73–7.00 → 6.73–70.00; "
        "input die_area_mm2 665.61 (maker-x1-datasheet), 640 (wire-2023-11-07-order) → "
        "665.61 (maker-x1-datasheet), 64 (wire-2023-11-07-order); "
        "if this is intended, run `make lock` (python -m generator lock) to accept it\n"
        "    - id: example-x1\n"
        "          ^"
    ]


def test_strict_check_fails_until_the_change_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    chips = content / "chips.yaml"
    text = chips.read_text(encoding="utf-8").replace("value: 280,", "value: 28,").replace("value: 560,", "value: 56,")
    chips.write_text(text, encoding="utf-8")
    args = ["--content", str(content), "--today", TODAY.isoformat()]
    assert main(["check", *args]) == 0  # a warning: the preview and a normal build go on
    assert main(["check", "--strict", *args]) == 1
    assert "status under example-threshold-rule controlled X.a → not-controlled" in capsys.readouterr().err
    assert main(["lock", *args]) == 0
    assert main(["check", "--strict", *args]) == 0


def test_the_h20_die_area_typed_ten_times_too_small_flips_its_verdict_visibly(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    chips = content / "chips.yaml"
    text = chips.read_text(encoding="utf-8")
    h20 = text.index("- id: nvidia-h20")
    text = text[:h20] + text[h20:].replace("die_area_mm2: {value: 814,", "die_area_mm2: {value: 81.4,", 1)
    chips.write_text(text, encoding="utf-8")
    warnings = [p.message for p in build(content, Settings(today=date.today())).warnings]
    assert len(warnings) == 1
    assert warnings[0].startswith("nvidia-h20: computed results changed: ")
    assert "status under eccn-3a090-2023 not-controlled → controlled 3A090.a" in warnings[0]
    assert "input die_area_mm2 814 (" in warnings[0] and "→ 81.4 (" in warnings[0]
