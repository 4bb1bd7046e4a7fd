"""Status lanes: one lane per side over time, a coloured band per period; doubtful periods hatched."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from .svg import CHAR, esc, hatch

RIGHT, TOP = 20, 20


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
    width: int = 720,
    narrow: bool = False,
    changes: tuple[tuple[float, str], ...] = (),
) -> str:
    """Horizontal lanes of coloured bands over time (a step chart of statuses); doubtful bands are hatched.

    `narrow` draws for a phone: lane names above their lanes, so the bands keep the whole width. `changes` are the
    days the answer changed, labelled on the time axis where their labels fit (the years fill the axis otherwise).
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
        f'<title id="{chart_id}-title">{esc(title)}</title>',
        f'<desc id="{chart_id}-desc">{esc(description)}</desc>',
        hatch(chart_id),
    ]
    for index, (name, bands) in enumerate(lanes):
        top = TOP + index * lane_step + label_row
        if narrow:
            out.append(f'<text x="{left}" y="{top - 6}" font-size="14" font-weight="bold">{esc(name)}</text>')
        else:
            out.append(
                f'<text x="{left - 8}" y="{top + LANE_HEIGHT / 2 + 5:.1f}" text-anchor="end" font-size="13">{esc(name)}</text>'
            )
        for band in bands:
            x0, x1 = px(band.start), px(band.end)
            fill = f"url(#{chart_id}-hatch)" if band.doubtful else band.colour
            out.append(
                f'<rect x="{x0:.1f}" y="{top}" width="{max(x1 - x0, 1):.1f}" height="{LANE_HEIGHT}" fill="{fill}" '
                f'stroke="#fff"><title>{esc(band.label)}</title></rect>'
            )
            if not narrow and x1 - x0 > 7 * len(band.label) + 8:
                colour = "#212529" if band.doubtful or band.colour in LIGHT else "#fff"
                y = top + LANE_HEIGHT / 2 + 5
                out.append(f'<text x="{x0 + 6:.1f}" y="{y:.1f}" font-size="12" fill="{colour}">{esc(band.label)}</text>')
    axis = TOP + len(lanes) * lane_step
    out.append(f'<line x1="{left}" y1="{axis}" x2="{right}" y2="{axis}" stroke="#333"/>')
    if changes:
        out += _change_days(changes, px, TOP, axis, font=12 if narrow else 13)
    else:
        out += _years(start, end, px, axis, narrow)
    rows = 2 if changes else 1  # change-day labels may take a second row
    keys = list(dict.fromkeys(key for _, bands in lanes for band in bands for key in band.legend))
    for index, (label, colour, doubtful) in enumerate(keys):
        top = axis + 14 + 20 * rows + 22 * index
        fill = f"url(#{chart_id}-hatch)" if doubtful else colour
        out.append(f'<rect x="{left}" y="{top}" width="16" height="16" fill="{fill}" stroke="#868e96"/>')
        out.append(f'<text x="{left + 24}" y="{top + 13}" font-size="14">{esc(label)}</text>')
    out[0] = out[0].replace("HEIGHT", str(axis + 14 + 20 * rows + 22 * len(keys) + 6))
    out.append("</svg>")
    return "\n".join(out)


def _years(start: float, end: float, px: Callable[[float], float], axis: float, narrow: bool) -> list[str]:
    out = []
    years = range(math.ceil(start), math.floor(end) + 1)
    every = max(1, math.ceil(len(years) / 4)) if narrow else 1  # no more than four year labels on a phone
    for year in years:
        out.append(f'<line x1="{px(year):.1f}" y1="{axis}" x2="{px(year):.1f}" y2="{axis + 5}" stroke="#333"/>')
        if (year - years[0]) % every == 0:
            out.append(f'<text x="{px(year):.1f}" y="{axis + 20}" text-anchor="middle" font-size="13">{year}</text>')
    return out


def _change_days(
    changes: tuple[tuple[float, str], ...], px: Callable[[float], float], top: float, axis: float, font: int
) -> list[str]:
    """A tick and a dotted line through the lanes at each day the answer changed, its label on the first of two rows
    where it fits, else the second; a label that fits on neither is left to the table under the chart."""
    out = []
    ends = [-math.inf, -math.inf]  # the right edge of the last label on each row
    for at, label in changes:
        x = px(at)
        width = len(label) * font * CHAR
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{axis + 5}" stroke="#495057" stroke-dasharray="2 3"/>')
        left = max(x - width / 2, 0)
        row = next((r for r in (0, 1) if left >= ends[r] + 6), None)
        if row is None:
            continue
        ends[row] = left + width
        out.append(f'<text x="{left:.1f}" y="{axis + 19 + 18 * row}" font-size="{font}" fill="#212529">{esc(label)}</text>')
    return out


# Status colours, one per meaning: the two sides' words for "free", "some buyers" and "blocked" share a colour and a
# legend entry; every other state has its own. Light fills take dark text, dark fills white (both at least 4.5:1).
STATUS_COLOURS = {
    "not-controlled": "#d3f9d8",
    "no-restriction": "#d3f9d8",
    "licences-granted": "#74c0fc",
    "imports-approved": "#74c0fc",
    "case-by-case": "#ffe066",
    "licence-required": "#e8590c",
    "purchases-discouraged": "#f783ac",
    "orders-halted": "#a61e4d",
    "domestic-only": "#862e9c",
    "imports-blocked": "#c92a2a",
    "prohibited": "#c92a2a",
}
LIGHT = {"#d3f9d8", "#74c0fc", "#ffe066", "#f783ac", "#e8590c"}
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
