"""Step lines over time on a log scale: each line holds its value until the day it changes; a range where sources
disagree is a band between its two values, a stretch in doubt is hatched, and numbered markers key the days a
measure changed the answer to a list under the chart."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from .svg import CHAR, GRID, INK, MUTED, WIDE, Canvas, LogScale, esc, human

PLOT_HEIGHT = {True: 250, False: 300}  # narrow, wide
END_LABELS = 118  # room right of the plot for each line's current value (wide drawing only)


@dataclass(frozen=True)
class Step:
    """One stretch of a line (dates as year fractions): `low` < `high` when sources disagree; `low` None when it may
    be that nothing counts; both None for a gap."""

    start: float
    end: float
    low: float | None
    high: float | None
    doubtful: bool
    label: str  # what sets the value (chip names), written above the stretch where it fits
    tip: str


@dataclass(frozen=True)
class StepLine:
    label: str
    colour: str
    dash: str  # an SVG dash pattern; "" for a solid line
    steps: tuple[Step, ...]
    end_label: str = ""  # its value on the last day, written right of the plot


@dataclass(frozen=True)
class Marker:
    """A day a measure changed the answer: a numbered marker on the time axis, keyed to `text` under the chart."""

    at: float
    number: int
    text: str


def steps_svg(
    chart_id: str,
    title: str,
    description: str,
    lines: list[StepLine],
    start: float,
    end: float,
    *,
    markers: list[Marker],
    y_label: str,
    source: str,
    fmt: Callable[[float], str] = human,
    width: int = WIDE,
) -> str:
    c = Canvas(chart_id, title, description, width)
    c.legend(
        [(line.label, line.colour, "dash" if line.dash else "line") for line in lines]
        + [("range: sources disagree or date in doubt", MUTED, "hatch")]
    )
    c.text_block(y_label, 12, fill=MUTED)
    values = [v for line in lines for s in line.steps for v in (s.low, s.high) if v]
    low, high = 10.0 ** math.floor(math.log10(min(values))), _round_up(max(values))
    left = 10 + len(fmt(high)) * 12 * CHAR + 6
    right = width - (16 if c.narrow else END_LABELS)
    top = c.y + 26  # room for the markers above the plot
    bottom = top + PLOT_HEIGHT[c.narrow]
    y = LogScale(low, high, bottom, top)

    def px(value: float) -> float:
        return left + (min(max(value, start), end) - start) / max(end - start, 1e-6) * (right - left)

    _grid(c, y, low, high, left, right, fmt)
    c.years(px, range(math.ceil(start), math.floor(end) + 1), bottom)
    _markers(c, px, markers, top, bottom)
    for line in lines:
        c.parts += _line(chart_id, line, px, y)
    if not c.narrow:
        c.parts += _stretch_labels(lines, px, y, left, right)
        c.parts += _end_labels(lines, y, right)
    c.parts.append(
        f'<rect x="{left:.1f}" y="{top:.1f}" width="{right - left:.1f}" height="{bottom - top:.1f}" '
        f'fill="none" stroke="{MUTED}"/>'
    )
    c.y = bottom + 28
    for marker in markers:
        c.text_block(f"{marker.number}. {marker.text}", 12)
    return c.finish(source)


def _round_up(value: float) -> float:
    """The first 1, 2 or 5 times a power of ten at or above `value`: the top of a log axis."""
    power = 10.0 ** math.floor(math.log10(value))
    return next(factor * power for factor in (1, 2, 5, 10) if factor * power >= value)


def _grid(c: Canvas, y: LogScale, low: float, high: float, left: float, right: float, fmt: Callable[[float], str]) -> None:
    power = round(math.log10(low))
    while 10.0**power <= high:
        for factor in (1, 2, 5):
            tick = factor * 10.0**power
            if not low <= tick <= high:
                continue
            py = y(tick)
            c.parts.append(f'<line x1="{left:.1f}" y1="{py:.1f}" x2="{right:.1f}" y2="{py:.1f}" stroke="{GRID}"/>')
            c.parts.append(
                f'<text x="{left - 6:.1f}" y="{py + 4:.1f}" font-size="12" text-anchor="end" '
                f'fill="{MUTED}">{esc(fmt(tick))}</text>'
            )
        power += 1


def _markers(c: Canvas, px: Callable[[float], float], markers: list[Marker], top: float, bottom: float) -> None:
    """Numbered circles above the plot, nudged apart when days fall close together, each with a dotted drop line."""
    last = -math.inf
    for marker in sorted(markers, key=lambda m: m.at):
        x = px(marker.at)
        cx = max(x, last + 17)
        last = cx
        tip = f"<title>{esc(marker.text)}</title>"
        c.parts.append(
            f'<line x1="{x:.1f}" y1="{top - 6:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="{MUTED}" stroke-dasharray="2 3"/>'
        )
        if cx != x:
            c.parts.append(f'<line x1="{x:.1f}" y1="{top - 6:.1f}" x2="{cx:.1f}" y2="{top - 12:.1f}" stroke="{MUTED}"/>')
        c.parts.append(f'<circle cx="{cx:.1f}" cy="{top - 16:.1f}" r="8" fill="{INK}">{tip}</circle>')
        c.parts.append(
            f'<text x="{cx:.1f}" y="{top - 12:.1f}" font-size="11" font-weight="bold" text-anchor="middle" fill="#fff">'
            f"{marker.number}</text>"
        )


def _line(chart_id: str, line: StepLine, px: Callable[[float], float], y: LogScale) -> list[str]:
    """The stretches of one line: a stroke at a known value, a band over a range, hatching where in doubt, and risers
    joining consecutive stretches (a gap is never bridged)."""
    out = []
    dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
    previous: Step | None = None
    for step in line.steps:
        if step.high is None:
            previous = None
            continue
        x0, x1 = px(step.start), px(step.end)
        tip = f"<title>{esc(step.tip)}</title>"
        floor = step.low if step.low is not None else step.high
        if step.doubtful or floor != step.high:
            fill = f"url(#{chart_id}-hatch)" if step.doubtful else line.colour
            opacity = "" if step.doubtful else ' fill-opacity="0.25"'
            out.append(
                f'<rect x="{x0:.1f}" y="{y(step.high):.1f}" width="{max(x1 - x0, 1):.1f}" '
                f'height="{max(y(floor) - y(step.high), 3):.1f}" fill="{fill}"{opacity} stroke="{line.colour}">{tip}</rect>'
            )
        for value in dict.fromkeys((floor, step.high)):
            out.append(
                f'<line x1="{x0:.1f}" y1="{y(value):.1f}" x2="{x1:.1f}" y2="{y(value):.1f}" stroke="{line.colour}" '
                f'stroke-width="3"{dash}>{tip}</line>'
            )
        if previous is not None and previous.high is not None:
            ends = [v for v in (previous.low, previous.high, step.low, step.high) if v is not None]
            out.append(
                f'<line x1="{x0:.1f}" y1="{y(min(ends)):.1f}" x2="{x0:.1f}" y2="{y(max(ends)):.1f}" '
                f'stroke="{line.colour}" stroke-width="2"{dash}/>'
            )
        previous = step
    return out


def _stretch_labels(lines: list[StepLine], px: Callable[[float], float], y: LogScale, left: float, right: float) -> list[str]:
    """Each stretch's chip names above it where they fit and cover no other label."""
    out: list[str] = []
    boxes: list[tuple[float, float, float, float]] = []
    for line in lines:
        for step in line.steps:
            if step.high is None or not step.label:
                continue
            x0, x1 = px(step.start), px(step.end)
            text_width = len(step.label) * 11 * CHAR
            baseline = y(step.high) - 6
            box = (x0 + 2, baseline - 10, x0 + 2 + text_width, baseline + 2)
            if x1 - x0 < text_width + 4 or any(_overlap(box, other) for other in boxes):
                continue
            boxes.append(box)
            out.append(f'<text x="{x0 + 2:.1f}" y="{baseline:.1f}" font-size="11" fill="{line.colour}">{esc(step.label)}</text>')
    return out


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _end_labels(lines: list[StepLine], y: LogScale, right: float) -> list[str]:
    """Each line's value on the last day, right of the plot, moved apart so that none covers another."""
    placed: list[tuple[float, StepLine]] = []
    for line in lines:
        last = line.steps[-1] if line.steps else None
        if last is not None and last.high is not None and line.end_label:
            placed.append((y(last.high), line))
    out, floor = [], -math.inf
    for py, line in sorted(placed, key=lambda p: p[0]):
        for index, text in enumerate(line.end_label.split("\n")):
            baseline = max(py + 4, floor + 13) if index == 0 else floor + 13
            floor = baseline
            out.append(f'<text x="{right + 6:.1f}" y="{baseline:.1f}" font-size="11" fill="{line.colour}">{esc(text)}</text>')
    return out
