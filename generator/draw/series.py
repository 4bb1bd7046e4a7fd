"""Dated series from zero: lines join only consecutive periods; disputed periods are ranges, never midpoints."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .svg import CHAR, GRID, MUTED, WIDE, Canvas, esc, human, nice_top


@dataclass(frozen=True)
class SeriesPoint:
    """One period of a series, as year fractions; `low` < `high` when sources disagree on it."""

    start: float
    end: float
    low: float
    high: float
    label: str
    joined: bool  # drawn joined to the previous point: the periods are consecutive (a gap is never bridged)


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    points: tuple[SeriesPoint, ...]


def series_svg(
    chart_id: str, title: str, description: str, series: list[Series], *, y_label: str, source: str, width: int = WIDE
) -> str:
    """Dated series on one chart from zero: lines join only consecutive periods; disputed periods are ranges."""
    c = Canvas(chart_id, title, description, width)
    shapes = ["circle", "square", "diamond"]
    if len(series) > 1:
        c.legend([(s.label, s.colour, "line") for s in series])
    c.text_block(y_label, 12, fill=MUTED)
    points = [p for s in series for p in s.points]
    first, last = math.floor(min(p.start for p in points)), math.ceil(max(p.end for p in points))
    top, step = nice_top(max(p.high for p in points))
    ticks = [i * step for i in range(round(top / step) + 1)]
    left = 10 + max(len(human(t)) for t in ticks) * 12 * CHAR + 6
    right = width - 16
    plot_top, plot_bottom = c.y + 10, c.y + (200 if c.narrow else 260)

    def px(value: float) -> float:
        return left + (value - first) / max(last - first, 1) * (right - left)

    def py(value: float) -> float:
        return plot_bottom - value / top * (plot_bottom - plot_top)

    for tick in ticks:
        c.parts.append(f'<line x1="{left}" y1="{py(tick):.1f}" x2="{right}" y2="{py(tick):.1f}" stroke="{GRID}"/>')
        c.parts.append(
            f'<text x="{left - 6:.1f}" y="{py(tick) + 4:.1f}" font-size="12" '
            f'text-anchor="end" fill="{MUTED}">{esc(human(tick))}</text>'
        )
    c.years(px, range(first, last), plot_bottom, centred=True)
    c.parts.append(f'<line x1="{left}" y1="{plot_bottom}" x2="{right}" y2="{plot_bottom}" stroke="{MUTED}"/>')
    for index, s in enumerate(series):
        shape = shapes[index % len(shapes)]
        previous: SeriesPoint | None = None
        for p in s.points:
            x = px((p.start + p.end) / 2)
            if previous is not None and p.joined:
                # A disputed end is joined at both of its values: a fan, never a midpoint no source gives.
                x0 = px((previous.start + previous.end) / 2)
                for y0 in dict.fromkeys((previous.low, previous.high)):
                    for y1 in dict.fromkeys((p.low, p.high)):
                        c.parts.append(
                            f'<line x1="{x0:.1f}" y1="{py(y0):.1f}" x2="{x:.1f}" y2="{py(y1):.1f}" '
                            f'stroke="{s.colour}" stroke-width="2.5"/>'
                        )
            value = human(p.low) if p.low == p.high else f"{human(p.low)}–{human(p.high)}"
            tip = f"<title>{esc(s.label)}, {esc(p.label)}: {esc(value)}</title>"
            if p.high > p.low:
                c.parts.append(
                    f'<line x1="{x:.1f}" y1="{py(p.low):.1f}" x2="{x:.1f}" y2="{py(p.high):.1f}" stroke="{s.colour}" '
                    f'stroke-width="6">{tip}</line>'
                )
            c.parts.append(_marker(shape, x, py(p.high), s.colour, tip))
            if p.high > p.low:
                c.parts.append(_marker(shape, x, py(p.low), s.colour, tip))
            previous = p
    c.y = plot_bottom + 26
    return c.finish(source)


def _marker(shape: str, x: float, y: float, colour: str, tip: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" height="9" fill="{colour}">{tip}</rect>'
    if shape == "diamond":
        return (
            f'<path d="M{x:.1f},{y - 6:.1f} L{x + 6:.1f},{y:.1f} L{x:.1f},{y + 6:.1f} '
            f'L{x - 6:.1f},{y:.1f} Z" fill="{colour}">{tip}</path>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}">{tip}</circle>'
