"""Timeline strips: one lane per actor along a time axis; events close together stack within their lane."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .svg import INK, MUTED, WIDE, Canvas, esc


@dataclass(frozen=True)
class Mark:
    """An event on a strip: a day is a dot; a month, quarter or year a bar across the period it may fall in."""

    start: float
    end: float
    label: str
    data: tuple[tuple[str, str], ...] = ()  # data-* attributes, so a page's filters can show or hide the mark


def strip_svg(
    chart_id: str,
    title: str,
    description: str,
    lanes: list[tuple[str, str, list[Mark]]],
    start: float,
    end: float,
    *,
    source: str,
    width: int = WIDE,
) -> str:
    """One lane per actor along a time axis; events close together stack within their lane."""
    c = Canvas(chart_id, title, description, width)
    c.legend([("a dated day", INK, "box"), ("a month, quarter or year", INK, "hatch")])
    left = 10 if c.narrow else 120
    right = width - 14

    def px(value: float) -> float:
        return left + (min(max(value, start), end) - start) / max(end - start, 1e-6) * (right - left)

    y = c.y + 4
    for name, colour, marks in lanes:
        if c.narrow:
            y += 16
            c.parts.append(f'<text x="{left}" y="{y:.1f}" font-size="13" font-weight="bold" fill="{INK}">{esc(name)}</text>')
            y += 4
        rows: list[float] = []  # the right edge of what each row holds so far
        placed: list[tuple[Mark, int]] = []
        for mark in sorted(marks, key=lambda m: (m.start, m.end)):
            x0, x1 = px(mark.start), max(px(mark.end), px(mark.start) + 7)
            row = next((i for i, edge in enumerate(rows) if x0 >= edge + 2), None)
            if row is None:
                row = len(rows)
                rows.append(0)
            rows[row] = x1
            placed.append((mark, row))
        lane_h = max(len(rows), 1) * 9 + 10
        c.parts.append(f'<rect x="{left}" y="{y:.1f}" width="{right - left}" height="{lane_h}" fill="#f8f9fa"/>')
        if not c.narrow:
            c.parts.append(
                f'<text x="{left - 8}" y="{y + lane_h / 2 + 5:.1f}" font-size="13" '
                f'text-anchor="end" fill="{INK}">{esc(name)}</text>'
            )
        for mark, row in placed:
            x0, x1 = px(mark.start), px(mark.end)
            top = y + 5 + row * 9
            tip = f"<title>{esc(mark.label)}</title>"
            data = "".join(f' data-{key}="{esc(value)}"' for key, value in mark.data)
            if x1 - x0 < 3:
                c.parts.append(f'<circle cx="{x0:.1f}" cy="{top + 3.5:.1f}" r="3.5" fill="{colour}"{data}>{tip}</circle>')
            else:
                c.parts.append(
                    f'<rect x="{x0:.1f}" y="{top:.1f}" width="{x1 - x0:.1f}" height="7" rx="3" fill="url(#{chart_id}-hatch)" '
                    f'stroke="{colour}"{data}>{tip}</rect>'
                )
        y += lane_h + 6
    years = range(math.ceil(start), math.floor(end) + 1)
    every = max(1, math.ceil(len(years) / (4 if c.narrow else 10)))
    c.parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{MUTED}"/>')
    for index, year in enumerate(years):
        c.parts.append(f'<line x1="{px(year):.1f}" y1="{y:.1f}" x2="{px(year):.1f}" y2="{y + 5:.1f}" stroke="{MUTED}"/>')
        if index % every == 0:
            c.parts.append(
                f'<text x="{px(year):.1f}" y="{y + 19:.1f}" font-size="12" text-anchor="middle" fill="{MUTED}">{year}</text>'
            )
    c.y = y + 24
    return c.finish(source)
