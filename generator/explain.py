"""The sentences that explain the engine's results: why a chip is or is not caught by a rule.

The engine returns enums, numbers and lists; every word a reader sees about them is written here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .engine import Check, Classification, CriterionResult, Interval, Metrics, Outcome, Status
from .metrics import METRICS
from .model import Criterion, RuleMetric
from .status import Answer, Period, Side
from .vocab import EXPORT_SENTENCES, EXPORT_STATUSES, IMPORT_SENTENCES, IMPORT_STATUSES, OUTCOMES, STATUSES


def fmt(metric: RuleMetric, value: float) -> str:
    return METRICS[metric].format(value)


def fmt_interval(metric: RuleMetric, value: Interval | None) -> str:
    if value is None:
        return "unknown"
    low, high = fmt(metric, value.low), fmt(metric, value.high)
    return low if low == high else f"{low}–{high}"


def paragraphs(labels: tuple[str, ...]) -> str:
    """`3A090.a or 3A090.b`: the paragraphs that may catch a chip."""
    return " or ".join(labels)


def status_label(result: Classification) -> str:
    """`Controlled (3A090.a)`, `Not controlled`: a table cell's worth."""
    label = STATUSES.label(result.status)
    return f"{label} ({paragraphs(result.paragraphs)})" if result.paragraphs else label


def missing_specs(result: Classification) -> str:
    return ", ".join(METRICS[m].missing for m in result.missing)


def describe_check(check: Check) -> str:
    """`TPP 2,368 is 2,432 below 4,800` and the like."""
    label = METRICS[check.metric].label
    need = "at least" if check.op == ">=" else "under"
    value = fmt_interval(check.metric, check.value)
    threshold = fmt(check.metric, check.threshold)
    if check.value is None:
        return f"{label} unknown (needs to be {need} {threshold})"
    if check.margin is None:
        settled = {Outcome.YES: "is", Outcome.NO: "is not"}.get(check.outcome)
        if settled:
            return f"{label} {value} {settled} {need} {threshold} on every source's figures"
        return f"{label} {value}: sources disagree on whether it is {need} {threshold}"
    if check.margin == 0:
        return f"{label} {value} is exactly at {threshold}"
    distance = fmt(check.metric, abs(check.margin))
    side = "above" if check.margin > 0 else "below"
    percent = f" ({abs(check.margin) / check.threshold:.0%})" if check.threshold else ""
    return f"{label} {value} is {distance}{percent} {side} {threshold}"


def criterion(test: Criterion) -> str:
    """`TPP ≥ 1,600 and performance density ≥ 5.92`, from the rule's data."""
    parts = []
    for metric, bound in test.bounds.items():
        label = METRICS[metric].label
        if bound.min is not None:
            parts.append(f"{label} ≥ {fmt(metric, bound.min)}")
        if bound.below is not None:
            parts.append(f"{label} < {fmt(metric, bound.below)}")
    if test.data_center is not None:
        parts.append("designed or marketed for data centres" if test.data_center else "not designed or marketed for data centres")
    return " and ".join(parts)


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
    for paragraph in result.results:
        for number, test in enumerate(paragraph.tests, start=1):
            if not test.data_center_ok:
                rows.append(
                    CheckRow(paragraph.label, number, "data centre", "only data-centre chips", "no", OUTCOMES.label("no"))
                )
            for check in test.checks:
                condition = f"{'≥' if check.op == '>=' else '<'} {fmt(check.metric, check.threshold)}"
                value = fmt_interval(check.metric, check.value)
                rows.append(
                    CheckRow(
                        paragraph.label, number, METRICS[check.metric].label, condition, value, OUTCOMES.label(check.outcome)
                    )
                )
    return rows


def verdict(result: Classification, rule_name: str) -> str:
    """One or two sentences a reader can quote."""
    if result.status is Status.CONTROLLED:
        met = _caught_by(result)
        where = paragraphs(result.paragraphs)
        if met is None:
            return f"Controlled under {where} of {rule_name}, on every source's figures."
        return f"Controlled under {where} of {rule_name}: {met}."
    if result.status is Status.NOT_CONTROLLED:
        return f"Not controlled under {rule_name}: no test catches it. " + "; ".join(reasons(result)) + "."
    if result.status is Status.EXEMPT:
        label = next(label for label, r in result.exemptions if r.outcome is Outcome.YES)
        return f"Outside {rule_name} under {label}: not designed or marketed for data centres, and below its TPP line."
    if result.status is Status.UNDECIDABLE:
        return f"Cannot be decided under {rule_name}: the data set lacks the chip's {missing_specs(result)}."
    outcomes = "; ".join(
        STATUSES.label(status).lower() + (f" ({paragraphs(labels)})" if labels else "") for status, labels in result.alternatives
    )
    return f"Under {rule_name} the answer depends on which source is right: {outcomes}, depending on the figures used."


def reasons(result: Classification) -> tuple[str, ...]:
    """Why the figures give the status, test by test (`3A090.b test 1: TPP 2,368 is 32 (1%) below 2,400`): each
    test's first failing check when nothing catches the chip, the test that catches it, or the figures missing.
    "Can this be sold to China?" words its results the same way (checker.js, tested against this)."""
    if result.status is Status.CONTROLLED:
        return tuple(f"{where}: {met}" for where, test in _tests(result) if (met := _met(test)))[:1]
    if result.status is Status.UNDECIDABLE:
        return tuple(f"{METRICS[m].label} unknown: the data set lacks the chip's {METRICS[m].missing}" for m in result.missing)
    if result.status is not Status.NOT_CONTROLLED:
        return ()
    found: list[str] = []
    for where, test in _tests(result):
        failing = [c for c in test.checks if c.outcome is Outcome.NO]
        if failing:
            found.append(f"{where}: {describe_check(failing[0])}")
        elif not test.data_center_ok:
            found.append(f"{where}: applies only to data-centre chips")
    return tuple(dict.fromkeys(found))


def _tests(result: Classification) -> list[tuple[str, CriterionResult]]:
    """Every test of every paragraph, named as readers see it: `3A090.a`, or `3A090.a test 2` in a paragraph of several."""
    return [
        (paragraph.label if len(paragraph.tests) == 1 else f"{paragraph.label} test {number}", test)
        for paragraph in result.results
        for number, test in enumerate(paragraph.tests, start=1)
    ]


def _met(test: CriterionResult) -> str:
    """A test that every source's figures pass, in words; empty when it is not passed."""
    return "; ".join(describe_check(c) for c in test.checks) if test.outcome is Outcome.YES else ""


def _caught_by(result: Classification) -> str | None:
    """The checks of the first test that every source's figures pass, in words."""
    return next((met for _, test in _tests(result) if (met := _met(test))), None)


def metric_summary(metrics: Metrics) -> dict[RuleMetric, str]:
    return {key: fmt_interval(key, metrics.get(key)) for key in METRICS}


def made_in_china(vendor: str, thresholds_at: str) -> str:
    """Why a Chinese chip's answer shows China's side only; `thresholds_at` says where the US classification is."""
    return (
        f"{vendor} is a Chinese company: US export rules do not decide whether it may sell the chip in China, so "
        f"this shows China's side; how the US thresholds would classify the chip is {thresholds_at}."
    )


TYPED_FIGURES = (
    "Typed figures are checked against the threshold rules only: measures that name particular chips apply when "
    "you pick the chip from the list."
)

NOT_COVERED = (
    "On the US side the measure in force that took effect last gives the answer; on China's side every restriction "
    "in force applies. Not covered: buyers on the Entity List, the foreign direct product rules, and licences for "
    "other uses or places."
)


def side_status(side: Side, answer: Answer) -> str:
    """`Licence required`; `Purchases discouraged · Barred from state-funded data centres`; or
    `Depends on disputed facts (licence required or no licence needed)`."""
    words = EXPORT_STATUSES if side == "export" else IMPORT_STATUSES

    def said(statuses: tuple[str, ...]) -> str:
        return " · ".join(words.label(s) for s in statuses)

    if not answer.alternatives:
        return said(answer.statuses)
    return f"{said(answer.statuses)} ({' or '.join(said(a).lower() for a in answer.alternatives)})"


def sale_sentence(periods: list[Period], sides: tuple[Side, ...], since: Callable[[date], str]) -> str:
    """Today's answer in one plain sentence, each part with the day it began:

    "Needs a US licence to be sold to China; licences granted to some buyers since 8 August 2025. China discourages
    purchases (since 12 August 2025) and bars it from state-funded data centres (since 5 November 2025)."

    `periods` run from the chip's first day to today; `since` words a day (a month when only the month is known).
    """
    parts = []
    if "export" in sides:
        now = periods[-1].export
        key = now.statuses[0] if not now.alternatives and len(now.statuses) == 1 else "depends"
        if now.statuses == ("undecidable",):
            key = "undecidable"
        started = _run_start(periods, lambda p: (p.export.statuses, p.export.alternatives) == (now.statuses, now.alternatives))
        parts.append(f"{EXPORT_SENTENCES.label(key)} since {since(started)}." if started else f"{EXPORT_SENTENCES.label(key)}.")
    if "import" in sides:
        parts.append(_china(periods, since))
    return " ".join(parts)


def _china(periods: list[Period], since: Callable[[date], str]) -> str:
    now = periods[-1].imports
    if now.alternatives or now.statuses in (("depends",), ("undecidable",), ("no-restriction",)):
        key = "no-restriction" if now.statuses == ("no-restriction",) and not now.alternatives else now.statuses[0]
        return f"{IMPORT_SENTENCES.label(key)}."
    said = []
    for status in now.statuses:
        started = _run_start(periods, lambda p, s=status: s in p.imports.statuses)  # type: ignore[misc]
        when = f" (since {since(started)})" if started else ""
        said.append(IMPORT_SENTENCES.label(status) + when)
    joined = ", ".join(said[:-1]) + (" and " if len(said) > 1 else "") + said[-1]
    return f"China {joined}."


def _run_start(periods: list[Period], holds: Callable[[Period], bool]) -> date | None:
    """The first day of the latest unbroken run of periods for which `holds` is true; None if it held from the start."""
    start = None
    for index in range(len(periods) - 1, -1, -1):
        if not holds(periods[index]):
            break
        start = periods[index].start if index else None
    return start
