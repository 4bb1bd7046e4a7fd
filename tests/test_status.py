"""A chip's status on a date: boundaries, the latest measure in force, doubt kept, periods merged."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY

from generator.dates import parse_date
from generator.engine import Classification, Status
from generator.export import rules_json
from generator.link import link
from generator.load import read_content
from generator.settings import Settings
from generator.status import Answer, Window, answer, applies, history, in_force, on, readable
from generator.validate import validate

CHIP = "x1"
RULE = "rule-2023"


def window(
    measure: str,
    effect: str,
    starts: str,
    ends: str | None = None,
    *,
    side: str = "export",
    chips: tuple[str, ...] = (CHIP,),
    rule: str | None = None,
) -> Window:
    return Window(
        measure,
        side,
        effect,
        parse_date(starts),
        parse_date(ends) if ends else None,
        () if rule else chips,
        rule,  # type: ignore[arg-type]
    )


def classified(status: Status) -> dict[tuple[str, str], Classification]:
    return {(CHIP, RULE): Classification(status, (), (), ())}


NONE = classified(Status.NOT_CONTROLLED)


def export_on(day: str, controls: list[Window], classifications: dict[tuple[str, str], Classification] = NONE) -> Answer:
    return on(CHIP, date.fromisoformat(day), controls, classifications).export


def test_a_measure_applies_from_the_day_it_takes_effect() -> None:
    letter = [window("letter", "licence-required", "2025-04-09")]
    assert export_on("2025-04-08", letter) == Answer(("not-controlled",), (), ())
    assert export_on("2025-04-09", letter) == Answer(("licence-required",), (), ("letter",))


def test_a_measure_that_ends_stops_applying_on_its_end_day() -> None:
    rule = [window("rule-2022", "licence-required", "2022-10-07", "2023-11-17")]
    assert export_on("2023-11-16", rule).statuses == ("licence-required",)
    assert export_on("2023-11-17", rule).statuses == ("not-controlled",)


def test_the_latest_measure_in_force_gives_the_answer() -> None:
    controls = [window("letter", "licence-required", "2025-04-09"), window("licences", "licences-granted", "2025-08-12")]
    assert export_on("2025-08-11", controls).statuses == ("licence-required",)
    assert export_on("2025-08-12", controls) == Answer(("licences-granted",), (), ("letter", "licences"))


def test_a_start_known_only_to_the_month_leaves_that_month_in_doubt() -> None:
    controls = [window("letter", "licence-required", "2025-04-09"), window("licences", "licences-granted", "2025-08")]
    doubtful = export_on("2025-08-15", controls)
    assert doubtful.statuses == ("depends",)
    assert set(doubtful.alternatives) == {("licence-required",), ("licences-granted",)}
    assert export_on("2025-08-31", controls).statuses == ("licences-granted",)
    assert export_on("2025-07-31", controls).statuses == ("licence-required",)


def test_on_the_same_day_the_stricter_measure_stands() -> None:
    controls = [window("granted", "licences-granted", "2026-01-15"), window("required", "licence-required", "2026-01-15")]
    assert export_on("2026-02-01", controls).statuses == ("licence-required",)


def test_threshold_rules_apply_by_the_chips_classification() -> None:
    rule = [window("rule", "licence-required", "2023-11-17", rule=RULE)]
    assert export_on("2024-01-01", rule, classified(Status.CONTROLLED)).statuses == ("licence-required",)
    assert export_on("2024-01-01", rule, classified(Status.NOT_CONTROLLED)).statuses == ("not-controlled",)
    assert export_on("2024-01-01", rule, classified(Status.EXEMPT)).statuses == ("not-controlled",)
    disputed = export_on("2024-01-01", rule, classified(Status.DEPENDS))
    assert (disputed.statuses, set(disputed.alternatives)) == (("depends",), {("licence-required",), ("not-controlled",)})
    assert export_on("2024-01-01", rule, classified(Status.UNDECIDABLE)).statuses == ("undecidable",)


def test_a_later_named_measure_settles_what_a_rule_cannot_decide() -> None:
    controls = [window("rule", "licence-required", "2023-11-17", rule=RULE), window("letter", "licence-required", "2025-04-09")]
    assert export_on("2025-05-01", controls, classified(Status.UNDECIDABLE)).statuses == ("licence-required",)


def test_on_chinas_side_every_restriction_in_force_applies_together() -> None:
    controls = [
        window("halt", "orders-halted", "2025-09-17", side="import"),
        window("data-centres", "domestic-only", "2025-11-05", side="import"),
        window("approvals", "imports-approved", "2026-01-28", side="import"),
    ]
    status = on(CHIP, date(2026, 2, 1), controls, NONE)
    assert status.imports.statuses == ("orders-halted", "domestic-only", "imports-approved")
    assert status.export.statuses == ("not-controlled",)


def test_a_missing_spec_that_cannot_change_the_answer_is_not_blamed() -> None:
    controls = [
        window("rule", "licence-required", "2023-11-17", rule=RULE),
        window("letter", "licence-required", "2025-04"),
        window("licences", "licences-granted", "2025-12"),
    ]
    undecided = classified(Status.UNDECIDABLE)
    assert export_on("2025-06-01", controls, undecided).statuses == ("licence-required",)
    assert export_on("2025-12-10", controls, undecided).statuses == ("depends",)
    assert export_on("2024-06-01", controls, undecided).statuses == ("undecidable",)


def test_the_two_sides_are_answered_apart() -> None:
    controls = [
        window("letter", "licence-required", "2025-04-09"),
        window("guidance", "purchases-discouraged", "2025-08-12", side="import"),
    ]
    status = on(CHIP, date(2025, 9, 1), controls, NONE)
    assert (status.export.statuses, status.imports.statuses) == (("licence-required",), ("purchases-discouraged",))
    assert status.imports.measures == ("guidance",)


def test_history_lists_each_change_once_from_the_launch() -> None:
    controls = [
        window("letter", "licence-required", "2025-04-09"),
        window("assurance", "licence-required", "2025-07-14"),  # same answer: no new period
        window("licences", "licences-granted", "2025-08"),
        window("other-chip", "prohibited", "2025-05-01", chips=("x2",)),
    ]
    periods = history(CHIP, date(2024, 2, 1), date(2026, 12, 1), controls, NONE)
    assert [(p.start.isoformat(), p.end.isoformat() if p.end else None, p.export.statuses) for p in periods] == [
        ("2024-02-01", "2025-04-08", ("not-controlled",)),
        ("2025-04-09", "2025-07-13", ("licence-required",)),
        ("2025-07-14", "2025-07-31", ("licence-required",)),
        ("2025-08-01", "2025-08-30", ("depends",)),
        ("2025-08-31", None, ("licences-granted",)),
    ]


def test_readers_see_a_new_period_only_when_the_answer_changes() -> None:
    controls = [
        window("rule-2022", "licence-required", "2022-10-07", "2023-11-17"),
        window("rule-2023", "licence-required", "2023-11-17"),
        window("guidance", "purchases-discouraged", "2025-08-12", side="import"),
    ]
    periods = history(CHIP, date(2022, 1, 1), date(2026, 12, 1), controls, NONE)
    assert len(periods) == 4  # the data keep the change of rule
    shown = readable(periods)
    assert [(p.start.isoformat(), p.end.isoformat() if p.end else None) for p in shown] == [
        ("2022-01-01", "2022-10-06"),
        ("2022-10-07", "2025-08-11"),
        ("2025-08-12", None),
    ]
    assert shown[1].export.measures == ("rule-2022",)


def test_controls_for_other_chips_and_future_dates_are_ignored() -> None:
    controls = [window("other", "prohibited", "2025-01-01", chips=("x2",)), window("later", "prohibited", "2027-01-01")]
    periods = history(CHIP, date(2024, 1, 1), date(2026, 12, 1), controls, NONE)
    assert [(p.start, p.end, p.export.statuses) for p in periods] == [(date(2024, 1, 1), None, ("not-controlled",))]


def test_in_force_and_applies_say_how_sure_they_are() -> None:
    month = window("m", "licence-required", "2025-08")
    assert [in_force(month, date(2025, 7, 31)), in_force(month, date(2025, 8, 1)), in_force(month, date(2025, 8, 31))] == [
        "no",
        "disputed",
        "yes",
    ]
    assert applies(window("w", "prohibited", "2025-01-01", chips=("x2",)), CHIP, NONE) == "no"
    assert answer("import", []) == Answer(("no-restriction",), (), ())


NODE = shutil.which("node")
ROOT = Path(__file__).parent.parent


@pytest.mark.skipif(NODE is None and os.environ.get("CI") != "true", reason="node is not installed")
def test_the_browser_gives_the_engines_answer_for_every_chip_at_every_boundary(tmp_path: Path) -> None:
    """The checker page runs from the exported data alone; on the real data it must agree with the engine."""
    assert NODE is not None, "node is required under CI=true"
    dataset, problems = validate(read_content(ROOT / "content"), Settings(today=TODAY))
    assert [p for p in problems if p.severity.value == "error"] == []
    linked = link(dataset, TODAY)
    data = rules_json(linked)
    days = sorted(
        {d for w in linked.controls for when in (w.starts, w.ends) if when for d in (when.start, when.end)}
        | {d - timedelta(days=1) for w in linked.controls for d in (w.starts.start, w.starts.end)}
    )
    cases = [(chip["id"], day.isoformat()) for chip in data["chips"] for day in days]
    expected = []
    for chip_id, day in cases:
        status = on(chip_id, date.fromisoformat(day), linked.controls, linked.classifications)
        expected.append([list(_plain(status.export)), list(_plain(status.imports))])
    (tmp_path / "data.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    script = (
        "const c = require(process.argv[1]); const fs = require('fs');"
        "const data = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));"
        "const cases = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));"
        "const chips = Object.fromEntries(data.chips.map(x => [x.id, x]));"
        "const plain = a => [a.statuses, a.alternatives, a.measures];"
        "console.log(JSON.stringify(cases.map(([id, day]) => { const s = c.statusOn(id, chips[id].status, day, data);"
        " return [plain(s.export), plain(s.import)]; })));"
    )
    checker = ROOT / "generator" / "static" / "checker.js"
    result = subprocess.run(
        [NODE, "-e", script, str(checker), str(tmp_path / "data.json"), str(tmp_path / "cases.json")],
        capture_output=True,
        text=True,
        check=True,
    )
    got = json.loads(result.stdout)
    assert len(cases) > 50
    mismatches = [(case, want, have) for case, want, have in zip(cases, expected, got, strict=True) if want != have]
    assert mismatches == []


def _plain(answer: Answer) -> tuple[list[str], list[list[str]], list[str]]:
    return list(answer.statuses), [list(a) for a in answer.alternatives], list(answer.measures)


# Known outcomes from published reporting, on the real data: (chip, day) -> (US export side, China's side).
H200_CHINA_2026 = ("domestic-only", "orders-halted", "imports-blocked", "imports-approved")
PUBLISHED = {
    # The August 2022 letters stopped A100 and H100 sales from 26 August 2022.
    ("nvidia-a100", "2022-08-25"): (("not-controlled",), ("no-restriction",)),
    ("nvidia-a100", "2022-08-26"): (("licence-required",), ("no-restriction",)),
    ("nvidia-h100", "2022-08-26"): (("licence-required",), ("no-restriction",)),
    # The October 2022 rule took effect on 7 October 2022; the A100 stays caught after the 2022 thresholds end.
    ("nvidia-a100", "2023-11-17"): (("licence-required",), ("no-restriction",)),
    # The A800 and H800 were built to pass the 2022 test; the 2023 rule caught them, and the US government made
    # its licence requirement effective for Nvidia on 23 October 2023, before the rule's 17 November date.
    ("nvidia-a800", "2023-10-22"): (("not-controlled",), ("no-restriction",)),
    ("nvidia-a800", "2023-10-23"): (("licence-required",), ("no-restriction",)),
    ("nvidia-a800", "2023-11-17"): (("licence-required",), ("no-restriction",)),
    ("nvidia-h800", "2023-10-23"): (("licence-required",), ("no-restriction",)),
    # The H20 passed the 2023 thresholds; the April 2025 letters required a licence from 9 April.
    ("nvidia-h20", "2025-04-08"): (("not-controlled",), ("no-restriction",)),
    ("nvidia-h20", "2025-04-09"): (("licence-required",), ("no-restriction",)),
    # Licences were being issued by 8 August 2025 (not yet on 1 August); Beijing discouraged purchases from 12 August.
    ("nvidia-h20", "2025-08-05"): (("depends",), ("no-restriction",)),
    ("nvidia-h20", "2025-08-12"): (("licences-granted",), ("purchases-discouraged",)),
    ("nvidia-h20", "2025-09-01"): (("licences-granted",), ("purchases-discouraged",)),
    # The H200 needed a licence under the 2023 thresholds until the January 2026 case-by-case policy.
    ("nvidia-h200", "2026-01-14"): (("licence-required",), ("domestic-only", "orders-halted", "imports-blocked")),
    ("nvidia-h200", "2026-01-15"): (("case-by-case",), ("domestic-only", "orders-halted", "imports-blocked")),
    # Nvidia said in the last week of February 2026 that it held licences for small quantities (reported): in doubt
    # during that week, granted from its end. China's pause and block were not reported lifted.
    ("nvidia-h200", "2026-02-22"): (("case-by-case",), H200_CHINA_2026),
    ("nvidia-h200", "2026-02-25"): (("depends",), H200_CHINA_2026),
    ("nvidia-h200", "2026-03-01"): (("licences-granted",), H200_CHINA_2026),
    # Huawei's Ascend 910B: the 2022 test cannot be applied (its I/O bandwidth is not known); the 2023 rule catches it.
    ("huawei-ascend-910b", "2023-01-01"): (("undecidable",), ("no-restriction",)),
    ("huawei-ascend-910b", "2023-11-17"): (("licence-required",), ("no-restriction",)),
}


@pytest.fixture(scope="module")
def real() -> Any:
    dataset, problems = validate(read_content(ROOT / "content"), Settings(today=TODAY))
    assert [p for p in problems if p.severity.value == "error"] == []
    return link(dataset, TODAY)


@pytest.mark.parametrize("case", list(PUBLISHED), ids=[f"{c}@{d}" for c, d in PUBLISHED])
def test_published_outcomes(real: Any, case: tuple[str, str]) -> None:
    chip, day = case
    status = on(chip, date.fromisoformat(day), real.controls, real.classifications)
    assert (status.export.statuses, status.imports.statuses) == PUBLISHED[case]
