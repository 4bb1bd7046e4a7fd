"""The export-control rule engine: metrics computed from sourced specs, chips classified under each rule.

Thresholds live in content (the `rules` collection); nothing here knows a number of the regulation.
Disputed specs make intervals, missing specs make unknowns, so every answer says how sure it is.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from enum import StrEnum

from .metrics import BIT_LENGTH, NARROW_BITS
from .model import Bound, Chip, Criterion, Paragraph, Rule, RuleMetric


class Outcome(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"  # a spec is missing
    DISPUTED = "disputed"  # sources disagree and the answer depends on which is right


def all_of(outcomes: list[Outcome]) -> Outcome:
    for decisive in (Outcome.NO, Outcome.UNKNOWN, Outcome.DISPUTED):
        if decisive in outcomes:
            return decisive
    return Outcome.YES


def any_of(outcomes: list[Outcome]) -> Outcome:
    for decisive in (Outcome.YES, Outcome.UNKNOWN, Outcome.DISPUTED):
        if decisive in outcomes:
            return decisive
    return Outcome.NO


@dataclass(frozen=True)
class Interval:
    """A metric's value; low < high only when sources disagree."""

    low: float
    high: float
    sources: tuple[str, ...]

    @property
    def exact(self) -> bool:
        return self.low == self.high


@dataclass(frozen=True)
class Metrics:
    tpp: Interval | None
    performance_density: Interval | None
    interconnect_gbs: Interval | None
    data_center: bool
    tpp_precisions: tuple[str, ...] = ()

    def get(self, metric: RuleMetric) -> Interval | None:
        value: Interval | None = getattr(self, metric)
        return value


def tpp_by_source(chip: Chip) -> dict[str, tuple[float, str]]:
    """Each source's TPP for the chip: its highest dense throughput × bit length, and the precision that gave it.

    A source's figures are taken together, so a source reporting a slower chip is never mixed with another
    source's faster precision. Wide formats alone (FP64, FP32) would understate TPP, which peaks at narrow
    tensor formats: a source counts only if it gives a 16-bit or narrower figure.
    """
    best: dict[str, tuple[float, str]] = {}
    narrow = {e.source for e in chip.throughput if e.precision in BIT_LENGTH and BIT_LENGTH[e.precision] <= NARROW_BITS}
    for entry in chip.throughput:
        if entry.source in narrow and entry.precision in BIT_LENGTH:
            score = entry.value * BIT_LENGTH[entry.precision]
            if score > best.get(entry.source, (0.0, ""))[0]:
                best[entry.source] = (score, entry.precision)
    return best


def compute_metrics(chip: Chip) -> Metrics:
    """The chip's metrics as ranges over its sources: TPP = dense TFLOPS (or TOPS) × bit length."""
    by_source = tpp_by_source(chip)
    tpp = _interval([(score, source) for source, (score, _) in by_source.items()])
    precisions = tuple(dict.fromkeys(p for score, p in by_source.values() if tpp and score == tpp.high))
    area = _interval([(v.value, v.source) for v in chip.die_area_mm2 or []])
    density = None
    if tpp and area:
        density = Interval(tpp.low / area.high, tpp.high / area.low, tuple(dict.fromkeys(tpp.sources + area.sources)))
    interconnect = _interval([(v.value, v.source) for v in chip.interconnect_gbs or []])
    return Metrics(tpp, density, interconnect, chip.data_center, precisions)


def scenarios(chip: Chip) -> list[Metrics]:
    """One set of exact metrics per combination of sources that disagree (a handful at most)."""
    tpps: list[Interval | None] = [Interval(v, v, (s,)) for s, (v, _) in tpp_by_source(chip).items()] or [None]
    areas: list[Interval | None] = [Interval(v.value, v.value, (v.source,)) for v in chip.die_area_mm2 or []] or [None]
    links: list[Interval | None] = [Interval(v.value, v.value, (v.source,)) for v in chip.interconnect_gbs or []] or [None]
    out = []
    for tpp, area, link in itertools.product(tpps, areas, links):
        density = Interval(tpp.low / area.low, tpp.low / area.low, tpp.sources + area.sources) if tpp and area else None
        out.append(Metrics(tpp, density, link, chip.data_center))
    return out


def _interval(values: list[tuple[float, str]]) -> Interval | None:
    if not values:
        return None
    return Interval(min(v for v, _ in values), max(v for v, _ in values), tuple(dict.fromkeys(s for _, s in values)))


@dataclass(frozen=True)
class Check:
    """One bound tested against one metric."""

    metric: RuleMetric
    op: str  # ">=" or "<"
    threshold: float
    value: Interval | None
    outcome: Outcome

    @property
    def margin(self) -> float | None:
        """How far the value sits from the threshold, on the side that decided (exact values only)."""
        if self.value is None or not self.value.exact:
            return None
        return self.value.low - self.threshold


def check_bound(metric: RuleMetric, bound: Bound, value: Interval | None) -> list[Check]:
    checks = []
    if bound.min is not None:
        checks.append(Check(metric, ">=", bound.min, value, _compare(value, bound.min, at_least=True)))
    if bound.below is not None:
        checks.append(Check(metric, "<", bound.below, value, _compare(value, bound.below, at_least=False)))
    return checks


def _compare(value: Interval | None, threshold: float, *, at_least: bool) -> Outcome:
    if value is None:
        return Outcome.UNKNOWN
    low_ok = value.low >= threshold if at_least else value.low < threshold
    high_ok = value.high >= threshold if at_least else value.high < threshold
    if low_ok and high_ok:
        return Outcome.YES
    if not low_ok and not high_ok:
        return Outcome.NO
    return Outcome.DISPUTED


@dataclass(frozen=True)
class CriterionResult:
    checks: tuple[Check, ...]
    data_center_ok: bool
    outcome: Outcome


def run_criterion(test: Criterion, metrics: Metrics) -> CriterionResult:
    data_center_ok = test.data_center is None or test.data_center == metrics.data_center
    checks = tuple(c for metric, bound in test.bounds.items() for c in check_bound(metric, bound, metrics.get(metric)))
    outcome = all_of([Outcome.YES if data_center_ok else Outcome.NO, *(c.outcome for c in checks)])
    return CriterionResult(checks, data_center_ok, outcome)


@dataclass(frozen=True)
class ParagraphResult:
    label: str
    tests: tuple[CriterionResult, ...]
    outcome: Outcome


class Status(StrEnum):
    """A chip's standing under one rule (the words for each are in `vocab.STATUSES`)."""

    CONTROLLED = "controlled"
    NOT_CONTROLLED = "not-controlled"
    EXEMPT = "exempt"
    UNDECIDABLE = "undecidable"  # a spec the rule tests is missing
    DEPENDS = "depends"  # sources disagree, and the answer depends on which is right


@dataclass(frozen=True)
class Classification:
    """A chip under one rule: the verdict, the paragraphs that may catch it, what is missing, and every check made."""

    status: Status
    paragraphs: tuple[str, ...]  # labels of the paragraphs that catch the chip (more than one only when sources differ)
    results: tuple[ParagraphResult, ...]
    exemptions: tuple[tuple[str, CriterionResult], ...]
    missing: tuple[RuleMetric, ...] = field(default=())
    alternatives: tuple[tuple[Status, tuple[str, ...]], ...] = field(default=())


def _run_paragraph(paragraph: Paragraph, metrics: Metrics) -> ParagraphResult:
    results = tuple(run_criterion(t, metrics) for t in paragraph.any_of)
    return ParagraphResult(paragraph.label, results, any_of([r.outcome for r in results]))


def classify(metrics: Metrics, rule: Rule) -> Classification:
    paragraphs = tuple(_run_paragraph(p, metrics) for p in rule.paragraphs)
    exemptions = tuple((e.label, run_criterion(e.test, metrics)) for e in rule.exemptions)
    exempt = any_of([r.outcome for _, r in exemptions]) if exemptions else Outcome.NO
    caught = next((p for p in paragraphs if p.outcome is Outcome.YES), None)
    missing = _missing(paragraphs, exemptions)
    if exempt is Outcome.YES:
        return Classification(Status.EXEMPT, (), paragraphs, exemptions)
    if all(p.outcome is Outcome.NO for p in paragraphs):
        return Classification(Status.NOT_CONTROLLED, (), paragraphs, exemptions)
    if caught is not None and exempt is Outcome.NO:
        # An earlier paragraph still in doubt might be the one that applies.
        candidates = paragraphs[: paragraphs.index(caught) + 1]
        labels = tuple(p.label for p in candidates if p.outcome is not Outcome.NO)
        return Classification(Status.CONTROLLED, labels, paragraphs, exemptions)
    outcomes = [p.outcome for p in paragraphs] + [exempt]
    if Outcome.UNKNOWN in outcomes:
        return Classification(Status.UNDECIDABLE, (), paragraphs, exemptions, missing)
    return Classification(Status.DEPENDS, (), paragraphs, exemptions)


def _missing(
    paragraphs: tuple[ParagraphResult, ...], exemptions: tuple[tuple[str, CriterionResult], ...]
) -> tuple[RuleMetric, ...]:
    results = [t for p in paragraphs for t in p.tests] + [r for _, r in exemptions]
    return tuple(dict.fromkeys(c.metric for r in results for c in r.checks if c.outcome is Outcome.UNKNOWN))


def classify_chip(chip: Chip, metrics: Metrics, rule: Rule) -> Classification:
    """Classify under every combination of disagreeing sources; one answer only if they all agree.

    The checks shown to readers come from `metrics` (ranges); the verdict from the scenarios, which keep each
    source's figures together.
    """
    detail = classify(metrics, rule)
    results = [classify(m, rule) for m in scenarios(chip)]
    statuses = list(dict.fromkeys(r.status for r in results))
    missing = tuple(dict.fromkeys(m for r in results for m in r.missing))
    if len(statuses) == 1:
        labels = tuple(dict.fromkeys(label for r in results for label in r.paragraphs))
        return Classification(statuses[0], labels, detail.results, detail.exemptions, missing)
    if Status.UNDECIDABLE in statuses:  # the missing spec has to be found before the dispute matters
        return Classification(Status.UNDECIDABLE, (), detail.results, detail.exemptions, missing)
    alternatives = tuple(dict.fromkeys((r.status, r.paragraphs) for r in results))
    return Classification(Status.DEPENDS, (), detail.results, detail.exemptions, missing, alternatives)
