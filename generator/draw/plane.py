"""Threshold maps: chips on a log-log plane of two measures, over the shaded regions a rule's tests catch."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .svg import PALETTE, LogScale, esc

WIDTH, HEIGHT = 720, 460
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 60
LABEL_WIDTH = 90
LABEL_STACK = 6


@dataclass(frozen=True)
class Region:
    """A shaded rectangle on the plane: x from x0 to x1, y from y0 to y1 (None: open-ended)."""

    label: str
    x0: float | None
    x1: float | None
    y0: float | None
    y1: float | None
    colour: int


@dataclass(frozen=True)
class PlotPoint:
    """A chip on the plane; low < high on an axis when sources disagree (drawn as a bar, never a midpoint)."""

    label: str
    x: tuple[float, float]
    y: tuple[float, float]


@dataclass(frozen=True)
class Axis:
    label: str
    low: float
    high: float


def _frame(chart_id: str, title: str, description: str) -> list[str]:
    """The opening of every chart: its accessible name and description, and the plot area."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart">',
        f'<title id="{chart_id}-title">{esc(title)}</title>',
        f'<desc id="{chart_id}-desc">{esc(description)}</desc>',
        f'<rect x="{LEFT}" y="{TOP}" width="{WIDTH - LEFT - RIGHT}" height="{HEIGHT - TOP - BOTTOM}" fill="#fff" stroke="#999"/>',
    ]


def _y_label(text: str) -> str:
    middle = (TOP + HEIGHT - BOTTOM) / 2
    return f'<text x="18" y="{middle}" text-anchor="middle" font-size="13" transform="rotate(-90 18 {middle})">{esc(text)}</text>'


def plane_svg(
    chart_id: str,
    title: str,
    description: str,
    regions: list[Region],
    points: list[PlotPoint],
    x_axis: Axis,
    y_axis: Axis,
    legend: list[tuple[str, int]],
) -> str:
    """A log-log plane over shaded regions, with a legend; disputed values are bars from low to high."""
    x = LogScale(x_axis.low, x_axis.high, LEFT, WIDTH - RIGHT)
    y = LogScale(y_axis.low, y_axis.high, HEIGHT - BOTTOM, TOP)
    legend_top = HEIGHT + 4
    height = legend_top + 22 * len(legend) + 8
    out = _frame(chart_id, title, description)
    out[0] = out[0].replace(f'viewBox="0 0 {WIDTH} {HEIGHT}"', f'viewBox="0 0 {WIDTH} {height}"')
    for region in regions:
        x0, x1 = x.clamp(region.x0, upper=False), x.clamp(region.x1, upper=True)
        ya, yb = y.clamp(region.y0, upper=False), y.clamp(region.y1, upper=True)
        colour = PALETTE[region.colour % len(PALETTE)]
        out.append(
            f'<rect x="{x0:.1f}" y="{min(ya, yb):.1f}" width="{abs(x1 - x0):.1f}" height="{abs(ya - yb):.1f}" '
            f'fill="{colour}" fill-opacity="0.15" stroke="{colour}" stroke-dasharray="4 3">'
            f"<title>{esc(region.label)}</title></rect>"
        )
    for tick in _decades(x_axis):
        px = x(tick)
        anchor = "end" if px > WIDTH - RIGHT - 30 else "middle"  # the last label stays inside the frame
        out.append(f'<line x1="{px:.1f}" y1="{HEIGHT - BOTTOM}" x2="{px:.1f}" y2="{HEIGHT - BOTTOM + 5}" stroke="#333"/>')
        out.append(f'<text x="{px:.1f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="{anchor}" font-size="13">{tick:,g}</text>')
    for tick in _decades(y_axis):
        py = y(tick)
        out.append(f'<line x1="{LEFT - 5}" y1="{py:.1f}" x2="{LEFT}" y2="{py:.1f}" stroke="#333"/>')
        out.append(f'<text x="{LEFT - 8}" y="{py + 4:.1f}" text-anchor="end" font-size="13">{tick:,g}</text>')
    out.append(
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 15}" text-anchor="middle" font-size="14">{esc(x_axis.label)}</text>'
    )
    out.append(_y_label(y_axis.label))
    out += _points(points, x, y)
    for index, (label, shade) in enumerate(legend):
        top = legend_top + 22 * index
        fill = PALETTE[shade % len(PALETTE)]
        out.append(
            f'<rect x="{LEFT}" y="{top}" width="16" height="16" fill="{fill}" fill-opacity="0.15" stroke="{fill}" '
            'stroke-dasharray="4 3"/>'
        )
        out.append(f'<text x="{LEFT + 24}" y="{top + 13}" font-size="13">{esc(label)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _decades(axis: Axis) -> list[float]:
    first, last = math.ceil(math.log10(axis.low)), math.floor(math.log10(axis.high))
    return [10.0**power for power in range(first, last + 1)]


class _LabelPlacer:
    """Puts each label beside its point where it overlaps no mark and no label already placed, or gives up after a
    few tries. A label moved off its point's row is joined to the point by a thin line.

    Boxes are kept in 90-px columns, so each try looks only at its neighbours: placing stays linear in the points.
    """

    CHAR, LINE = 6.6, 14.0

    def __init__(self) -> None:
        self.columns: dict[int, list[tuple[float, float, float, float]]] = {}

    def block(self, box: tuple[float, float, float, float]) -> None:
        for column in range(int(box[0] // LABEL_WIDTH), int(box[2] // LABEL_WIDTH) + 1):
            self.columns.setdefault(column, []).append(box)

    def place(self, left_end: float, right_end: float, py: float, label: str) -> tuple[float, float, str, float] | None:
        """Where the label goes: x, baseline, anchor, and the x of the mark's end it belongs to. The nearest free row
        wins, to the right of the mark or else to its left; a label that leaves its mark's row gets a line to it."""
        width = self.CHAR * len(label)
        sides = [("start", right_end + 7, right_end), ("end", left_end - 7 - width, left_end)]
        sides = [side for side in sides if side[1] >= LEFT and side[1] + width <= WIDTH - RIGHT]
        for attempt in range(LABEL_STACK):
            lines = (attempt + 1) // 2 * (1 if attempt % 2 == 0 else -1)  # 0, -1, +1, -2, +2, …: nearest free row
            baseline = py - 7 + lines * self.LINE
            for anchor, left, end in sides:
                box = (left, baseline - 11, left + width, baseline + 3)
                if not self._overlaps(box):
                    self.block(box)
                    return (end + 7 if anchor == "start" else end - 7), baseline, anchor, end
        return None

    def _overlaps(self, box: tuple[float, float, float, float]) -> bool:
        for column in range(int(box[0] // LABEL_WIDTH), int(box[2] // LABEL_WIDTH) + 1):
            for other in self.columns.get(column, []):
                if box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]:
                    return True
        return False


def _points(points: list[PlotPoint], x: LogScale, y: LogScale) -> list[str]:
    """Each chip as a dot, or a bar (or box) spanning what its sources say; labels kept apart and off other marks."""
    out = []
    placer = _LabelPlacer()
    placed = []
    for point in sorted(points, key=lambda p: (p.x[1], p.y[1])):
        (x0, x1), (y0, y1) = (x(v) for v in point.x), (y(v) for v in point.y)
        tip = f"<title>{esc(point.label)}</title>"
        if x0 == x1 and y0 == y1:
            out.append(f'<circle cx="{x1:.1f}" cy="{y1:.1f}" r="5" fill="#212529">{tip}</circle>')
        elif y0 == y1 or x0 == x1:
            out.append(
                f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="#212529" stroke-width="6">{tip}</line>'
            )
        else:
            out.append(
                f'<rect x="{min(x0, x1):.1f}" y="{min(y0, y1):.1f}" width="{abs(x1 - x0):.1f}" height="{abs(y1 - y0):.1f}" '
                f'fill="#212529" fill-opacity="0.35" stroke="#212529">{tip}</rect>'
            )
        placer.block((min(x0, x1) - 5, min(y0, y1) - 5, max(x0, x1) + 5, max(y0, y1) + 5))
        placed.append((point, min(x0, x1), max(x0, x1), min(y0, y1)))
    for point, left_end, right_end, py in placed:  # labels after every mark, so that none covers another chip's mark
        spot = placer.place(left_end, right_end, py, point.label)
        if spot is None:
            continue  # a crowded spot keeps its points but not every label; the table beside the chart has them all
        lx, ly, anchor, end = spot
        if ly != py - 7:  # moved off its mark's row: a line leads back to the mark
            out.append(f'<line x1="{end:.1f}" y1="{py:.1f}" x2="{lx:.1f}" y2="{ly - 4:.1f}" stroke="#868e96" stroke-width="1"/>')
        out.append(f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="12" text-anchor="{anchor}">{esc(point.label)}</text>')
    return out
