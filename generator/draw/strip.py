"""Timeline strips: one lane per actor along a time axis; events close together stack within their lane."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from .svg import CHAR, INK, MUTED, WIDE, Canvas, esc


@dataclass(frozen=True)
class Mark:
    """An event on a strip: a day is a dot; a month, quarter or year a bar across the period it may fall in."""

    start: float
    end: float
    label: str
    data: tuple[tuple[str, str], ...] = ()  # data-* attributes, so a page's filters can show or hide the mark
    milestone: str = ""  # a key event's short label, written above the lanes where it fits
    href: str = ""  # the event's own page: the mark opens it


LABEL_ROWS = {True: 3, False: 7}  # rows of milestone labels: narrow, wide
LABEL_FONT = 11


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
    if any(m.href for _, _, marks in lanes for m in marks):
        c.role = "group"
    c.legend([("a dated day", INK, "box"), ("a month, quarter or year", INK, "hatch")])
    left = 10 if c.narrow else 120
    right = width - 14

    def px(value: float) -> float:
        return left + (min(max(value, start), end) - start) / max(end - start, 1e-6) * (right - left)

    labels = _place_milestones([m for _, _, marks in lanes for m in marks], px, LABEL_ROWS[c.narrow], right)
    band_top = c.y + 4
    y = band_top + (LABEL_ROWS[c.narrow] * 16 + 8 if labels else 0)
    centres: dict[int, tuple[float, float]] = {}  # id of a mark: where it is drawn
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
                shape = f'<circle cx="{x0:.1f}" cy="{top + 3.5:.1f}" r="3.5" fill="{colour}"{data}>{tip}</circle>'
            else:
                shape = (
                    f'<rect x="{x0:.1f}" y="{top:.1f}" width="{x1 - x0:.1f}" height="7" rx="3" fill="url(#{chart_id}-hatch)" '
                    f'stroke="{colour}"{data}>{tip}</rect>'
                )
            c.parts.append(f'<a href="{esc(mark.href)}">{shape}</a>' if mark.href else shape)
            centres[id(mark)] = ((x0 + max(x1, x0)) / 2, top)
        y += lane_h + 6
    c.parts += _milestone_labels(labels, centres, band_top)
    c.parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{MUTED}"/>')
    c.years(px, range(math.ceil(start), math.floor(end) + 1), y)
    c.y = y + 24
    return c.finish(source)


def _place_milestones(marks: list[Mark], px: Callable[[float], float], rows: int, right: float) -> list[tuple[Mark, float, int]]:
    """Each milestone's label: its left edge and row, the first row (from the top) where it covers no other label.
    A label that fits on no row is left out; its mark stays, and the list under the chart names it."""
    taken: list[list[tuple[float, float]]] = [[] for _ in range(rows)]
    placed = []
    for mark in sorted((m for m in marks if m.milestone), key=lambda m: m.start):
        width = len(mark.milestone) * LABEL_FONT * CHAR
        x = px(mark.start)
        # Starting at the mark, else ending at it, on the first row with room.
        spots = [(r, left) for r in range(rows) for left in (x - 4, x + 4 - width) if 0 <= left <= right - width]
        spot = next(((r, left) for r, left in spots if all(left >= b + 8 or left + width <= a - 8 for a, b in taken[r])), None)
        if spot is None:
            continue
        row, left = spot
        taken[row].append((left, left + width))
        placed.append((mark, left, row))
    return placed


def _milestone_labels(labels: list[tuple[Mark, float, int]], centres: dict[int, tuple[float, float]], top: float) -> list[str]:
    """The labels, each joined to its mark by a thin line, and a link to the event's page like the mark."""
    out = []
    for mark, left, row in labels:
        x, mark_top = centres[id(mark)]
        baseline = top + 12 + 16 * row
        out.append(
            f'<line x1="{x:.1f}" y1="{baseline + 3:.1f}" x2="{x:.1f}" y2="{mark_top:.1f}" stroke="{MUTED}" stroke-width="0.8"/>'
        )
        text = f'<text x="{left:.1f}" y="{baseline:.1f}" font-size="{LABEL_FONT}" fill="{INK}">{esc(mark.milestone)}</text>'
        out.append(f'<a href="{esc(mark.href)}">{text}</a>' if mark.href else text)
    return out
