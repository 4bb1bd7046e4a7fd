"""Build-time SVG charts: accessible (title, description, a data table beside them), no script, no CDN."""

from __future__ import annotations

import html
import math
from collections.abc import Callable
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
        placer.block((min(x0, x1) - 5, min(y0, y1) - 5, max(x0, x1) + 5, max(y0, y1) + 5))
        placed.append((point, min(x0, x1), max(x0, x1), min(y0, y1)))
    for point, left_end, right_end, py in placed:  # labels after every mark, so that none covers another chip's mark
        spot = placer.place(left_end, right_end, py, point.label)
        if spot is None:
            continue  # a crowded spot keeps its points but not every label; the table beside the chart has them all
        lx, ly, anchor, end = spot
        if ly != py - 7:  # moved off its mark's row: a line leads back to the mark
            out.append(f'<line x1="{end:.1f}" y1="{py:.1f}" x2="{lx:.1f}" y2="{ly - 4:.1f}" stroke="#868e96" stroke-width="1"/>')
        out.append(f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="12" text-anchor="{anchor}">{_e(point.label)}</text>')
    return out


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


# -- Story charts: a visible title and source line inside the picture, drawn twice (wide and for phones) -------------

WIDE, NARROW = 720, 360
CHAR = 0.56  # a glyph's average width as a share of the font size (system sans-serif)
INK, MUTED, GRID = "#212529", "#495057", "#dee2e6"


def human(value: float) -> str:
    """Numbers for people: 2,500,000 → '2.5 million'; 526,409 → '526,409'; 0.31 → '0.31'. Never 2.5e+06."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def wrap(text: str, size: float, width: float) -> list[str]:
    """Words in lines no wider than `width` pixels at font `size`."""
    per_line = max(8, int(width / (size * CHAR)))
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > per_line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


class Canvas:
    """An SVG drawn top to bottom: `y` is where the next block starts; the height is known at the end."""

    def __init__(self, chart_id: str, title: str, description: str, width: int) -> None:
        self.id, self.title, self.description, self.width = chart_id, title, description, width
        self.narrow = width < WIDE
        self.parts: list[str] = []
        self.y = 8.0
        self.text_block(title, 16, weight="bold")
        self.y += 4

    def text_block(self, text: str, size: float, *, weight: str = "normal", fill: str = INK, x: float = 10) -> None:
        for line in wrap(text, size, self.width - x - 10):
            self.y += size * 1.3
            self.parts.append(
                f'<text x="{x}" y="{self.y:.1f}" font-size="{size}" font-weight="{weight}" fill="{fill}">{_e(line)}</text>'
            )

    def legend(self, keys: list[tuple[str, str, str]]) -> None:
        """Swatches in rows: (label, colour, shape) with shape 'box', 'line' or 'hatch'."""
        x, row = 10.0, self.y + 8
        for label, colour, shape in keys:
            width = 22 + len(label) * 13 * CHAR + 16
            if x + width > self.width - 10 and x > 10:
                x, row = 10.0, row + 22
            if shape == "line":
                self.parts.append(
                    f'<line x1="{x}" y1="{row + 8}" x2="{x + 16}" y2="{row + 8}" stroke="{colour}" stroke-width="3"/>'
                )
            else:
                fill = f"url(#{self.id}-hatch)" if shape == "hatch" else colour
                self.parts.append(f'<rect x="{x}" y="{row}" width="16" height="16" fill="{fill}" stroke="{colour}"/>')
            self.parts.append(f'<text x="{x + 22}" y="{row + 13}" font-size="13" fill="{INK}">{_e(label)}</text>')
            x += width
        self.y = row + 26

    def finish(self, source: str) -> str:
        self.y += 8
        self.text_block(source, 12, fill=MUTED)
        height = self.y + 10
        kind = "chart-narrow" if self.narrow else "chart-wide"
        head = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width} {height:.0f}" role="img" '
            f'aria-labelledby="{self.id}-title {self.id}-desc" class="chart chart-story {kind}">',
            f'<title id="{self.id}-title">{_e(self.title)}</title>',
            f'<desc id="{self.id}-desc">{_e(self.description)}</desc>',
            f'<defs><pattern id="{self.id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="#868e96" stroke-width="3"/></pattern></defs>',
            f'<rect width="{self.width}" height="{height:.0f}" fill="#fff"/>',
        ]
        return "\n".join([*head, *self.parts, "</svg>"])


def nice_top(high: float) -> tuple[float, float]:
    """An axis top above `high` and its tick step (1, 2, 2.5 or 5 times a power of ten, at most five steps)."""
    step = _nice_step(high)
    return step * (math.floor(high / step) + 1), step


@dataclass(frozen=True)
class BarRow:
    """One bar: `low` < `high` when sources disagree (drawn as a range, never a midpoint); None when unknown."""

    label: str
    low: float | None
    high: float | None
    colour: str = PALETTE[0]
    group: str = ""  # rows that share a group are drawn together under its name
    qualifier: str = ""  # "fewer than", "about": the source's own bound, shown with the value


@dataclass(frozen=True)
class Line:
    """A reference line across the bars, e.g. a threshold."""

    value: float
    label: str


def bars_svg(
    chart_id: str,
    title: str,
    description: str,
    rows: list[BarRow],
    *,
    source: str,
    legend: list[tuple[str, str, str]] | None = None,
    lines: tuple[Line, ...] = (),
    width: int = WIDE,
    fmt: Callable[[float], str] = human,
    scale_to: float | None = None,
) -> str:
    """Horizontal bars with their values; ranges where sources disagree; dashed reference lines, labelled above.

    `scale_to` fixes the end of the scale (100 for shares), else it is a round number above the longest bar.
    """
    c = Canvas(chart_id, title, description, width)
    if legend:
        c.legend(legend)
    label_w = 0 if c.narrow else min(220, max(len(r.label) for r in rows) * 13 * CHAR + 14)
    left, right = 10 + label_w, width - (90 if not c.narrow else 80)
    top_value = max([r.high for r in rows if r.high is not None] + [ln.value for ln in lines] + [1.0])
    top, step = nice_top(top_value)
    if scale_to is not None:
        top, step = scale_to, scale_to / 4

    def px(value: float) -> float:
        return left + value / top * (right - left)

    for line in sorted(lines, key=lambda ln: ln.value):
        x = px(line.value)
        text = f"{line.label}: {fmt(line.value)}"
        anchor = "end" if x + len(text) * 12 * CHAR > width - 10 else "start"
        c.y += 16
        c.parts.append(
            f'<text x="{x + (-4 if anchor == "end" else 4):.1f}" y="{c.y:.1f}" font-size="12" text-anchor="{anchor}" '
            f'fill="{INK}">{_e(text)}</text>'
        )
    plot_top = c.y + 6
    row_h = 42 if c.narrow else 28
    y = plot_top
    bar_tops: list[float] = []
    group = None
    for row in rows:
        if row.group and row.group != group:
            group = row.group
            y += 6
            c.parts.append(f'<text x="10" y="{y + 12:.1f}" font-size="13" font-weight="bold" fill="{INK}">{_e(group)}</text>')
            y += 18
        bar_y = y + (18 if c.narrow else 5)
        bar_tops.append(bar_y)
        if c.narrow:
            c.parts.append(f'<text x="{left}" y="{y + 13:.1f}" font-size="13" fill="{INK}">{_e(row.label)}</text>')
        else:
            c.parts.append(
                f'<text x="{left - 8}" y="{bar_y + 13:.1f}" font-size="13" text-anchor="end" fill="{INK}">{_e(row.label)}</text>'
            )
        if row.low is None or row.high is None:
            c.parts.append(f'<text x="{left + 4}" y="{bar_y + 13:.1f}" font-size="12" fill="{MUTED}">not known</text>')
        else:
            value = fmt(row.low) if row.low == row.high else f"{fmt(row.low)}–{fmt(row.high)}"
            value = f"{row.qualifier} {value}" if row.qualifier else value
            tip = f"<title>{_e(row.label)}: {_e(value)}</title>"
            c.parts.append(
                f'<rect x="{left}" y="{bar_y}" width="{max(px(row.low) - left, 1):.1f}" '
                f'height="18" fill="{row.colour}">{tip}</rect>'
            )
            if row.high > row.low:
                c.parts.append(
                    f'<rect x="{px(row.low):.1f}" y="{bar_y}" width="{px(row.high) - px(row.low):.1f}" height="18" '
                    f'fill="url(#{chart_id}-hatch)" stroke="{row.colour}">{tip}</rect>'
                )
            c.parts.append(
                f'<text x="{px(row.high) + 5:.1f}" y="{bar_y + 14:.1f}" font-size="12" fill="{INK}">{_e(value)}</text>'
            )
        y += row_h
    for line in lines:
        x = px(line.value)
        c.parts.append(
            f'<line x1="{x:.1f}" y1="{plot_top - 4:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{INK}" stroke-dasharray="5 3"/>'
        )
    c.parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{MUTED}"/>')
    ticks = [i * step for i in range(round(top / step) + 1)]
    every = 2 if c.narrow and len(ticks) > 4 else 1
    for i, tick in enumerate(ticks):
        if i % every == 0:
            c.parts.append(
                f'<text x="{px(tick):.1f}" y="{y + 16:.1f}" font-size="12" '
                f'text-anchor="{"start" if i == 0 else "middle"}" fill="{MUTED}">{_e(fmt(tick))}</text>'
            )
    c.y = y + 20
    return c.finish(source)


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
            f'text-anchor="end" fill="{MUTED}">{_e(human(tick))}</text>'
        )
    years = list(range(first, last))
    every = max(1, math.ceil(len(years) / (4 if c.narrow else 10)))
    for index, year in enumerate(years):
        c.parts.append(
            f'<line x1="{px(year):.1f}" y1="{plot_bottom}" x2="{px(year):.1f}" y2="{plot_bottom + 5}" stroke="{MUTED}"/>'
        )
        if index % every == 0:
            c.parts.append(
                f'<text x="{px(year + 0.5):.1f}" y="{plot_bottom + 19}" '
                f'font-size="12" text-anchor="middle" fill="{MUTED}">{year}</text>'
            )
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
            tip = f"<title>{_e(s.label)}, {_e(p.label)}: {_e(value)}</title>"
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


def columns_svg(
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    stacks: list[tuple[str, str, list[int]]],
    *,
    y_label: str,
    source: str,
    width: int = WIDE,
) -> str:
    """Stacked columns, one per category (e.g. a year), each split by the stacks (e.g. who acted), totals on top."""
    c = Canvas(chart_id, title, description, width)
    c.legend([(label, colour, "box") for label, colour, _ in stacks])
    c.text_block(y_label, 12, fill=MUTED)
    totals = [sum(values[i] for _, _, values in stacks) for i in range(len(categories))]
    top, step = nice_top(max([*totals, 1]))
    left, right = 40, width - 10
    plot_top, plot_bottom = c.y + 16, c.y + (190 if c.narrow else 240)
    slot = (right - left) / max(len(categories), 1)
    bar = slot * 0.7

    def py(value: float) -> float:
        return plot_bottom - value / top * (plot_bottom - plot_top)

    for i in range(round(top / step) + 1):
        tick = i * step
        c.parts.append(f'<line x1="{left}" y1="{py(tick):.1f}" x2="{right}" y2="{py(tick):.1f}" stroke="{GRID}"/>')
        c.parts.append(
            f'<text x="{left - 6}" y="{py(tick) + 4:.1f}" font-size="12" text-anchor="end" fill="{MUTED}">{human(tick)}</text>'
        )
    every = 2 if c.narrow and len(categories) > 6 else 1
    for i, category in enumerate(categories):
        x = left + i * slot + (slot - bar) / 2
        base = 0
        for label, colour, values in stacks:
            if values[i]:
                c.parts.append(
                    f'<rect x="{x:.1f}" y="{py(base + values[i]):.1f}" width="{bar:.1f}" '
                    f'height="{py(base) - py(base + values[i]):.1f}" '
                    f'fill="{colour}" stroke="#fff"><title>{_e(category)}, {_e(label)}: {values[i]}</title></rect>'
                )
            base += values[i]
        if totals[i]:
            c.parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{py(totals[i]) - 4:.1f}" '
                f'font-size="12" text-anchor="middle" fill="{INK}">{totals[i]}</text>'
            )
        if i % every == 0:
            c.parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{plot_bottom + 17}" font-size="12" '
                f'text-anchor="middle" fill="{MUTED}">{_e(category)}</text>'
            )
    c.parts.append(f'<line x1="{left}" y1="{plot_bottom}" x2="{right}" y2="{plot_bottom}" stroke="{MUTED}"/>')
    c.y = plot_bottom + 24
    return c.finish(source)


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
            c.parts.append(f'<text x="{left}" y="{y:.1f}" font-size="13" font-weight="bold" fill="{INK}">{_e(name)}</text>')
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
                f'text-anchor="end" fill="{INK}">{_e(name)}</text>'
            )
        for mark, row in placed:
            x0, x1 = px(mark.start), px(mark.end)
            top = y + 5 + row * 9
            tip = f"<title>{_e(mark.label)}</title>"
            data = "".join(f' data-{key}="{_e(value)}"' for key, value in mark.data)
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
