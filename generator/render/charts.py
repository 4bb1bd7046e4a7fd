"""Charts drawn from the data: a sector's series over time, and chips against a rule's thresholds."""

from __future__ import annotations

from datetime import date, timedelta

from markupsafe import Markup

from ..chart import SEVERITY, STATUS_COLOURS, Band, PlotPoint, Region, lanes_svg, line_svg, plane_svg
from ..dates import PartialDate, day_label
from ..explain import criterion, side_status
from ..metrics import METRICS, PLANE
from ..model import Chip, Metric, Rule, Sector
from ..numbers import number
from ..status import Period


def series_chart(sector: Sector, metric: Metric) -> Markup | None:
    """A line chart when the series spans more than one period; the table beside it holds the same data."""
    if len({p.period.text for p in metric.points}) < 2:
        return None
    points = [(_year_fraction(p.period), p.value) for p in metric.points]
    ordered = sorted(metric.points, key=lambda p: (p.period.start, p.period.end))
    values = "; ".join(f"{p.period.label()}: {number(p.value)} {metric.unit}" for p in ordered)
    description = (
        f"Line chart of {metric.name} ({metric.basis}), {ordered[0].period.label()} to {ordered[-1].period.label()}. {values}."
    )
    svg = line_svg(f"chart-{sector.id}-{metric.id}", metric.name, description, points, metric.unit)
    return Markup(svg)


def _year_fraction(period: PartialDate) -> float:
    middle = period.start + (period.end - period.start) / 2
    return _fraction(middle)


def _fraction(day: date) -> float:
    return day.year + (day.timetuple().tm_yday - 0.5) / 366


def status_chart(chip: Chip, periods: list[Period], today: date) -> Markup:
    """Two lanes over time, US export rules and China's side, one band per period; doubtful periods hatched."""
    lanes = []
    for name, side in (("US export rules", "export"), ("China", "import")):
        bands = []
        for p in periods:
            answer = p.export if side == "export" else p.imports
            end = p.end + timedelta(days=1) if p.end else today
            doubtful = bool(answer.alternatives) or answer.statuses == ("undecidable",)
            label = side_status(side, answer)  # type: ignore[arg-type]
            colour = STATUS_COLOURS.get(max(answer.statuses, key=SEVERITY.index), "#adb5bd")
            bands.append(Band(_fraction(p.start), _fraction(end), label, colour, doubtful))
        lanes.append((name, bands))
    described = "; ".join(
        f"from {day_label(p.start)}: US export rules {side_status('export', p.export).lower()}, "
        f"China {side_status('import', p.imports).lower()}"
        for p in periods
    )
    title = f"{chip.name}: can it be sold to China?"
    description = f"Status of the {chip.name} under US export rules and on China's side over time, {described}."
    start = _fraction(periods[0].start)
    return Markup(lanes_svg(f"chart-sale-{chip.id}", title, description, lanes, start, _fraction(today)))


def rule_chart(rule: Rule, points: list[PlotPoint]) -> dict[str, str]:
    """Chips on the plane of the two plotted metrics, with the rule's tests shaded; the caption names what it cannot show."""
    x_metric, y_metric = PLANE
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
    shaded = "; ".join(r.label for r in regions)
    title = f"Chips against {rule.name}"
    x_label, y_label = METRICS[x_metric].label, METRICS[y_metric].label
    description = (
        f"Log-log chart of {x_label} (horizontal) against {y_label} (vertical). Shaded regions: {shaded}. "
        f"Points: " + "; ".join(f"{p.label} at {x_label} {p.x:,.0f}, density {p.y:.2f}" for p in points) + "."
    )
    axes = (f"{METRICS[x_metric].heading} (log scale)", f"{METRICS[y_metric].heading} (log scale)")
    svg = plane_svg(f"chart-{rule.id}", title, description, regions, points, *axes)
    hidden = sorted({METRICS[m].label for p in rule.paragraphs for c in p.any_of for m in c.bounds} - {x_label, y_label})
    unseen = (
        f" The chart cannot show {', '.join(hidden)}: a point in a shaded area is caught only if that test holds too."
        if hidden
        else ""
    )
    caption = f"Shaded: {shaded}.{unseen} The table above holds the same data, with links to each chip."
    return {"title": title, "svg": svg, "caption": caption}
