"""Build-time SVG charts: accessible (title, description, a data table beside them), no script, no CDN."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

WIDTH, HEIGHT = 720, 460
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 60
LABEL_WIDTH = 90
LABEL_STACK = 6
PALETTE = ["#3b5bdb", "#e8590c", "#2b8a3e", "#862e9c", "#c92a2a", "#1098ad"]


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


class LogScale:
    def __init__(self, low: float, high: float, start: float, end: float) -> None:
        self.low, self.high, self.start, self.end = math.log10(low), math.log10(high), start, end

    def __call__(self, value: float) -> float:
        share = (math.log10(value) - self.low) / (self.high - self.low)
        return self.start + share * (self.end - self.start)

    def clamp(self, value: float | None, *, upper: bool) -> float:
        if value is None:
            return self.end if upper else self.start
        return min(max(self(value), min(self.start, self.end)), max(self.start, self.end))


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _frame(chart_id: str, title: str, description: str) -> list[str]:
    """The opening of every chart: its accessible name and description, and the plot area."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart">',
        f'<title id="{chart_id}-title">{_e(title)}</title>',
        f'<desc id="{chart_id}-desc">{_e(description)}</desc>',
        f'<rect x="{LEFT}" y="{TOP}" width="{WIDTH - LEFT - RIGHT}" height="{HEIGHT - TOP - BOTTOM}" fill="#fff" stroke="#999"/>',
    ]


def _y_label(text: str) -> str:
    middle = (TOP + HEIGHT - BOTTOM) / 2
    return f'<text x="18" y="{middle}" text-anchor="middle" font-size="13" transform="rotate(-90 18 {middle})">{_e(text)}</text>'


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
            f"<title>{_e(region.label)}</title></rect>"
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
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 15}" text-anchor="middle" font-size="14">{_e(x_axis.label)}</text>'
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
        out.append(f'<text x="{LEFT + 24}" y="{top + 13}" font-size="13">{_e(label)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _decades(axis: Axis) -> list[float]:
    first, last = math.ceil(math.log10(axis.low)), math.floor(math.log10(axis.high))
    return [10.0**power for power in range(first, last + 1)]


class _LabelPlacer:
    """Puts each label beside its point where it overlaps no label already placed, or gives up after a few tries.

    Labels are kept in 90-px columns, so each try looks only at its neighbours: placing stays linear in the points.
    """

    CHAR, LINE = 6.6, 14.0

    def __init__(self) -> None:
        self.columns: dict[int, list[tuple[float, float, float, float]]] = {}

    def place(self, px: float, py: float, label: str) -> tuple[float, float, str] | None:
        width = self.CHAR * len(label)
        anchor = "end" if px + 7 + width > WIDTH - RIGHT else "start"
        left = px - 7 - width if anchor == "end" else px + 7
        for attempt in range(LABEL_STACK):
            lines = (attempt + 1) // 2 * (1 if attempt % 2 == 0 else -1)  # 0, -1, +1, -2, +2, …: nearest free row
            baseline = py - 7 + lines * self.LINE
            box = (left, baseline - 11, left + width, baseline + 3)
            if not self._overlaps(box):
                for column in range(int(box[0] // LABEL_WIDTH), int(box[2] // LABEL_WIDTH) + 1):
                    self.columns.setdefault(column, []).append(box)
                return (px - 7 if anchor == "end" else px + 7), baseline, anchor
        return None

    def _overlaps(self, box: tuple[float, float, float, float]) -> bool:
        for column in range(int(box[0] // LABEL_WIDTH), int(box[2] // LABEL_WIDTH) + 1):
            for other in self.columns.get(column, []):
                if box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]:
                    return True
        return False


def _points(points: list[PlotPoint], x: LogScale, y: LogScale) -> list[str]:
    """Each chip as a dot, or a bar (or box) spanning what its sources say; labels kept apart."""
    out = []
    placer = _LabelPlacer()
    for point in sorted(points, key=lambda p: (p.x[1], p.y[1])):
        (x0, x1), (y0, y1) = (x(v) for v in point.x), (y(v) for v in point.y)
        tip = f"<title>{_e(point.label)}</title>"
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
        px, py = max(x0, x1), min(y0, y1)
        spot = placer.place(px, py, point.label)
        if spot is None:
            continue  # a crowded spot keeps its points but not every label; the table beside the chart has them all
        lx, ly, anchor = spot
        out.append(f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="12" text-anchor="{anchor}">{_e(point.label)}</text>')
    return out


def line_svg(chart_id: str, title: str, description: str, points: list[tuple[float, float]], y_label: str) -> str:
    """A dated series as a line over linear axes from zero; points that share a date (disputed) all show."""
    xs = [x for x, _ in points]
    x0, x1 = min(xs), max(xs)
    if x1 == x0:
        x0, x1 = x0 - 0.5, x1 + 0.5
    step = _nice_step(max(y for _, y in points))
    top = step * (math.floor(max(y for _, y in points) / step) + 1)

    def px(value: float) -> float:
        return LEFT + (value - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT)

    def py(value: float) -> float:
        return HEIGHT - BOTTOM - value / top * (HEIGHT - TOP - BOTTOM)

    out = _frame(chart_id, title, description)
    for index in range(round(top / step) + 1):
        value = index * step
        out.append(f'<line x1="{LEFT}" y1="{py(value):.1f}" x2="{WIDTH - RIGHT}" y2="{py(value):.1f}" stroke="#e9ecef"/>')
        out.append(f'<text x="{LEFT - 8}" y="{py(value) + 4:.1f}" text-anchor="end" font-size="12">{value:,g}</text>')
    first_in_year: dict[int, float] = {}
    for x, _ in sorted(points):
        first_in_year.setdefault(int(x), x)
    for year, x in first_in_year.items():
        out.append(f'<text x="{px(x):.1f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle" font-size="12">{year}</text>')
    ordered = sorted(points)
    path = " ".join(f"{'M' if i == 0 else 'L'}{px(x):.1f},{py(y):.1f}" for i, (x, y) in enumerate(ordered))
    out.append(f'<path d="{path}" fill="none" stroke="{PALETTE[0]}" stroke-width="2"/>')
    for x, y in ordered:
        out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="4" fill="{PALETTE[0]}"/>')
    out.append(_y_label(y_label))
    out.append("</svg>")
    return "\n".join(out)


def _nice_step(high: float) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving at most five intervals up to `high`."""
    if high <= 0:
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(high / 5))
    return next(float(m * magnitude) for m in (1, 2, 2.5, 5, 10) if high / (m * magnitude) <= 5)


@dataclass(frozen=True)
class Band:
    """A stretch of one lane: from `start` to `end` (dates as year fractions), its label, colour and whether in doubt."""

    start: float
    end: float
    label: str
    colour: str
    doubtful: bool = False
    legend: tuple[tuple[str, str, bool], ...] = ()  # the legend rows it needs: (label, colour, hatched)


LANE_HEIGHT, LANE_GAP, LANE_LABEL = 34, 14, 120


def lanes_svg(
    chart_id: str,
    title: str,
    description: str,
    lanes: list[tuple[str, list[Band]]],
    start: float,
    end: float,
    *,
    width: int = WIDTH,
    narrow: bool = False,
) -> str:
    """Horizontal lanes of coloured bands over time (a step chart of statuses); doubtful bands are hatched.

    `narrow` draws for a phone: lane names above their lanes, so the bands keep the whole width.
    """
    label_row = 20 if narrow else 0
    lane_step = label_row + LANE_HEIGHT + LANE_GAP
    left, right = (10, width - 10) if narrow else (LANE_LABEL, width - RIGHT)
    span = max(end - start, 1e-6)

    def px(value: float) -> float:
        return left + (min(max(value, start), end) - start) / span * (right - left)

    kind = "chart-narrow" if narrow else "chart-wide"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} HEIGHT" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart chart-lanes {kind}">',
        f'<title id="{chart_id}-title">{_e(title)}</title>',
        f'<desc id="{chart_id}-desc">{_e(description)}</desc>',
        f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#868e96" stroke-width="3"/></pattern></defs>',
    ]
    for index, (name, bands) in enumerate(lanes):
        top = TOP + index * lane_step + label_row
        if narrow:
            out.append(f'<text x="{left}" y="{top - 6}" font-size="14" font-weight="bold">{_e(name)}</text>')
        else:
            out.append(
                f'<text x="{left - 8}" y="{top + LANE_HEIGHT / 2 + 5:.1f}" text-anchor="end" font-size="13">{_e(name)}</text>'
            )
        for band in bands:
            x0, x1 = px(band.start), px(band.end)
            fill = f"url(#{chart_id}-hatch)" if band.doubtful else band.colour
            out.append(
                f'<rect x="{x0:.1f}" y="{top}" width="{max(x1 - x0, 1):.1f}" height="{LANE_HEIGHT}" fill="{fill}" '
                f'stroke="#fff"><title>{_e(band.label)}</title></rect>'
            )
            if not narrow and x1 - x0 > 7 * len(band.label) + 8:
                colour = "#212529" if band.doubtful or band.colour in LIGHT else "#fff"
                y = top + LANE_HEIGHT / 2 + 5
                out.append(f'<text x="{x0 + 6:.1f}" y="{y:.1f}" font-size="12" fill="{colour}">{_e(band.label)}</text>')
    axis = TOP + len(lanes) * lane_step
    out.append(f'<line x1="{left}" y1="{axis}" x2="{right}" y2="{axis}" stroke="#333"/>')
    years = range(math.ceil(start), math.floor(end) + 1)
    every = max(1, math.ceil(len(years) / 4)) if narrow else 1  # no more than four year labels on a phone
    for year in years:
        out.append(f'<line x1="{px(year):.1f}" y1="{axis}" x2="{px(year):.1f}" y2="{axis + 5}" stroke="#333"/>')
        if (year - years[0]) % every == 0:
            out.append(f'<text x="{px(year):.1f}" y="{axis + 20}" text-anchor="middle" font-size="13">{year}</text>')
    keys = list(dict.fromkeys(key for _, bands in lanes for band in bands for key in band.legend))
    for index, (label, colour, doubtful) in enumerate(keys):
        top = axis + 34 + 22 * index
        fill = f"url(#{chart_id}-hatch)" if doubtful else colour
        out.append(f'<rect x="{left}" y="{top}" width="16" height="16" fill="{fill}" stroke="#868e96"/>')
        out.append(f'<text x="{left + 24}" y="{top + 13}" font-size="14">{_e(label)}</text>')
    out[0] = out[0].replace("HEIGHT", str(axis + 34 + 22 * len(keys) + 6))
    out.append("</svg>")
    return "\n".join(out)


# Status colours: light fills take dark text, dark fills white text (both at least 4.5:1).
STATUS_COLOURS = {
    "not-controlled": "#d3f9d8",
    "no-restriction": "#d3f9d8",
    "licences-granted": "#74c0fc",
    "imports-approved": "#74c0fc",
    "case-by-case": "#ffd43b",
    "licence-required": "#e8590c",
    "purchases-discouraged": "#f59f00",
    "orders-halted": "#a61e4d",
    "domestic-only": "#862e9c",
    "imports-blocked": "#c92a2a",
    "prohibited": "#c92a2a",
}
LIGHT = {"#d3f9d8", "#74c0fc", "#ffd43b", "#f59f00", "#e8590c"}
# Mildest to harshest: a band showing several statuses takes the colour of the harshest.
SEVERITY = [
    "depends",
    "undecidable",
    "not-controlled",
    "no-restriction",
    "imports-approved",
    "licences-granted",
    "case-by-case",
    "purchases-discouraged",
    "domestic-only",
    "licence-required",
    "orders-halted",
    "imports-blocked",
    "prohibited",
]
