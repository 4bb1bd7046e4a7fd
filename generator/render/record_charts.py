"""Charts drawn from the data on record pages: a chip's status over time, and chips against a rule's thresholds."""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Mapping
from datetime import date, timedelta

from ..charts import Figure
from ..dates import day_label
from ..draw.lanes import SEVERITY, STATUS_COLOURS, Band, lanes_svg
from ..draw.plane import Axis, PlotPoint, Region, plane_svg
from ..engine import Metrics
from ..explain import criterion, side_status
from ..metrics import METRICS
from ..model import Chip, Rule, RuleMetric
from ..status import Period, Side
from ..vocab import EXPORT_STATUSES, IMPORT_STATUSES


def _fraction(day: date) -> float:
    return day.year + (day.timetuple().tm_yday - 0.5) / 366


def status_chart(
    chip: Chip,
    periods: list[Period],
    today: date,
    sides: tuple[Side, ...] = ("export", "import"),
    labels: Mapping[date, str] | None = None,
    table: tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] = ((), ()),
) -> Figure:
    """A lane over time for each side (US export rules, China), one band per period; doubtful periods hatched; the
    days the answer changed marked and labelled on the time axis (`labels` words a day known only to the month).
    `table` (headers, rows) is its data as the page's table gives it.

    A band with several of China's restrictions takes the colour of the harshest; the legend lists each meaning once.
    """
    lanes = []
    for name, side in (("US export rules", "export"), ("China", "import")):
        if side not in sides:
            continue
        bands = []
        for p in periods:
            answer = p.export if side == "export" else p.imports
            end = p.end + timedelta(days=1) if p.end else today
            doubtful = bool(answer.alternatives) or answer.statuses == ("undecidable",)
            label = side_status(side, answer)
            colour = STATUS_COLOURS.get(max(answer.statuses, key=SEVERITY.index), "#adb5bd")
            words = EXPORT_STATUSES if side == "export" else IMPORT_STATUSES
            legend = (
                ((words.label(answer.statuses[0]), colour, True),)
                if doubtful
                else tuple((words.label(s), STATUS_COLOURS.get(s, "#adb5bd"), False) for s in answer.statuses)
            )
            bands.append(Band(_fraction(p.start), _fraction(end), label, colour, doubtful, legend))
        lanes.append((name, bands))
    names = {"export": "US export rules", "import": "China"}
    described = "; ".join(
        f"from {day_label(p.start)}: "
        + ", ".join(f"{names[side]} {side_status(side, p.export if side == 'export' else p.imports).lower()}" for side in sides)
        for p in periods
    )
    title = f"{chip.name}: can it be sold to China?"
    description = f"Status of the {chip.name} over time, {described}."
    first, last = _fraction(periods[0].start), _fraction(today)
    lanes = [(name, [_one_key_per_meaning(band, lanes) for band in bands]) for name, bands in lanes]
    changes = tuple((_fraction(p.start), _short_day(p.start, labels or {})) for p in periods)
    wide = lanes_svg(f"chart-sale-{chip.id}", title, description, lanes, first, last, changes=changes)
    narrow = lanes_svg(
        f"chart-sale-{chip.id}-phone", title, description, lanes, first, last, width=360, narrow=True, changes=changes
    )
    headers, rows = table
    source = (
        f"Source: computed by this site from the sourced measures that cover the {chip.name}, listed on its page. "
        "Hatched: the answer depends on facts that sources dispute."
    )
    return Figure(f"chart-sale-{chip.id}", wide, narrow, headers, rows, table=False, source=source)


def _one_key_per_meaning(band: Band, lanes: list[tuple[str, list[Band]]]) -> Band:
    """Legend rows that share a colour (the two sides' words for one meaning) become one row naming both."""
    by_colour: dict[tuple[str, bool], list[str]] = {}
    for _, bands in lanes:
        for other in bands:
            for label, colour, hatched in other.legend:
                names = by_colour.setdefault((colour, hatched), [])
                if label not in names:
                    names.append(label)
    legend = tuple((" / ".join(by_colour[(c, h)]), c, h) for _, c, h in band.legend)
    return Band(band.start, band.end, band.label, band.colour, band.doubtful, legend)


def _short_day(day: date, labels: Mapping[date, str]) -> str:
    """ "9 Apr 2025"; "Aug 2025" or "Q1 2025" for a day that stands for a month or a quarter."""
    label = labels.get(day)
    if label is None:
        return f"{day.day} {day:%b %Y}"
    span = re.fullmatch(r"between (\d+) and (\d+) (\w+) (\d{4})", label)
    if span:
        return f"{span[1]}–{span[2]} {span[3][:3]} {span[4]}"
    first, _, rest = label.partition(" ")
    return f"{first[:3]} {rest}" if first in calendar.month_name[1:] else label


def rule_axes(rule: Rule) -> tuple[RuleMetric, RuleMetric]:
    """The two metrics the rule's tests use, in registry order (TPP first): the axes its chart needs."""
    used = {m for p in rule.paragraphs for c in p.any_of for m in c.bounds}
    ordered = [m for m in METRICS if m in used] + [m for m in METRICS if m not in used]
    return ordered[0], ordered[1]


def _lines(regions: list[Region], axis: str) -> list[float]:
    """The thresholds the shaded regions draw on one axis."""
    bounds = [(r.x0, r.x1) if axis == "x" else (r.y0, r.y1) for r in regions]
    return [v for pair in bounds for v in pair if v is not None]


def _decades_around(values: list[float], lines: list[float], widest: tuple[float, float]) -> tuple[float, float]:
    """Whole decades that hold every chip and every threshold line, within the metric's widest range: the chips
    spread across the chart instead of bunching in one corner."""
    shown = [v for v in values + lines if v > 0]
    if not shown:
        return widest
    low = max(widest[0], 10.0 ** math.floor(math.log10(min(shown))))
    high = min(widest[1], 10.0 ** math.ceil(math.log10(max(shown))))
    return (low, high) if high > low else widest


def rule_chart(rule: Rule, chips: list[tuple[str, Metrics]]) -> tuple[Figure, list[str]]:
    """Chips on the plane of the two metrics the rule tests, with its tests shaded, and the chips it cannot place for
    want of a figure; the caption names what it cannot show."""
    x_metric, y_metric = rule_axes(rule)
    regions = []
    for index, paragraph in enumerate(rule.paragraphs):
        for test in paragraph.any_of:
            x, y = test.bounds.get(x_metric), test.bounds.get(y_metric)
            regions.append(
                Region(
                    f"{paragraph.label}: {criterion(test)}",
                    x.min if x else None,
                    x.below if x else None,
                    y.min if y else None,
                    y.below if y else None,
                    index,
                )
            )
    points, unplotted = [], []
    for name, metrics in chips:
        xv, yv = metrics.get(x_metric), metrics.get(y_metric)
        if xv and yv:
            points.append(PlotPoint(name, (xv.low, xv.high), (yv.low, yv.high)))
        else:
            unplotted.append(name)
    shaded = "; ".join(r.label for r in regions)
    title = f"Chips against {rule.name}"
    x_spec, y_spec = METRICS[x_metric], METRICS[y_metric]
    described = "; ".join(
        f"{p.label} at {x_spec.label} {_span(x_metric, p.x)}, {y_spec.label} {_span(y_metric, p.y)}" for p in points
    )
    description = (
        f"Log-log chart of {x_spec.label} (horizontal) against {y_spec.label} (vertical), the two measures this rule tests. "
        f"Shaded regions: {shaded}. Points: {described}."
    )
    xs, ys = [v for p in points for v in p.x], [v for p in points for v in p.y]
    axes = (
        Axis(f"{x_spec.heading} (log scale)", *_decades_around(xs, _lines(regions, "x"), x_spec.plot)),
        Axis(f"{y_spec.heading} (log scale)", *_decades_around(ys, _lines(regions, "y"), y_spec.plot)),
    )
    legend = [(p.label, index) for index, p in enumerate(rule.paragraphs)]
    svg = plane_svg(f"chart-rule-{rule.id}", title, description, regions, points, *axes, legend)
    hidden = sorted(
        {METRICS[m].label for p in rule.paragraphs for c in p.any_of for m in c.bounds} - {x_spec.label, y_spec.label}
    )
    unseen = (
        f" The chart cannot show {', '.join(hidden)}: a point in a shaded area is caught only if that test holds too."
        if hidden
        else ""
    )
    caption = f"Shaded: {shaded}. Bars and boxes span figures on which sources disagree.{unseen}"
    rows = tuple((p.label, _span(x_metric, p.x), _span(y_metric, p.y)) for p in points)
    headers = ("Chip", x_spec.heading, y_spec.heading)
    source = "Source: computed by this site from each chip's sourced, dense specifications and the rule's text."
    figure = Figure(f"chart-rule-{rule.id}", svg, "", headers, rows, caption=caption, source=source)
    return figure, unplotted


def _span(metric: RuleMetric, values: tuple[float, float]) -> str:
    low, high = (METRICS[metric].format(v) for v in values)
    return low if low == high else f"{low}–{high}"
