"""The chip gap, day by day: the most capable chip US rules let the named US vendors sell to China (without a licence,
and counting licences granted to some buyers), the best chip the named Chinese vendor had on sale, and the best
chip on the market anywhere.

Computed, never drawn by hand: capability is the engine's TPP from each chip's sourced dense figures; "on sale" is
the chip's sourced on-sale date; what US rules allow is the status engine's answer on the export side. Doubt is
kept: a disputed TPP stays a range, and a chip that may or may not count on a day (a disputed status, an on-sale
date known only to the month) widens the range's top and marks the stretch in doubt, never a silent pick.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .engine import Interval
from .link import Linked
from .model import Chip
from .status import Answer, Doubt, Period, applies, boundaries, history

START = date(2020, 1, 1)


@dataclass(frozen=True)
class Stretch:
    """From `start` to `end` (inclusive) one line's answer did not change.

    `low` is the best TPP among chips that surely count (None: possibly none counts), `high` the best among chips
    that may count (None: none does); `chips` are the ones that set `high`, and `sure` those that set `low`. A
    range with no doubt is one where sources disagree on the best chip's TPP.
    """

    start: date
    end: date
    low: float | None
    high: float | None
    chips: tuple[str, ...]
    sure: tuple[str, ...]
    doubtful: bool  # a chip that may or may not count would raise the line


@dataclass(frozen=True)
class GapLine:
    key: str
    label: str
    stretches: tuple[Stretch, ...]


@dataclass(frozen=True)
class Change:
    """A day on which a measure changed what the US vendors could sell: the measure and the lines it moved."""

    day: date
    measure: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Gap:
    lines: tuple[GapLine, ...]
    changes: tuple[Change, ...]
    days: tuple[date, ...]  # every day on which some line changed, from START


# Whether a chip counts on a line on a day: (surely, maybe), from its export answer that day.
Test = Callable[[Answer], tuple[bool, bool]]


def _allowed(statuses: set[str]) -> Test:
    def test(answer: Answer) -> tuple[bool, bool]:
        sure = set(answer.statuses) <= statuses
        return sure, sure or any(set(alt) <= statuses for alt in answer.alternatives)

    return test


def _any(answer: Answer) -> tuple[bool, bool]:
    return True, True


@dataclass(frozen=True)
class _Candidate:
    chip: Chip
    tpp: Interval
    maybe_from: date  # the first day it may have been on sale
    surely_from: date  # the first day it surely was
    periods: tuple[Period, ...]

    def answer(self, day: date) -> Answer | None:
        return next((p.export for p in reversed(self.periods) if p.start <= day), None)


def gap(linked: Linked, us_vendors: list[str], china_vendor: str) -> Gap:
    """The four lines from START to today, and the measures that moved the US vendors' lines."""
    candidates = [c for chip in linked.dataset.chips.values() if (c := _candidate(linked, chip)) is not None]
    us = [c for c in candidates if c.chip.vendor in us_vendors]
    names = _vendor_names(linked, us_vendors)
    specs: list[tuple[str, str, list[_Candidate], Test]] = [
        ("free", f"Best {names} chip sold to China without a licence", us, _allowed({"not-controlled"})),
        (
            "licensed",
            f"Best {names} chip sold to China, counting licences granted to some buyers",
            us,
            _allowed({"not-controlled", "licences-granted"}),
        ),
        (
            "china",
            f"{linked.title('companies', china_vendor)}'s best chip on sale",
            [c for c in candidates if c.chip.vendor == china_vendor],
            _any,
        ),
        ("frontier", "Best chip on the market anywhere", candidates, _any),
    ]
    days = _change_days(candidates, linked.today)
    lines = tuple(GapLine(key, label, _stretches(pool, test, days, linked.today)) for key, label, pool, test in specs)
    return Gap(lines, _changes(linked, lines, us), tuple(days))


def _vendor_names(linked: Linked, vendors: list[str]) -> str:
    names = [linked.title("companies", v) for v in vendors]
    return " or ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " or " + names[-1]


def _candidate(linked: Linked, chip: Chip) -> _Candidate | None:
    """A data-centre chip with a computed TPP and a sourced on-sale date; others cannot be placed on the chart."""
    tpp = linked.metrics[chip.id].tpp
    if not chip.data_center or tpp is None or not chip.on_sale:
        return None
    maybe_from = min(d.value.start for d in chip.on_sale)
    surely_from = max(d.value.end for d in chip.on_sale)
    since = max(maybe_from, START)
    if since > linked.today:
        return None
    periods = tuple(history(chip.id, since, linked.today, linked.controls, linked.classifications))
    return _Candidate(chip, tpp, maybe_from, surely_from, periods)


def _change_days(candidates: Iterable[_Candidate], today: date) -> list[date]:
    days = {START}
    for c in candidates:
        days |= {c.maybe_from, c.surely_from, *(p.start for p in c.periods)}
    return sorted(d for d in days if START <= d <= today)


def _stretches(pool: list[_Candidate], test: Test, days: list[date], today: date) -> tuple[Stretch, ...]:
    out: list[Stretch] = []
    for index, day in enumerate(days):
        end = days[index + 1] - timedelta(days=1) if index + 1 < len(days) else today
        stretch = _on(pool, test, day, end)
        if out and _same(out[-1], stretch):
            out[-1] = Stretch(out[-1].start, end, stretch.low, stretch.high, stretch.chips, stretch.sure, stretch.doubtful)
        else:
            out.append(stretch)
    return tuple(out)


def _same(a: Stretch, b: Stretch) -> bool:
    return (a.low, a.high, a.chips, a.sure, a.doubtful) == (b.low, b.high, b.chips, b.sure, b.doubtful)


def _on(pool: list[_Candidate], test: Test, day: date, end: date) -> Stretch:
    sure, maybe = [], []
    for c in pool:
        answer = c.answer(day)
        if answer is None or day < c.maybe_from:
            continue
        counts, may_count = test(answer)
        if counts and day >= c.surely_from:
            sure.append(c)
        if may_count:
            maybe.append(c)
    low = max((c.tpp.low for c in sure), default=None)
    high = max((c.tpp.high for c in maybe), default=None)
    surely_high = max((c.tpp.high for c in sure), default=None)
    doubtful = high is not None and (surely_high is None or high > surely_high)
    setting = tuple(sorted(c.chip.id for c in maybe if high is not None and c.tpp.high == high))
    surely = tuple(sorted(c.chip.id for c in sure if low is not None and c.tpp.low == low))
    return Stretch(day, end, low, high, setting, surely, doubtful)


def _changes(linked: Linked, lines: tuple[GapLine, ...], us: list[_Candidate]) -> tuple[Change, ...]:
    """The measures behind each step of the US vendors' lines: a control of theirs that starts or ends that day."""
    us_ids = {c.chip.id for c in us}
    moved: dict[tuple[date, str], list[str]] = {}
    for line in lines:
        if line.key not in ("free", "licensed"):
            continue
        for before, after in zip(line.stretches, line.stretches[1:], strict=False):
            for window in linked.controls:
                if window.side != "export" or after.start not in boundaries(window):
                    continue
                touched = set(before.chips + before.sure + after.chips + after.sure) & us_ids
                if any(applies(window, chip, linked.classifications) is not Doubt.NO for chip in touched):
                    moved.setdefault((after.start, window.measure), []).append(line.key)
    return tuple(Change(day, measure, tuple(dict.fromkeys(keys))) for (day, measure), keys in sorted(moved.items()))
