"""The chip comparison and "Can this be sold to China?": every chip against every rule and measure."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from .. import charts, escape, md
from ..dates import day_label
from ..explain import metric_summary, side_status, status_label
from ..export import rules_json
from ..metrics import BIT_LENGTH, METRICS
from ..model import Chip, Throughput
from ..numbers import number
from ..output import Raster
from .context import Context, SitePage
from .record_charts import rule_chart

DOMESTIC = "Not decided by US rules: a Chinese chip"


def _chips(ctx: Context) -> list[Chip]:
    return list(ctx.linked.dataset.chips.values())


def _peak(ctx: Context, chip: Chip) -> Throughput | None:
    """The throughput figure that gives the chip its TPP."""
    used = ctx.linked.metrics[chip.id].tpp_precisions
    return max((t for t in chip.throughput if t.precision in used), key=lambda t: t.value, default=None)


def _distinct(values: list[float]) -> str:
    return " / ".join(dict.fromkeys(number(v) for v in values)) or "—"


def compare(ctx: Context, page: SitePage) -> dict[str, str | Raster]:
    """The chip comparison: every chip's status today, its computed metrics, and a threshold map per rule."""
    rows = []
    for chip in _chips(ctx):
        values = metric_summary(ctx.linked.metrics[chip.id])
        link = md.link(ctx.linked, "chips", chip.id, page.path)
        now = ctx.linked.histories[chip.id][-1]
        domestic = ctx.linked.made_in_china(chip)
        rows.append(
            {
                "link": link,
                "export_now": escape.text(DOMESTIC if domestic else side_status("export", now.export)),
                "import_now": escape.text(side_status("import", now.imports)),
                "cells": [escape.text(values[key]) for key in METRICS],
                "statuses": [escape.text(status_label(ctx.linked.classifications[(chip.id, r.id)])) for r in ctx.linked.rules],
            }
        )
    plotted = [(chip.name, ctx.linked.metrics[chip.id]) for chip in _chips(ctx)]
    drawn = [rule_chart(rule, plotted) for rule in ctx.linked.rules]
    text = ctx.page(
        page.path,
        "compare.md.j2",
        title=page.title,
        rules=ctx.linked.rules,
        today=day_label(ctx.linked.today),
        metric_headings=[spec.heading for spec in METRICS.values()],
        rows=rows,
        charts=[
            {
                "title": escape.text(figure.title),
                "figure": figure.html(page.path, ctx.settings.site_url),
                "unplotted": escape.text(", ".join(unplotted)),
            }
            for figure, unplotted in drawn
        ],
    )
    files: dict[str, str | Raster] = {page.path: text}
    for figure, _ in drawn:
        files |= charts.files(figure, page.path, ctx.settings.site_url)
    return files


def check(ctx: Context, page: SitePage) -> dict[str, str]:
    """The checker ("Can this be sold to China?"): the rules as JSON for the page's script, and worked examples."""
    examples: list[dict[str, Any]] = []
    for chip in _chips(ctx):
        peak = _peak(ctx, chip)
        if peak is None:
            continue
        examples.append(
            {
                "link": md.link(ctx.linked, "chips", chip.id, page.path),
                "peak": escape.text(f"{number(peak.value)} {peak.unit}"),
                "bits": BIT_LENGTH[peak.precision],
                "area": escape.text(_distinct([a.value for a in chip.die_area_mm2 or []])),
                "io": escape.text(_distinct([v.value for v in chip.interconnect_gbs or []])),
            }
        )
    rules = json.dumps(rules_json(ctx.linked), ensure_ascii=False).replace("</", "<\\/")
    text = ctx.page(
        page.path,
        "check.md.j2",
        title=page.title,
        scripts=page.scripts,
        rules_json=Markup(rules),
        bit_lengths=sorted(set(BIT_LENGTH.values())),
        examples=examples,
        chips=_chips(ctx),
        today=ctx.linked.today.isoformat(),
        newest=escape.text(ctx.linked.newest_fact.label()) if ctx.linked.newest_fact else "",
    )
    return {page.path: text}
