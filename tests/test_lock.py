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
    chips = content / "chips" / "nvidia-china-chips-ascend-and-kirin.yaml"
    text = chips.read_text(encoding="utf-8")
    h20 = text.index("- id: nvidia-h20")
    text = text[:h20] + text[h20:].replace("die_area_mm2: {value: 814,", "die_area_mm2: {value: 81.4,", 1)
    chips.write_text(text, encoding="utf-8")
    warnings = [p.message for p in build(content, Settings(today=date.today())).warnings]
    assert len(warnings) == 1
    assert warnings[0].startswith("nvidia-h20: computed results changed: ")
    assert "status under eccn-3a090-2023 not-controlled → controlled 3A090.a" in warnings[0]
    assert "input die_area_mm2 814 (" in warnings[0] and "→ 81.4 (" in warnings[0]


def _new_chip(text: str, chip_id: str, new_id: str, replacements: dict[str, str]) -> str:
    """The chips file with a copy of one chip added under a new id, some of its text replaced."""
    start = text.index(f"- id: {chip_id}\n")
    end = text.find("\n- id: ", start + 1)
    record = text[start : end + 1 if end >= 0 else len(text)].replace(f"- id: {chip_id}\n", f"- id: {new_id}\n")
    for old, new in replacements.items():
        record = record.replace(old, new)
    return text.rstrip("\n") + "\n" + record


def test_check_and_lock_show_a_new_chips_results_before_they_are_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    chips = content / "chips.yaml"
    chips.write_text(_new_chip(chips.read_text(encoding="utf-8"), "example-x1", "example-x2", {}), encoding="utf-8")
    args = ["--content", str(content), "--today", TODAY.isoformat()]
    assert main(["check", "--strict", *args]) == 1
    err = capsys.readouterr().err
    assert (
        "warning: example-x2: a new chip, not yet in computed.lock.json: tpp 4,480, performance_density 6.73–7.00, "
        "interconnect_gbs 392; under example-threshold-rule controlled X.a; 1 status period(s); if this is intended"
    ) in err
    shown = (
        f"example-x2 (new, {content}/chips.yaml:20):\n"
        "  metrics: tpp 4,480; performance_density 6.73–7.00; interconnect_gbs 392\n"
        "  under example-threshold-rule: controlled X.a\n"
        "  status periods:\n"
        "    from 2023-08-01: export licence-required; import no-restriction\n"
    )
    assert "What `make lock` would accept:\n" + shown in err
    assert main(["lock", *args]) == 0
    captured = capsys.readouterr()
    assert "Accepting:\n" + shown in captured.err
    assert captured.out.endswith("chip(s) to " + str(content / "computed.lock.json") + ": 1 new or changed\n")


def test_a_changed_chip_shows_each_result_and_its_status_periods_before_and_after(tmp_path: Path) -> None:
    from generator.lock import reviews

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    chips = content / "chips.yaml"
    text = chips.read_text(encoding="utf-8").replace("value: 280,", "value: 28,").replace("value: 560,", "value: 56,")
    chips.write_text(text, encoding="utf-8")
    linked = build(content, Settings(today=TODAY)).linked
    assert linked is not None
    [review] = reviews(content, linked)
    lines = review.lines()
    assert lines[:3] == [
        f"example-x1 (changed, {content}/chips.yaml:1):",
        "  metrics: tpp 4,480 → 448; performance_density 6.73–7.00 → 0.67–0.70; interconnect_gbs 392",
        "  under example-threshold-rule: controlled X.a → not-controlled",
    ]
    assert lines[3] == "  status periods before:" and "  status periods after:" in lines


def test_a_new_chip_with_a_phone_sized_die_is_flagged_before_it_is_locked(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    chips = content / "chips" / "nvidia-china-chips-ascend-and-kirin.yaml"
    slip = {"{value: 814, source": "{value: 81.4, source", "name: Nvidia H20 (HGX)": "name: Nvidia H20 test"}
    chips.write_text(_new_chip(chips.read_text(encoding="utf-8"), "nvidia-h20", "nvidia-h20-test", slip), encoding="utf-8")
    result = build(content, Settings(today=date.today()))
    flagged = [p.message for p in result.warnings if "far outside" in p.message]
    assert len(flagged) == 1
    assert flagged[0].startswith("chips[nvidia-h20-test].die_area_mm2: 81.4 mm² is far outside the accepted ")
    assert flagged[0].endswith(": check it for a slipped decimal point or a wrong unit before `make lock` accepts it")
    assert "chips/nvidia-h20-test.md" in result.unaccepted and len(result.unaccepted["chips/nvidia-h20-test.md"]) == 2


def test_the_preview_shows_what_is_not_accepted_on_the_chips_page(tmp_path: Path) -> None:
    from generator.pipeline import with_lock_banners

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    chips = content / "chips.yaml"
    chips.write_text(chips.read_text(encoding="utf-8").replace("{value: 640, source", "{value: 64, source"), encoding="utf-8")
    result = build(content, Settings(today=TODAY))
    pages = with_lock_banners(result.files, result.unaccepted)
    assert '!!! warning "Not yet accepted: run make lock once you have checked these"' in pages["chips/example-x1.md"]
    assert "performance\\_density 6.73–7.00 → 6.73–70.00" in pages["chips/example-x1.md"]
    assert [path for path in pages if pages[path] != result.files[path]] == ["chips/example-x1.md"]
