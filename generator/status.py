"""A chip's status on any date: every measure in force that applies to it, and the combined answer on each side.

Data in, data out. Measures say what they do in their `controls` (which chips, or every chip a threshold rule
catches; the effect; from when); nothing here knows a chip, a date or a threshold. On the US export side the
measures are successive decisions about the same licence, so the one that took effect last gives the answer.
China's import-side measures are parallel restrictions of different reach (buyers, data centres, customs), so
all those in force apply together. Doubt is kept: a rule that cannot decide a chip, or a date known only to the
month, gives every answer it could lead to, never a silent pick.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Literal

from .dates import PartialDate
from .engine import Classification, Status
from .model import Measure

Side = Literal["export", "import"]
SIDES: tuple[Side, Side] = ("export", "import")
# The answer when nothing applies, on each side.
NOTHING: dict[Side, str] = {"export": "not-controlled", "import": "no-restriction"}
# When two controls take effect on the same day, the stricter one stands.
STRICTNESS = {"prohibited": 3, "licence-required": 2, "case-by-case": 1, "licences-granted": 0}
MAX_DOUBTS = 6  # beyond this many doubtful controls at once the answer is simply "cannot be decided"


class Doubt(StrEnum):
    YES = "yes"
    NO = "no"
    DISPUTED = "disputed"  # sources disagree, or a date is known only to the month or year
    UNKNOWN = "unknown"  # a spec the rule needs is missing


@dataclass(frozen=True)
class Window:
    """One control of one measure: its effect and the period it applies in."""

    measure: str
    side: Side
    effect: str
    starts: PartialDate
    ends: PartialDate | None
    chips: tuple[str, ...]
    rule: str | None


@dataclass(frozen=True)
class Answer:
    """One side's answer on one day: its statuses, the answers it could be when in doubt, and the measures behind it.

    `statuses` is one effect on the export side and every effect in force on the import side; NOTHING[side] when
    nothing applies; ("depends",) or ("undecidable",) when in doubt, with the possible answers in `alternatives`.
    """

    statuses: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]
    measures: tuple[str, ...]  # measures in force that apply (or may)


@dataclass(frozen=True)
class Period:
    """From `start` to `end` (inclusive; None: still so today) the chip's status did not change."""

    start: date
    end: date | None
    export: Answer
    imports: Answer


def windows(measures: Iterable[Measure]) -> list[Window]:
    out = []
    for m in measures:
        for c in m.controls:
            out.append(Window(m.id, c.side, c.effect, c.starts or m.in_force_from, c.ends or m.ended, tuple(c.chips), c.rule))
    return out


def applies(window: Window, chip_id: str, classifications: dict[tuple[str, str], Classification]) -> Doubt:
    """Whether the control covers the chip: named, or caught by the rule's thresholds."""
    if window.rule is None:
        return Doubt.YES if chip_id in window.chips else Doubt.NO
    status = classifications[(chip_id, window.rule)].status
    return {Status.CONTROLLED: Doubt.YES, Status.DEPENDS: Doubt.DISPUTED, Status.UNDECIDABLE: Doubt.UNKNOWN}.get(status, Doubt.NO)


def in_force(window: Window, day: date) -> Doubt:
    """Whether the control applies on `day`; a start or end known only to the month leaves that month in doubt."""
    started = _reached(window.starts, day)
    ended = _reached(window.ends, day) if window.ends else Doubt.NO
    if started is Doubt.NO or ended is Doubt.YES:
        return Doubt.NO
    if started is Doubt.YES and ended is Doubt.NO:
        return Doubt.YES
    return Doubt.DISPUTED


def _reached(when: PartialDate, day: date) -> Doubt:
    if day >= when.end:
        return Doubt.YES
    if day < when.start:
        return Doubt.NO
    return Doubt.DISPUTED


def answer(side: Side, entries: list[tuple[Window, Doubt, Doubt]]) -> Answer:
    """Combine the controls on one side: `entries` are (window, applies, in force) for one chip on one day."""
    relevant = [(w, a, f) for w, a, f in entries if w.side == side and a is not Doubt.NO and f is not Doubt.NO]
    sure = [w for w, a, f in relevant if a is Doubt.YES and f is Doubt.YES]
    doubtful = [(w, a) for w, a, f in relevant if not (a is Doubt.YES and f is Doubt.YES)]
    measures = tuple(dict.fromkeys(w.measure for w, _, _ in relevant))
    if len(doubtful) > MAX_DOUBTS:
        return Answer(("undecidable",), (), measures)
    outcomes: dict[tuple[bool, ...], tuple[str, ...]] = {}
    for keep in itertools.product((True, False), repeat=len(doubtful)):
        chosen = sure + [w for (w, _), kept in zip(doubtful, keep, strict=True) if kept]
        outcomes[keep] = _combine(side, chosen)
    possible = tuple(dict.fromkeys(outcomes.values()))
    if len(possible) == 1:
        return Answer(possible[0], (), measures)
    # "Cannot be decided" when a missing spec alone can change the answer; otherwise sources or dates are in dispute.
    unknown = [i for i, (_, a) in enumerate(doubtful) if a is Doubt.UNKNOWN]
    decisive = any(outcomes[keep] != outcomes[(*keep[:i], not keep[i], *keep[i + 1 :])] for keep in outcomes for i in unknown)
    return Answer(("undecidable",) if decisive else ("depends",), possible, measures)


def _combine(side: Side, chosen: list[Window]) -> tuple[str, ...]:
    if not chosen:
        return (NOTHING[side],)
    ordered = sorted(chosen, key=lambda w: (w.starts.start, w.starts.end, STRICTNESS.get(w.effect, 0)))
    if side == "export":
        return (ordered[-1].effect,)
    return tuple(dict.fromkeys(w.effect for w in ordered))


def on(chip_id: str, day: date, controls: list[Window], classifications: dict[tuple[str, str], Classification]) -> Period:
    """The chip's status on one day (as a one-day period)."""
    entries = [(w, applies(w, chip_id, classifications), in_force(w, day)) for w in controls]
    return Period(day, day, answer("export", entries), answer("import", entries))


def history(
    chip_id: str, since: date, today: date, controls: list[Window], classifications: dict[tuple[str, str], Classification]
) -> list[Period]:
    """The periods between the chip's status changes, from `since` (its launch) to `today`."""
    relevant = [w for w in controls if applies(w, chip_id, classifications) is not Doubt.NO]
    turns = {d for w in relevant for d in boundaries(w)}
    days = sorted({since, *(d for d in turns if since < d <= today)})
    periods: list[Period] = []
    for day in days:
        status = on(chip_id, day, relevant, classifications)
        if periods and (periods[-1].export, periods[-1].imports) == (status.export, status.imports):
            continue
        if periods:
            periods[-1] = Period(periods[-1].start, day - timedelta(days=1), periods[-1].export, periods[-1].imports)
        periods.append(Period(day, None, status.export, status.imports))
    return periods


def readable(periods: list[Period], sides: tuple[Side, ...] = SIDES) -> list[Period]:
    """The periods a reader needs: consecutive periods whose answers on `sides` read the same are joined."""
    out: list[Period] = []
    for p in periods:
        if out and _same_answer(out[-1], p, sides):
            out[-1] = Period(out[-1].start, p.end, out[-1].export, out[-1].imports)
        else:
            out.append(p)
    return out


def _same_answer(a: Period, b: Period, sides: tuple[Side, ...]) -> bool:
    pairs = {"export": (a.export, b.export), "import": (a.imports, b.imports)}
    return all((x.statuses, x.alternatives) == (y.statuses, y.alternatives) for x, y in (pairs[side] for side in sides))


def boundaries(window: Window) -> list[date]:
    """The days on which the window's standing can change: where doubt about its start or end begins, and is settled."""
    days = [window.starts.start, window.starts.end]
    if window.ends:
        days += [window.ends.start, window.ends.end]
    return days
