"""Record pages: one per record, from the registry's facts and the collection's own template."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from markupsafe import Markup

from .. import charts, escape, md, story_charts
from ..cite import Citations, citation_box, page_citation, relative
from ..dates import day_label
from ..explain import (
    NOT_COVERED,
    check_rows,
    criterion,
    made_in_china,
    metric_summary,
    sale_sentence,
    side_status,
    status_label,
    verdict,
)
from ..metrics import METRICS
from ..model import Chip, Claim, Evidence, Factual, Measure, Record, Rule, Sector, Source
from ..numbers import number
from ..output import Raster
from ..registry import BY_NAME, COLLECTIONS, Collection
from ..status import SIDES, Answer, Doubt, Period, Side, applies, readable
from ..vocab import CONFIDENCE, EXPORT_STATUSES, IMPORT_STATUSES, SECTOR_BASES, STATUS_HEADINGS, VERDICTS
from .context import Context
from .fields import show
from .record_charts import status_chart

Extras = Callable[[Any, Context, Citations, str], dict[str, Any]]


def pages(ctx: Context) -> dict[str, str | Raster]:
    """Every record's page, and the files of the charts it draws."""
    memo = ctx.memo
    if memo is not None:
        memo.begin(ctx)
    files: dict[str, str | Raster] = {}
    for collection in COLLECTIONS:
        for record_id in ctx.linked.records[collection.name]:
            path, render = f"{collection.name}/{record_id}.md", _renderer(collection, record_id)
            files.update(memo.page(path, ctx, render) if memo else render(ctx))
    return files


def _renderer(collection: Collection, record_id: str) -> Callable[[Context], dict[str, str | Raster]]:
    """The record's page from a context, looking the record up there, so that a memo notes the lookup."""
    return lambda ctx: record_page(ctx, collection, ctx.linked.records[collection.name][record_id])


def record_page(ctx: Context, collection: Collection, record: Record) -> dict[str, str | Raster]:
    """The record's page, and the files of each chart on it."""
    path = f"{collection.name}/{record.id}.md"
    cite = Citations(path, ctx.linked)
    record_sources = cite.cite_all(getattr(record, "sources", []))  # first, so they number 1, 2, …
    facts = [(f.label, value) for f in collection.facts if (value := show(f, record, collection, ctx, path, cite)) is not None]
    extras = EXTRAS.get(collection.name)
    context = extras(record, ctx, cite, path) if extras else {}
    summary = getattr(record, collection.summary_field) if collection.summary_field else ""
    title = ctx.linked.title(collection.name, record.id)
    factual = record if isinstance(record, Factual) else None
    rests_on = _reach_sources(ctx, collection.name, record)  # how far its facts run: the page line and the citation
    values: dict[str, Any] = {
        "record": record,
        "title": title,
        "description": md.description(summary),
        "summary": escape.markdown(summary),
        "search_boost": collection.search_boost,
        "facts": facts,
        "record_sources": record_sources,
        "confidence": CONFIDENCE.label(factual.confidence) if factual else None,
        "verified": factual.verified.label() if factual else None,
        "reach": newest.label() if (newest := ctx.linked.newest_resting_on(rests_on)) else None,
        "notes": escape.markdown(factual.notes) if factual and factual.notes else None,
        "backlinks": _backlinks(ctx, collection.name, record.id, path),
        "citation": _citation(ctx, collection.name, record, title, rests_on),
        "jsonld": None,
    }
    values.update(context)
    values["footnotes"] = cite.footnotes()  # last: every other part of the page has cited its sources by now
    files: dict[str, str | Raster] = {path: ctx.page(path, collection.template, **values)}
    for figure in values.get("figures", ()):
        files |= charts.files(figure, path, ctx.settings.site_url)
    return files


def _reach_sources(ctx: Context, collection: str, record: Record) -> set[str]:
    """The sources a record page rests on: those it cites, and for a chip those of the measures its status rests on."""
    sources = {*ctx.linked.citations.get((collection, record.id), ()), *getattr(record, "sources", [])}
    if isinstance(record, Chip):
        periods = ctx.linked.histories[record.id]
        measures = {m for p in periods for m in (*p.export.measures, *p.imports.measures)}
        sources |= {s for m in measures for s in ctx.linked.dataset.measures[m].sources}
    return sources


def _citation(ctx: Context, collection: str, record: Record, title: str, rests_on: set[str]) -> Markup:
    """ "Cite this page": the page's reference, the sources the record rests on, and the record as data."""
    path = f"{collection}/{record.id}.md"
    citation = page_citation(ctx.linked, ctx.settings, path, title, rests_on, getattr(record, "sources", ()))
    data = Markup(f"Data: [this record as JSON]({relative(f'data/{collection}/{record.id}.json', path)}).")
    return citation_box(citation, data)


def _backlinks(ctx: Context, collection: str, record_id: str, page: str) -> list[tuple[str, Markup]]:
    groups: dict[str, list[str]] = {}
    for back in ctx.linked.backlinks.get((collection, record_id), []):
        groups.setdefault(back.collection, []).append(back.id)
    return [(BY_NAME[c].title, md.links(ctx.linked, c, ids, page)) for c, ids in groups.items()]


# -- what some collections show besides their facts --------------------------------------------


def _chip(chip: Chip, ctx: Context, cite: Citations, page: str) -> dict[str, Any]:
    throughput = [
        (
            escape.text(t.precision.upper()),
            escape.text(f"{number(t.value)} {t.unit}") + cite.cite(t.source),
            escape.markdown(t.note or ""),
        )
        for t in chip.throughput
    ]
    metrics = ctx.linked.metrics[chip.id]
    summary = metric_summary(metrics)
    computed = []
    for key, spec in METRICS.items():
        interval = metrics.get(key)
        inputs = cite.cite_all(list(interval.sources)) if interval else escape.text("missing")
        computed.append((spec.heading, escape.text(summary[key]), inputs))
    status = []
    for rule in ctx.linked.rules:
        result = ctx.linked.classifications[(chip.id, rule.id)]
        status.append(
            {
                "rule_name": md.link(ctx.linked, "rules", rule.id, page),
                "heading": escape.text(STATUS_HEADINGS.label(result.status).format(rule=_rule_month(rule, ctx))),
                "verdict": escape.text(verdict(result, rule.name)),
                "rows": check_rows(result),
            }
        )
    sale = _sale(chip, ctx, page)
    return {
        "sale": sale,
        "figures": sale.pop("figures"),
        "throughput": throughput,
        "rule_status": status,
        "computed": computed,
        "tpp_precisions": ", ".join(p.upper() for p in metrics.tpp_precisions),
    }


def _rule_month(rule: Rule, ctx: Context) -> str:
    """The month a threshold rule was announced, which names it for readers: "October 2023"."""
    when = ctx.linked.dataset.measures[rule.measure].first_date
    return f"{when.start:%B %Y}"


SIDE_NAMES: dict[Side, str] = {"export": "US export rules", "import": "China"}


def _sale(chip: Chip, ctx: Context, page: str) -> dict[str, Any]:
    """Can the chip be sold to China: today's answer, every period since its launch, and what changed.

    A chip made by a Chinese company is sold in China without US export rules deciding it: its page shows
    China's side only (its standing under the US thresholds follows further down).
    """
    domestic = ctx.linked.made_in_china(chip)
    vendor = ctx.linked.title("companies", chip.vendor)
    sides: tuple[Side, ...] = ("import",) if domestic else SIDES
    periods = readable(ctx.linked.histories[chip.id], sides)
    starts = _start_labels(chip, ctx)
    # The table under the chart, which is also the chart's data: when each period starts, and each side's answer.
    table = [(starts.get(p.start, day_label(p.start)), *(side_status(side, _answer(p, side)) for side in sides)) for p in periods]
    rows = [{"start": escape.text(start), "cells": [escape.text(cell) for cell in cells]} for start, *cells in table]
    changes = []
    for window in ctx.linked.controls:
        covered = applies(window, chip.id, ctx.linked.classifications)
        if covered is Doubt.NO or window.side not in sides or (window.ends and window.ends.end < periods[0].start):
            continue  # not this chip's, not a side shown, or over before the chip's history begins
        words = EXPORT_STATUSES if window.side == "export" else IMPORT_STATUSES
        link = md.link(ctx.linked, "measures", window.measure, page)
        caught = _CAUGHT[covered] if window.rule else ""
        changes.append((window.starts, link + escape.text(f": {words.label(window.effect).lower()}{caught}")))
        if window.ends:
            changes.append((window.ends, link + escape.text(": stopped applying")))
    changes.sort(key=lambda change: (change[0].start, change[0].end))
    columns = [SIDE_NAMES[side] for side in sides]
    chart = status_chart(chip, periods, ctx.linked.today, sides, starts, (("From", *columns), tuple(table)))
    return {
        "sentence": escape.text(sale_sentence(periods, sides, lambda day: starts.get(day, day_label(day)))),
        "made_in_china": escape.text(made_in_china(vendor, "further down this page")) if domestic else "",
        "chart": chart.html(page, ctx.settings.site_url),
        "figures": [chart],
        "columns": columns,
        "periods": rows,
        # Without a launch date, the history starts at the first measure known to cover the chip, else today.
        "undated": None if chip.launched else "today" if periods[0].start == ctx.linked.today else "measure",
        "changes": [{"when": escape.text(when.label()), "what": what} for when, what in changes],
        "not_covered": escape.text(NOT_COVERED),
    }


def _answer(period: Period, side: Side) -> Answer:
    return period.export if side == "export" else period.imports


def _start_labels(chip: Chip, ctx: Context) -> dict[date, str]:
    """Periods that start at a date known only to the month (a launch, a measure's start) say so, not a made-up day."""
    labels = {
        window.starts.start: window.starts.label()
        for window in ctx.linked.controls
        if window.starts.precision != "day" and applies(window, chip.id, ctx.linked.classifications) is not Doubt.NO
    }
    if chip.launched and chip.launched.precision != "day":
        labels[chip.launched.start] = chip.launched.label()
    return labels


_CAUGHT = {
    Doubt.YES: " (its thresholds catch the chip)",
    Doubt.DISPUTED: " (sources disagree on whether its thresholds catch the chip)",
    Doubt.UNKNOWN: " if its thresholds catch the chip, which cannot be decided: the data lack a figure they test",
}


def _rule(rule: Rule, ctx: Context, cite: Citations, page: str) -> dict[str, Any]:
    paragraphs = [
        {
            "label": p.label,
            "text": escape.markdown(p.text),
            "cite": cite.cite(p.source),
            "tests": [escape.text(criterion(t)) for t in p.any_of],
        }
        for p in rule.paragraphs
    ]
    exemptions = [
        {"label": e.label, "text": escape.markdown(e.text), "cite": cite.cite(e.source), "test": escape.text(criterion(e.test))}
        for e in rule.exemptions
    ]
    chips = []
    for chip_id in ctx.linked.dataset.chips:
        values = metric_summary(ctx.linked.metrics[chip_id])
        chips.append(
            {
                "link": md.link(ctx.linked, "chips", chip_id, page),
                "cells": [escape.text(values[key]) for key in METRICS],
                "status": escape.text(status_label(ctx.linked.classifications[(chip_id, rule.id)])),
            }
        )
    return {"paragraphs": paragraphs, "exemptions": exemptions, "chips": chips, "metric_headings": _metric_headings()}


def _metric_headings() -> list[str]:
    return [spec.heading for spec in METRICS.values()]


def _sector(sector: Sector, ctx: Context, cite: Citations, page: str) -> dict[str, Any]:
    """Each metric's table of figures, and a line chart of it where it has two periods or more."""
    metrics, figures = [], []
    for m in sector.metrics:
        rows = [
            (escape.text(p.period.label()), escape.text(number(p.value)) + cite.cite(p.source), escape.markdown(p.note or ""))
            for p in sorted(m.points, key=lambda p: (p.period.start, p.period.end))
        ]
        # A line needs two periods. The table under the chart holds the figures with their sources; the chart's own
        # table, what it draws: one value or range per period.
        drawn = len({p.period.text for p in m.points}) > 1
        chart = (
            story_charts.series(ctx.linked, sector.id, [m.id], m.name, chart_id=f"fig-sector-{sector.id}-{m.id}")
            if drawn
            else None
        )
        if chart:
            figures.append(chart)
        basis = SECTOR_BASES.label(m.basis)
        shown = chart.html(page, ctx.settings.site_url) if chart else None
        metrics.append({"id": m.id, "name": m.name, "unit": m.unit, "basis": basis, "rows": rows, "chart": shown})
    return {"metrics": metrics, "figures": figures}


def _claim(claim: Claim, ctx: Context, cite: Citations, page: str) -> dict[str, Any]:
    def evidence(items: list[Evidence]) -> list[Markup]:
        return [escape.markdown(e.text) + cite.cite_all(e.sources) for e in items]

    jsonld = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.claim,
        "datePublished": str(claim.assessed),
        "author": {"@type": "Organization", "name": ctx.settings.site_name},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": VERDICTS.rank(claim.verdict),
            "bestRating": len(VERDICTS.labels),
            "worstRating": 1,
            "alternateName": VERDICTS.label(claim.verdict),
        },
    }
    return {
        "jsonld": jsonld,
        "verdict_label": VERDICTS.label(claim.verdict),
        "assessed": claim.assessed.label(),
        "evidence_for": evidence(claim.evidence_for),
        "evidence_against": evidence(claim.evidence_against),
    }


def _source(source: Source, ctx: Context, cite: Citations, page: str) -> dict[str, Any]:
    citing = [Markup(f"[{escape.text(c.title)}]({relative(c.path, page)})") for c in ctx.cited_by.get(source.id, ())]
    return {"citing": citing}


def _measure(measure: Measure, ctx: Context, cite: Citations, page: str) -> dict[str, Any]:
    """What the measure does to the sale of chips to China, one row per control."""
    rows = []
    for control in measure.controls:
        words = EXPORT_STATUSES if control.side == "export" else IMPORT_STATUSES
        covers = (
            md.links(ctx.linked, "chips", control.chips, page)
            if control.chips
            else Markup("chips caught by ") + md.link(ctx.linked, "rules", control.rule or "", page)
        )
        starts = control.starts or measure.in_force_from
        ends = control.ends or measure.ended
        note = Markup(" — ") + escape.markdown(control.note) if control.note else Markup("")
        rows.append(
            {
                "side": escape.text("US export rules" if control.side == "export" else "China"),
                "effect": escape.text(words.label(control.effect)) + cite.cite(control.source) + note,
                "covers": covers,
                "when": escape.text(f"{starts.label()} – {ends.label() if ends else 'today'}"),
            }
        )
    return {"controls": rows}


EXTRAS: dict[str, Extras] = {
    "measures": _measure,
    "chips": _chip,
    "rules": _rule,
    "sectors": _sector,
    "claims": _claim,
    "sources": _source,
}
