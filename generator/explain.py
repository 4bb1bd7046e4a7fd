"""Words generated from the engine's numbers: why a chip is or is not caught by a rule."""

from __future__ import annotations

from dataclasses import dataclass

from .engine import METRIC_LABELS, Check, Classification, Interval, Metrics, Outcome
from .model import RuleMetric

STATUS_LABELS = {
    "controlled": "Controlled",
    "not-controlled": "Not controlled",
    "exempt": "Outside the rule",
    "undecidable": "Cannot be decided",
    "depends": "Depends on disputed figures",
}
DECIMALS: dict[RuleMetric, int] = {"tpp": 0, "performance_density": 2, "interconnect_gbs": 0}


def fmt(metric: RuleMetric, value: float) -> str:
    return f"{value:,.{DECIMALS[metric]}f}"


def fmt_interval(metric: RuleMetric, value: Interval | None) -> str:
    if value is None:
        return "unknown"
    low, high = fmt(metric, value.low), fmt(metric, value.high)
    return low if low == high else f"{low}–{high}"


def describe_check(check: Check) -> str:
    """`TPP 2,368 is 2,432 below 4,800` and the like."""
    label = METRIC_LABELS[check.metric]
    need = "at least" if check.op == ">=" else "under"
    value = fmt_interval(check.metric, check.value)
    if check.value is None:
        return f"{label} unknown (needs to be {need} {fmt(check.metric, check.threshold)})"
    if check.margin is None:
        settled = {Outcome.YES: "is", Outcome.NO: "is not"}.get(check.outcome)
        if settled:
            return f"{label} {value} {settled} {need} {fmt(check.metric, check.threshold)} on every source's figures"
        return f"{label} {value}: sources disagree on whether it is {need} {fmt(check.metric, check.threshold)}"
    distance = fmt(check.metric, abs(check.margin))
    side = "above" if check.margin >= 0 else "below"
    if check.margin == 0:
        return f"{label} {value} is exactly at {fmt(check.metric, check.threshold)}"
    percent = f" ({abs(check.margin) / check.threshold:.0%})" if check.threshold else ""
    return f"{label} {value} is {distance}{percent} {side} {fmt(check.metric, check.threshold)}"


@dataclass(frozen=True)
class CheckRow:
    paragraph: str
    test: int
    metric: str
    condition: str
    value: str
    result: str


def check_rows(result: Classification) -> list[CheckRow]:
    rows = []
    for paragraph in result.paragraphs:
        for number, test in enumerate(paragraph.tests, start=1):
            if not test.data_center_ok:
                rows.append(CheckRow(paragraph.label, number, "data centre", "only data-centre chips", "no", "fails"))
            for check in test.checks:
                condition = f"{'≥' if check.op == '>=' else '<'} {fmt(check.metric, check.threshold)}"
                value = fmt_interval(check.metric, check.value)
                rows.append(
                    CheckRow(paragraph.label, number, METRIC_LABELS[check.metric], condition, value, _RESULT[check.outcome])
                )
    return rows


_RESULT = {Outcome.YES: "meets", Outcome.NO: "fails", Outcome.UNKNOWN: "unknown", Outcome.DISPUTED: "disputed"}


def verdict(result: Classification, rule_name: str) -> str:
    """One or two sentences a reader can quote."""
    status = result.status
    if status == "controlled":
        met = _caught_by(result)
        if met is None:
            return f"Controlled under {result.paragraph} of {rule_name}, on every source's figures."
        return f"Controlled under {result.paragraph} of {rule_name}: {met}."
    if status == "not-controlled":
        reasons: list[str] = []
        for paragraph in result.paragraphs:
            for number, test in enumerate(paragraph.tests, start=1):
                where = paragraph.label if len(paragraph.tests) == 1 else f"{paragraph.label} test {number}"
                failing = [c for c in test.checks if c.outcome is Outcome.NO]
                if failing:
                    reasons.append(f"{where}: {describe_check(failing[0])}")
                elif not test.data_center_ok:
                    reasons.append(f"{where}: applies only to data-centre chips")
        return f"Not controlled under {rule_name}. It fails every test — " + "; ".join(dict.fromkeys(reasons)) + "."
    if status == "exempt":
        label, _ = next((label, r) for label, r in result.exemptions if r.outcome is Outcome.YES)
        return f"Outside {rule_name} under {label}: not designed or marketed for data centres, and below its TPP line."
    if status == "undecidable":
        return f"Cannot be decided under {rule_name}: the data set lacks the chip's {', '.join(result.missing)}."
    outcomes = "; ".join(
        STATUS_LABELS[status].lower() + (f" ({paragraph})" if paragraph else "") for status, paragraph in result.alternatives
    )
    return f"Under {rule_name} the answer depends on which source is right: {outcomes}, depending on the figures used."


def _caught_by(result: Classification) -> str | None:
    """The checks of the first test that every source's figures pass, in words."""
    for paragraph in result.paragraphs:
        for test in paragraph.tests:
            if test.outcome is Outcome.YES:
                return "; ".join(describe_check(c) for c in test.checks)
    return None


def metric_summary(metrics: Metrics) -> dict[str, str]:
    return {
        "tpp": fmt_interval("tpp", metrics.tpp),
        "performance_density": fmt_interval("performance_density", metrics.performance_density),
        "interconnect_gbs": fmt_interval("interconnect_gbs", metrics.interconnect_gbs),
    }
