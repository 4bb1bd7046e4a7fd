"""Charts drawn from the linked data, by name: the one table story chapters (the `chart` helper) and pages pick from.

Each figure is an accessible SVG drawn twice (wide and for phones, one shown at a time) and the data
it draws as a table. Every number comes from the records; disputed values stay ranges.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from .charts import Figure, href
from .dates import PartialDate, day_label
from .draw.bars import BarRow, Line, bars_svg
from .draw.columns import columns_svg
from .draw.series import Series, SeriesPoint, series_svg
from .draw.steps import Marker, Step, StepLine, steps_svg
from .draw.strip import Mark, strip_svg
from .draw.svg import NARROW, PALETTE, WIDE, human
from .gap import Gap, Stretch, gap
from .link import Linked
from .metrics import METRICS
from .model import Chip, Measure, Metric, Sector
from .vocab import ACTOR_OF_JURISDICTION, ACTORS, VERDICTS

# Who acted, as colours every chart and the timeline share (each at least 3:1 against white).
ACTOR_COLOURS = {"us": "#3b5bdb", "allies": "#2b8a3e", "china": "#c92a2a", "companies": "#862e9c"}
# Verdict colours: white text on each passes 4.5:1 (the claim badges use them too).
VERDICT_COLOURS = {"supported": "#2b7a3b", "partly-supported": "#1864ab", "disputed": "#9c36b5", "unsupported": "#c92a2a"}
VENDOR_COLOURS = ["#3b5bdb", "#c92a2a", "#e8590c", "#2b8a3e", "#862e9c"]


def _both(draw: Callable[..., str], chart_id: str, *args: Any, **kwargs: Any) -> tuple[str, str]:
    return draw(chart_id, *args, width=WIDE, **kwargs), draw(f"{chart_id}-phone", *args, width=NARROW, **kwargs)


def _fraction(day: date) -> float:
    return day.year + (day.timetuple().tm_yday - 1) / 366


def _span(when: PartialDate) -> tuple[float, float]:
    """A period as year fractions: a day is a point; a month, quarter or year spans its length."""
    start = _fraction(when.start)
    return (start, start) if when.precision == "day" else (start, _fraction(when.end) + 1 / 366)


def _publishers(linked: Linked, source_ids: list[str], limit: int = 3) -> str:
    names = list(dict.fromkeys(linked.sources[s].publisher for s in source_ids if s in linked.sources))
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


# -- the figures ------------------------------------------------------------------------------------------


def measures_by_year(linked: Linked) -> Figure:
    """How many measures each actor took each year: the shape of the story."""
    measures = list(linked.dataset.measures.values())
    years = list(range(min(m.first_date.year for m in measures), max(m.first_date.year for m in measures) + 1))
    actors = [a for a in ACTORS.labels if any(_actor(m) == a for m in measures)]
    counts = {a: [sum(1 for m in measures if _actor(m) == a and m.first_date.year == y) for y in years] for a in actors}
    stacks = [(ACTORS.label(a), ACTOR_COLOURS[a], counts[a]) for a in actors]
    title = "Measures recorded each year, by who took them"
    described = "; ".join(f"{y}: " + ", ".join(f"{ACTORS.label(a)} {counts[a][i]}" for a in actors) for i, y in enumerate(years))
    description = f"Stacked columns, one per year from {years[0]} to {years[-1]}. {described}."
    source = (
        f"Source: this site's data set, {len(measures)} measures, each "
        f"sourced on its own page. A measure counts in the year of its first date."
    )
    wide, narrow = _both(
        columns_svg,
        "fig-measures-by-year",
        title,
        description,
        [str(y) for y in years],
        stacks,
        y_label="Measures",
        source=source,
    )
    rows = tuple(
        (str(y), *(str(counts[a][i]) for a in actors), str(sum(counts[a][i] for a in actors))) for i, y in enumerate(years)
    )
    return Figure("fig-measures-by-year", wide, narrow, ("Year", *(ACTORS.label(a) for a in actors), "Total"), rows)


def _actor(measure: Measure) -> str:
    return ACTOR_OF_JURISDICTION[measure.jurisdiction]


def timeline_strip(
    linked: Linked, collections: list[str] | None = None, page: str | None = None, chart_id: str | None = None
) -> Figure:
    """Dated events on one axis, a lane per actor; a date known only to the month, quarter or year spans it.

    Key events (a record's `milestone`) are labelled; on `page`, every mark opens its event's page. A story's strip
    is named `timeline-strip…`; the timeline page names its own (`chart_id`), so the two never share an address."""
    events = [e for e in linked.timeline if not e.ended and (collections is None or e.collection in collections)]
    first = min(e.when.start.year for e in events)
    last = max(e.when.end for e in events)
    lanes = []
    for actor, label in ACTORS.labels.items():
        marks = [
            Mark(
                *_span(e.when),
                f"{e.when.label()}: {e.title}",
                (("actor", e.actor), ("kind", e.kind)),
                e.milestone or "",
                href(f"{e.collection}/{e.id}.md", page) if page else "",
            )
            for e in events
            if e.actor == actor
        ]
        if marks:
            lanes.append((label, ACTOR_COLOURS[actor], marks))
    title = "Every measure, by who took it" if collections == ["measures"] else "Every dated event, by who acted"
    counts = ", ".join(f"{name} {len(marks)}" for name, _, marks in lanes)
    description = (
        f"A time axis from {first} to {last.year} with one lane per actor ({counts}). Each mark is an event; hover for its name."
    )
    shown = "measures" if collections == ["measures"] else "measures, chip launches and orders"
    source = f"Source: this site's timeline of {shown}, each sourced on its own page."
    chart_id = chart_id or "fig-timeline-strip" + ("-" + "-".join(collections) if collections else "")
    wide, narrow = _both(strip_svg, chart_id, title, description, lanes, float(first), _fraction(last) + 0.05, source=source)
    rows = tuple((e.when.label(), ACTORS.label(e.actor), e.title) for e in events)
    key = [f"{e.when.label()}: {e.milestone}" for e in events if e.milestone]
    notes = (f"Labelled as key events: {'; '.join(key)}.",) if key else ()
    return Figure(chart_id, wide, narrow, ("Date", "Actor", "Event"), rows, notes)


def tpp(linked: Linked, chip_ids: list[str], rule_id: str) -> Figure:
    """Chips' computed TPP against the TPP lines of one rule; disputed TPP as a range."""
    rule = next(r for r in linked.rules if r.id == rule_id)
    vendors = list(dict.fromkeys(_chip(linked, c).vendor for c in chip_ids))
    colours = {v: VENDOR_COLOURS[i % len(VENDOR_COLOURS)] for i, v in enumerate(vendors)}
    rows = []
    for chip_id in chip_ids:
        value = linked.metrics[chip_id].get("tpp")
        chip = _chip(linked, chip_id)
        rows.append(BarRow(chip.name, value.low if value else None, value.high if value else None, colours[chip.vendor]))
    lines = _tpp_lines(rule)
    title = f"Computed TPP against the lines of {rule.name}"
    described = "; ".join(f"{r.label}: {_range(r)}" for r in rows)
    lined = "; ".join(f"{ln.label} at {human(ln.value)}" for ln in lines)
    description = (
        f"Horizontal bars of total processing performance (TPP) per chip, with the rule's TPP lines ({lined}). {described}."
    )
    source = (
        "Source: computed by this site from each chip's sourced, dense "
        "specifications (see each chip's page); hatched: sources disagree."
    )
    legend = [(linked.title("companies", v), colours[v], "box") for v in vendors] + [
        ("range: sources disagree", "#868e96", "hatch")
    ]
    fmt = METRICS["tpp"].format
    wide, narrow = _both(
        bars_svg, f"fig-tpp-{rule_id}", title, description, rows, source=source, legend=legend, lines=tuple(lines), fmt=fmt
    )
    table = tuple((r.label, _range(r, fmt)) for r in rows) + tuple((f"Line: {ln.label}", fmt(ln.value)) for ln in lines)
    return Figure(f"fig-tpp-{rule_id}", wide, narrow, ("Chip", "TPP"), table)


def _tpp_lines(rule: Any) -> list[Line]:
    """Each TPP the rule's tests start at, named by the paragraphs that use it and whether density matters too."""
    starts: dict[float, list[tuple[str, bool]]] = {}
    for paragraph in rule.paragraphs:
        for test in paragraph.any_of:
            bound = test.bounds.get("tpp")
            if bound is not None and bound.min is not None:
                starts.setdefault(bound.min, []).append((paragraph.label, set(test.bounds) == {"tpp"}))
    lines = []
    for value, uses in sorted(starts.items()):
        labels = "/".join(dict.fromkeys(label for label, _ in uses))
        alone = any(only for _, only in uses)
        lines.append(Line(value, f"{labels} ({'any density' if alone else 'if dense enough'})"))
    return lines


def _range(row: BarRow, fmt: Callable[[float], str] = human) -> str:
    if row.low is None or row.high is None:
        return "not known"
    return fmt(row.low) if row.low == row.high else f"{fmt(row.low)}–{fmt(row.high)}"


def _chip(linked: Linked, chip_id: str) -> Chip:
    return linked.dataset.chips[chip_id]


def orders(linked: Linked, customer_ids: list[str]) -> Figure:
    """Orders side by side: how many chips were ordered, and how many were delivered by when."""
    rows, table, sources = [], [], []
    for customer_id in customer_ids:
        order = linked.dataset.customers[customer_id]
        group = linked.title("customers", customer_id)
        for label, values, colour in (("Ordered", order.quantity, PALETTE[0]), ("Delivered", order.delivered, PALETTE[1])):
            for v in values or []:
                when = f" (by {v.as_of.label()})" if v.as_of else ""
                rows.append(BarRow(f"{label}{when}", v.value, v.value, colour, group, v.qualifier or ""))
                table.append((group, label + when, " ".join(filter(None, [v.qualifier, human(v.value)])), v.note or ""))
                sources.append(v.source)
    title = "Ordered and delivered: the best-documented Ascend orders"
    description = "Horizontal bars per order. " + "; ".join(f"{g}: {what} {value}" for g, what, value, _ in table) + "."
    source = (
        f"Sources: {_publishers(linked, sources)}, as footnoted in "
        f"the text. Reported figures; see each order's page for the exact wording."
    )
    legend = [("Ordered", PALETTE[0], "box"), ("Delivered", PALETTE[1], "box")]
    wide, narrow = _both(bars_svg, "fig-orders", title, description, rows, source=source, legend=legend)
    return Figure("fig-orders", wide, narrow, ("Order", "What", "Chips", "As the source puts it"), tuple(table))


def series(
    linked: Linked,
    sector_id: str,
    metric_ids: list[str],
    title: str,
    labels: list[str] | None = None,
    chart_id: str | None = None,
) -> Figure:
    """Series of one sector on one chart (e.g. BYD against Tesla), so that a crossover shows. A story's series is
    named `series-…`; a sector page names its own (`chart_id`), so the two never share an address under /charts/."""
    sector = linked.dataset.sectors[sector_id]
    metrics = [_metric(sector, m) for m in metric_ids]
    names = labels or [m.name for m in metrics]
    drawn = [
        Series(name, VENDOR_COLOURS[i % len(VENDOR_COLOURS)], _points(m))
        for i, (name, m) in enumerate(zip(names, metrics, strict=True))
    ]
    units = list(dict.fromkeys(m.unit for m in metrics))
    unit = units[0] if len(units) == 1 else ", ".join(units)
    described = "; ".join(f"{s.label}: " + ", ".join(f"{p.label} {_point_value(p)}" for p in s.points) for s in drawn)
    description = (
        f"Line chart in {unit}. {described}. Lines join consecutive "
        f"periods only; a period on which sources disagree is drawn as a range, joined at both ends."
    )
    sources = [p.source for m in metrics for p in m.points]
    source = f"Sources: {_publishers(linked, sources)}; every figure is footnoted on the {sector.name} page."
    chart_id = chart_id or f"fig-series-{sector_id}-{'-'.join(metric_ids)}"[:80]
    wide, narrow = _both(series_svg, chart_id, title, description, drawn, y_label=unit.capitalize(), source=source)
    table = tuple((s.label, p.label, _point_value(p)) for s in drawn for p in s.points)
    return Figure(chart_id, wide, narrow, ("Series", "Period", unit.capitalize()), table)


def _metric(sector: Sector, metric_id: str) -> Metric:
    found = next((m for m in sector.metrics if m.id == metric_id), None)
    if found is None:
        raise KeyError(f"{sector.id}/{metric_id}")
    return found


def _points(metric: Metric) -> tuple[SeriesPoint, ...]:
    """One point per period; several sources for one period make a range. Only consecutive periods join."""
    periods: dict[str, list[float]] = {}
    whens: dict[str, PartialDate] = {}
    for p in metric.points:
        periods.setdefault(p.period.text, []).append(p.value)
        whens[p.period.text] = p.period
    ordered = sorted(whens.values(), key=lambda w: (w.start, w.end))
    out: list[SeriesPoint] = []
    for index, when in enumerate(ordered):
        values = periods[when.text]
        start, end = _span(when)
        previous = ordered[index - 1] if index else None
        consecutive = previous is not None and previous.precision == when.precision and (when.start - previous.end).days == 1
        out.append(SeriesPoint(start, end, min(values), max(values), when.label(), consecutive))
    return tuple(out)


def _point_value(p: SeriesPoint) -> str:
    return human(p.low) if p.low == p.high else f"{human(p.low)}–{human(p.high)} (sources differ)"


def shares(linked: Linked, sector_id: str, metric_ids: list[str], labels: list[str], title: str) -> Figure:
    """Bars for shares by stage (one metric each, in percent), the latest period of each."""
    sector = linked.dataset.sectors[sector_id]
    rows, table, sources = [], [], []
    for metric_id, label in zip(metric_ids, labels, strict=True):
        metric = _metric(sector, metric_id)
        latest = max(metric.points, key=lambda p: (p.period.end, p.period.start))
        same = [p for p in metric.points if p.period.text == latest.period.text]
        low, high = min(p.value for p in same), max(p.value for p in same)
        rows.append(BarRow(label, low, high, PALETTE[0]))
        table.append((label, latest.period.label(), f"{human(low)}%" if low == high else f"{human(low)}–{human(high)}%"))
        sources += [p.source for p in same]
    description = "Horizontal bars, in percent. " + "; ".join(f"{a} ({b}): {c}" for a, b, c in table) + "."
    source = f"Sources: {_publishers(linked, sources)}; every figure is footnoted on the {sector.name} page."
    chart_id = f"fig-shares-{sector_id}"
    wide, narrow = _both(
        bars_svg,
        chart_id,
        title,
        description,
        rows,
        source=source,
        lines=(Line(100, "the whole world"),),
        scale_to=100,
        fmt=lambda v: f"{human(v)}%",
    )
    return Figure(chart_id, wide, narrow, ("Stage", "Period", "China's share"), tuple(table))


def verdicts(linked: Linked) -> Figure:
    """How many of the assessed claims got each verdict."""
    claims = list(linked.dataset.claims.values())
    rows = [
        BarRow(VERDICTS.label(v), n, n, VERDICT_COLOURS[v])
        for v in reversed(list(VERDICTS.labels))
        if (n := sum(1 for c in claims if c.verdict == v))
    ]
    title = f"The site's verdicts on {len(claims)} claims about the controls"
    description = "Horizontal bars: " + "; ".join(f"{r.label} {human(r.low or 0)}" for r in rows) + "."
    source = "Source: this site's assessments; each claim's page gives the evidence on both sides with its sources."
    wide, narrow = _both(bars_svg, "fig-verdicts", title, description, rows, source=source)
    return Figure("fig-verdicts", wide, narrow, ("Verdict", "Claims"), tuple((r.label, human(r.low or 0)) for r in rows))


# The lead chart's lines: colour and dash (dashes tell the two US-vendor lines apart where they coincide).
GAP_STYLES = {
    "frontier": ("#495057", ""),
    "china": ("#c92a2a", ""),
    "free": ("#3b5bdb", ""),
    "licensed": ("#e8590c", "7 5"),
}


def chip_gap(linked: Linked, us_vendors: list[str], china_vendor: str, us_name: str, china_name: str) -> Figure:
    """What China could buy against what it could make and what the world had: the status engine's answer, each
    day since 2020, as the TPP of the best chip on each line (see `gap`)."""
    found = gap(linked, us_vendors, china_vendor)
    labels = {
        "free": f"{us_name}: best sold to China with no licence",
        "licensed": f"{us_name}: best with licences for some buyers",
        "china": f"{china_name}: best chip on sale",
        "frontier": "Best chip on sale anywhere",
    }
    order = ("frontier", "china", "free", "licensed")
    by_key = {line.key: line for line in found.lines}
    fmt = METRICS["tpp"].format
    end = _fraction(linked.today) + 1 / 366
    lines = [
        StepLine(
            labels[key],
            *GAP_STYLES[key],
            tuple(_step(linked, labels[key], s, fmt) for s in by_key[key].stretches),
            _end_label(linked, by_key[key].stretches[-1], fmt),
        )
        for key in order
    ]
    markers = _gap_markers(linked, found)
    title = f"The best chips China could buy from {us_name} or from {china_name}, and the best anywhere"
    description = (
        f"Step chart, 2020 to {day_label(linked.today)}, of total processing performance (TPP, log scale). "
        + " ".join(f"{labels[key]}: {_described(linked, by_key[key].stretches, fmt)}." for key in order)
        + " Changes made by US measures: "
        + "; ".join(m.text for m in markers)
        + "."
    )
    source = (
        "Source: computed by this site from each chip's sourced dense specifications, its sourced on-sale date and the "
        "US measures' controls, as on each chip's page. TPP: the US rules' measure of a chip's capability."
    )
    wide, narrow = _both(
        steps_svg,
        "fig-chip-gap",
        title,
        description,
        lines,
        float(found.days[0].year),
        end,
        markers=markers,
        y_label="TPP, log scale (higher: more capable)",
        source=source,
        fmt=fmt,
    )
    headers = ("From", *(labels[key] for key in ("free", "licensed", "china", "frontier")), "What changed")
    return Figure("fig-chip-gap", wide, narrow, headers, _gap_rows(linked, found, fmt))


def gap_now(linked: Linked, us_vendors: list[str], china_vendor: str, key: str) -> dict[str, str]:
    """One line of the lead chart today: "chips" (short names, or "none"), "value" (in words) and "since" (a day)."""
    line = next((line for line in gap(linked, us_vendors, china_vendor).lines if line.key == key), None)
    if line is None:
        raise KeyError(f"line '{key}' (known: free, licensed, china, frontier)")
    last = line.stretches[-1]
    chips = " / ".join(_short(linked, c) for c in last.chips) or "none"
    return {"chips": chips, "value": _value(linked, last, METRICS["tpp"].format), "since": day_label(last.start)}


def _short(linked: Linked, chip_id: str) -> str:
    """A chip's name without its maker's name or the variant in brackets: "H20", "Ascend 910C", "GB300"."""
    chip = linked.dataset.chips[chip_id]
    maker = linked.title("companies", chip.vendor)
    words = {maker.split()[0], *re.findall(r"\((\w+)\)", maker)}  # "Advanced Micro Devices (AMD)": Advanced, AMD
    name = chip.name.split(" (")[0]
    first, _, rest = name.partition(" ")
    return rest if first in words and rest else name


def _value(linked: Linked, s: Stretch, fmt: Callable[[float], str]) -> str:
    """A stretch in words: "H20, 2,368", "A800, 3,488–4,992", "none", "none, or H20 (2,368) in doubt"."""
    if s.high is None:
        return "none"
    names = " / ".join(_short(linked, c) for c in s.chips)
    if s.low is None:
        return f"none, or {names} ({fmt(s.high)}): in doubt"
    value = fmt(s.high) if s.low == s.high else f"{fmt(s.low)}–{fmt(s.high)}"
    if s.doubtful:
        sure = " / ".join(_short(linked, c) for c in s.sure)
        return f"{sure} ({fmt(s.low)}), or {names} ({fmt(s.high)}): in doubt"
    return f"{names}, {value}"


def _step(linked: Linked, label: str, s: Stretch, fmt: Callable[[float], str]) -> Step:
    names = " / ".join(_short(linked, c) for c in s.chips)
    tip = f"{label}, from {day_label(s.start)}: {_value(linked, s, fmt)}"
    return Step(_fraction(s.start), _fraction(s.end) + 1 / 366, s.low, s.high, s.doubtful, names, tip)


def _end_label(linked: Linked, last: Stretch, fmt: Callable[[float], str]) -> str:
    if last.high is None:
        return ""
    names = " / ".join(_short(linked, c) for c in last.chips)
    value = fmt(last.high) if last.low == last.high else f"{fmt(last.low or 0)}–{fmt(last.high)}"
    return f"{names}\n{value}"


def _described(linked: Linked, stretches: tuple[Stretch, ...], fmt: Callable[[float], str]) -> str:
    return "; ".join(f"from {day_label(s.start)} {_value(linked, s, fmt)}" for s in stretches)


def _gap_markers(linked: Linked, found: Gap) -> list[Marker]:
    """One marker per measure that moved a US vendor's line, at the first day it did."""
    first: dict[str, PartialDate] = {}
    for change in found.changes:
        measure = linked.dataset.measures[change.measure]
        starts = [c.starts or measure.in_force_from for c in measure.controls]
        when = next((w for w in starts if change.day in (w.start, w.end)), measure.in_force_from)
        first.setdefault(change.measure, when)
    ordered = sorted(first.items(), key=lambda item: (item[1].start, item[0]))
    return [
        Marker(_fraction(when.start), number, f"{when.label()}: {linked.title('measures', measure)}")
        for number, (measure, when) in enumerate(ordered, start=1)
    ]


def _gap_rows(linked: Linked, found: Gap, fmt: Callable[[float], str]) -> tuple[tuple[str, ...], ...]:
    """A row for each day some line changed: every line's value from that day, and the measures or launches behind it."""
    by_key = {line.key: line for line in found.lines}
    starts = sorted({s.start for line in found.lines for s in line.stretches})
    rows = []
    for day in starts:
        cells = [
            _value(linked, next(s for s in by_key[k].stretches if s.start <= day <= s.end), fmt)
            for k in ("free", "licensed", "china", "frontier")
        ]
        why = [linked.title("measures", c.measure) for c in found.changes if c.day == day]
        why += [
            f"{_short(linked, chip.id)} on sale ({d.value.label()})"
            for chip in linked.dataset.chips.values()
            for d in chip.on_sale or ()
            if day in (d.value.start, d.value.end)
        ]
        rows.append((day_label(day), *cells, "; ".join(dict.fromkeys(why))))
    return tuple(rows)


FIGURES: dict[str, Callable[..., Figure]] = {
    "chip-gap": chip_gap,
    "measures-by-year": measures_by_year,
    "timeline-strip": timeline_strip,
    "tpp": tpp,
    "orders": orders,
    "series": series,
    "shares": shares,
    "verdicts": verdicts,
}


# Figures whose marks link to records: they are told the page they are drawn on.
LINKING = {"timeline-strip"}


def figure(linked: Linked, name: str, *args: Any, **kwargs: Any) -> Figure:
    """The named figure; KeyError for a name no figure has."""
    if name not in FIGURES:
        raise KeyError(f"chart '{name}' (known: {', '.join(FIGURES)})")
    return FIGURES[name](linked, *args, **kwargs)
