"""The rule engine against published outcomes, exact thresholds, missing and disputed specs, and the browser checker.

Boundary cases run against a frozen copy of the rules (tests/fixtures/rules); the published outcomes check the live data.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY

from generator.engine import Classification, Status, classify, compute_metrics
from generator.explain import reasons, verdict
from generator.export import labels
from generator.link import Linked, link
from generator.load import load_file, read_content
from generator.metrics import BIT_LENGTH, NARROW_BITS
from generator.model import Chip, Rule
from generator.settings import Settings
from generator.validate import validate

ROOT = Path(__file__).parent.parent
CASES = json.loads((Path(__file__).parent / "fixtures" / "rule_cases.json").read_text(encoding="utf-8"))
PRECISION = {16: "fp16", 8: "int8", 4: "int4", 32: "fp32", 64: "fp64"}


RULES_FILE = Path(__file__).parent / "fixtures" / "rules" / "eccn-3a090.yaml"


def fixture_rules() -> list[Rule]:
    doc, problems = load_file(RULES_FILE, str(RULES_FILE))
    assert doc is not None and problems == []
    return [Rule.model_validate(item) for item in doc.data]


RULES = fixture_rules()


def rule(rule_id: str) -> Rule:
    return next(r for r in RULES if r.id == rule_id)


@pytest.fixture(scope="module")
def linked() -> Linked:
    dataset, problems = validate(read_content(ROOT / "content"), Settings(today=TODAY))
    assert [p for p in problems if p.severity.value == "error"] == []
    return link(dataset, TODAY)


def said(result: Classification) -> str:
    return f"{result.status} {' or '.join(result.paragraphs)}" if result.paragraphs else str(result.status)


def outcome(linked: Linked, chip_id: str, rule_id: str) -> str:
    return said(linked.classifications[(chip_id, rule_id)])


PUBLISHED = {
    # October 2022: the A800 and H800 were cut below 600 GB/s to escape; October 2023 caught them, and the H20 was built to pass.
    "nvidia-a100": ("controlled 3A090.a", "controlled 3A090.a"),
    # Sources disagree on the A800's compute (A100-level or 70% of it): caught either way, by .a or by .b.
    "nvidia-a800": ("not-controlled", "controlled 3A090.a or 3A090.b"),
    "nvidia-h100": ("controlled 3A090.a", "controlled 3A090.a"),
    "nvidia-h800": ("not-controlled", "controlled 3A090.a"),
    "nvidia-h20": ("not-controlled", "not-controlled"),
}


@pytest.mark.parametrize("chip", list(PUBLISHED))
def test_engine_reproduces_published_outcomes(linked: Linked, chip: str) -> None:
    assert (outcome(linked, chip, "eccn-3a090-2022"), outcome(linked, chip, "eccn-3a090-2023")) == PUBLISHED[chip]


def test_h20_metrics_and_margins(linked: Linked) -> None:
    metrics = linked.metrics["nvidia-h20"]
    assert metrics.tpp is not None and (metrics.tpp.low, metrics.tpp.high) == (2368, 2368)
    assert metrics.performance_density is not None and round(metrics.performance_density.low, 2) == 2.91
    rule_2023 = next(r for r in linked.rules if r.id == "eccn-3a090-2023")
    text = verdict(linked.classifications[("nvidia-h20", rule_2023.id)], rule_2023.name)
    assert text == (
        "Not controlled under ECCN 3A090 (October 2023 rule): no test catches it. "
        "3A090.a test 1: TPP 2,368 is 2,432 (51%) below 4,800; "
        "3A090.a test 2: performance density 2.91 is 3.01 (51%) below 5.92; "
        "3A090.b test 1: TPP 2,368 is 32 (1%) below 2,400; "
        "3A090.b test 2: performance density 2.91 is 0.29 (9%) below 3.20."
    )


def chip_from_case(case: dict[str, Any]) -> Chip:
    data: dict[str, Any] = {
        "id": "case",
        "name": case["name"],
        "vendor": "x",
        "kind": "datacenter-accelerator",
        "data_center": case["data_center"],
        "summary": "x",
        "confidence": "reported",
        "verified": "2026-11-28",
        "sources": ["x"],
    }
    if case["throughput"] is not None:
        unit = "TOPS" if case["bits"] == 8 else "TFLOPS"
        data["throughput"] = [{"precision": PRECISION[case["bits"]], "value": case["throughput"], "unit": unit, "source": "x"}]
    if case["area"] is not None:
        data["die_area_mm2"] = {"value": case["area"], "source": "x"}
    if case["io"] is not None:
        data["interconnect_gbs"] = {"value": case["io"], "source": "x"}
    return Chip.model_validate(data)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_shared_cases_in_python(case: dict[str, Any]) -> None:
    from generator.engine import classify_chip

    chip = chip_from_case(case)
    metrics = compute_metrics(chip)
    assert {r.id: said(classify(metrics, r)) for r in RULES} == case["expected"]
    for r in RULES:  # one source, one scenario: the same answer, missing the same figures
        assert said(classify_chip(chip, metrics, r)) == case["expected"][r.id]
        assert classify_chip(chip, metrics, r).missing == classify(metrics, r).missing


def test_missing_spec_is_named_not_called_uncontrolled() -> None:
    case = next(c for c in CASES if c["name"] == "No die area, TPP 2368")
    result = classify(compute_metrics(chip_from_case(case)), rule("eccn-3a090-2023"))
    assert result.status is Status.UNDECIDABLE
    assert result.missing == ("performance_density",)
    assert "lacks the chip's die area (or dense throughput)" in verdict(result, "the rule")


def straddling_chip() -> Chip:
    """Two sources: 250 and 350 TFLOPS FP16, so TPP 4,000 or 5,600, either side of the 2022 rule's 4,800."""
    case = {"name": "straddle", "throughput": 250, "bits": 16, "area": 10000, "io": 900, "data_center": True}
    chip = chip_from_case(case)
    extra = chip.throughput[0].model_copy(update={"value": 350.0, "source": "y"})
    return chip.model_copy(update={"throughput": [chip.throughput[0], extra]})


def test_disputed_figures_that_straddle_a_threshold_say_so() -> None:
    chip = straddling_chip()
    rule_2022 = rule("eccn-3a090-2022")
    result = classify(compute_metrics(chip), rule_2022)
    assert result.status is Status.DEPENDS
    assert "depends on which source is right" in verdict(result, rule_2022.name)


def test_sources_are_not_mixed_when_they_disagree() -> None:
    case = {"name": "a800", "throughput": 312, "bits": 16, "area": 826, "io": 400, "data_center": True}
    chip = chip_from_case(case)
    slower = chip.throughput[0].model_copy(update={"value": 218.0, "source": "y"})
    other_precision = chip.throughput[0].model_copy(update={"value": 623.74, "precision": "int8", "unit": "TOPS", "source": "z"})
    chip = chip.model_copy(update={"throughput": [chip.throughput[0], slower, other_precision]})
    metrics = compute_metrics(chip)
    assert metrics.tpp is not None and (metrics.tpp.low, metrics.tpp.high) == (3488.0, 4992.0)
    assert metrics.tpp_precisions == ("fp16",)  # the precision behind the highest TPP only: INT8 gives 4,990
    density = metrics.performance_density
    assert density is not None and set(density.sources) == {"x", "y", "z"}  # each figure it is computed from


def test_checks_carry_the_bound_and_the_value_they_test() -> None:
    from generator.engine import Interval, Outcome, check_bound
    from generator.model import Bound

    value = Interval(2368, 2368, ("a",))
    at_least, below = check_bound("tpp", Bound(min=1600, below=4800), value)
    assert (at_least.op, at_least.threshold, at_least.value, at_least.outcome) == (">=", 1600, value, Outcome.YES)
    assert (below.op, below.threshold, below.value, below.outcome) == ("<", 4800, value, Outcome.YES)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_a_classification_keeps_every_test_it_ran(case: dict[str, Any]) -> None:
    assert_keeps_every_test(chip_from_case(case))


def test_a_disputed_classification_keeps_every_test_it_ran() -> None:
    from generator.engine import classify_chip

    chip = straddling_chip()
    assert classify(compute_metrics(chip), rule("eccn-3a090-2022")).status is Status.DEPENDS
    assert_keeps_every_test(chip)
    # Without its I/O figure, the faster source's figures cannot be judged under the 2022 test: the gap comes first.
    no_io = chip.model_copy(update={"interconnect_gbs": None})
    assert classify_chip(no_io, compute_metrics(no_io), rule("eccn-3a090-2022")).status is Status.UNDECIDABLE
    assert_keeps_every_test(no_io)


def test_each_source_counts_with_its_best_precision() -> None:
    from generator.engine import tpp_by_source

    chip = chip_from_case({"name": "x", "throughput": 312, "bits": 16, "area": 826, "io": 400, "data_center": True})
    slower_int8 = chip.throughput[0].model_copy(update={"value": 500.0, "precision": "int8", "unit": "TOPS"})
    chip = chip.model_copy(update={"throughput": [chip.throughput[0], slower_int8]})
    assert tpp_by_source(chip) == {"x": (4992.0, "fp16")}  # FP16's 4,992, not INT8's 4,000 listed after it


def assert_keeps_every_test(chip: Chip) -> None:
    from generator.engine import classify_chip

    for r in RULES:
        for result in (classify(compute_metrics(chip), r), classify_chip(chip, compute_metrics(chip), r)):
            assert [p.label for p in result.results] == [p.label for p in r.paragraphs]
            assert [label for label, _ in result.exemptions] == [e.label for e in r.exemptions]
            for paragraph, written in zip(result.results, r.paragraphs, strict=True):
                for test, criterion in zip(paragraph.tests, written.any_of, strict=True):
                    assert test.data_center_ok is (criterion.data_center in (None, chip.data_center))
            assert isinstance(result.paragraphs, tuple) and isinstance(result.missing, tuple)
            assert bool(result.paragraphs) == (result.status is Status.CONTROLLED)


def test_bit_lengths_cover_every_precision_but_tf32() -> None:
    assert set(BIT_LENGTH) == {"fp64", "fp32", "bf16", "fp16", "fp8", "int8", "fp4", "int4"}


NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None and os.environ.get("CI") != "true", reason="node is not installed")
def test_browser_checker_agrees_with_the_engine(tmp_path: Path) -> None:
    assert NODE is not None, "node is required under CI=true"
    rules = tmp_path / "rules.json"
    data = {
        "bit_lengths": BIT_LENGTH,
        "narrow_bits": NARROW_BITS,
        "labels": labels(),
        "rules": [r.model_dump(mode="json", exclude_none=True) for r in RULES],
    }
    rules.write_text(json.dumps(data), encoding="utf-8")
    script = (
        "const c = require(process.argv[1]); const fs = require('fs');"
        "const data = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));"
        "const cases = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));"
        "console.log(JSON.stringify(cases.map(k => Object.fromEntries(c.classifyAll({throughput: k.throughput, bits: k.bits,"
        " area: k.area, io: k.io, dataCenter: k.data_center}, data).results.map(r => [r.rule,"
        " [r.paragraphs.length ? r.status + ' ' + r.paragraphs.join(' or ') : r.status, c.reasons(r, data.labels)]])))));"
    )
    checker = ROOT / "generator" / "static" / "checker.js"
    cases_file = Path(__file__).parent / "fixtures" / "rule_cases.json"
    result = subprocess.run(
        [NODE, "-e", script, str(checker), str(rules), str(cases_file)], capture_output=True, text=True, check=True
    )
    expected = []
    for case in CASES:
        metrics = compute_metrics(chip_from_case(case))
        classified = {r.id: classify(metrics, r) for r in RULES}
        expected.append({rule_id: [said(c), list(reasons(c))] for rule_id, c in classified.items()})
    assert [{rule_id: answer for rule_id, (answer, _) in case.items()} for case in expected] == [c["expected"] for c in CASES]
    assert json.loads(result.stdout) == expected  # the same answers, explained in the same words


def test_a_below_bound_excludes_its_own_value() -> None:
    from generator.engine import Interval, Outcome, check_bound
    from generator.model import Bound

    bound = Bound(below=4800)
    assert [c.outcome for c in check_bound("tpp", bound, Interval(4800, 4800, ("a",)))] == [Outcome.NO]
    assert [c.outcome for c in check_bound("tpp", bound, Interval(4799.9, 4799.9, ("a",)))] == [Outcome.YES]
    assert [c.outcome for c in check_bound("tpp", bound, Interval(4700, 4900, ("a", "b")))] == [Outcome.DISPUTED]
    assert [c.outcome for c in check_bound("tpp", Bound(min=4800), Interval(4800, 4800, ("a",)))] == [Outcome.YES]


def test_unknown_and_disputed_checks_say_what_is_needed() -> None:
    from generator.engine import Check, Interval, Outcome
    from generator.explain import describe_check

    assert describe_check(Check("tpp", ">=", 4800, None, Outcome.UNKNOWN)) == "TPP unknown (needs to be at least 4,800)"
    assert describe_check(Check("performance_density", "<", 5.92, None, Outcome.UNKNOWN)) == (
        "performance density unknown (needs to be under 5.92)"
    )
    spread = Interval(4000, 5600, ("a", "b"))
    assert describe_check(Check("tpp", ">=", 4800, spread, Outcome.DISPUTED)) == (
        "TPP 4,000–5,600: sources disagree on whether it is at least 4,800"
    )
    assert (
        describe_check(Check("tpp", ">=", 1600, spread, Outcome.YES))
        == "TPP 4,000–5,600 is at least 1,600 on every source's figures"
    )


def test_a_chip_whose_sources_disagree_gets_every_answer_they_lead_to() -> None:
    from generator.engine import classify_chip

    chip = straddling_chip()
    rule_2022 = rule("eccn-3a090-2022")
    result = classify_chip(chip, compute_metrics(chip), rule_2022)
    assert result.status is Status.DEPENDS
    assert result.alternatives == ((Status.NOT_CONTROLLED, ()), (Status.CONTROLLED, ("3A090.a",)))
    assert verdict(result, "R") == (
        "Under R the answer depends on which source is right: not controlled; controlled (3A090.a), "
        "depending on the figures used."
    )
