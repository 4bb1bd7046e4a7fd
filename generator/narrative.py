"""The helpers narrative pages call from Jinja, so every number in the prose comes from the data."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from . import escape
from .cite import Citations
from .dates import PartialDate
from .explain import STATUS_LABELS, fmt_interval
from .model import Claim, Sector, Sourced
from .numbers import number

if TYPE_CHECKING:
    from .render import Renderer

VERDICT_LABELS = {
    "supported": "Supported",
    "partly-supported": "Partly supported",
    "unsupported": "Unsupported",
    "disputed": "Disputed",
}


def helpers(renderer: Renderer, page: str, cite: Citations) -> dict[str, Callable[..., Any]]:
    """`fig`, `point`, `date`, `metric`, `status`, `verdict`, `link`, `cite`, `cite_record`: see the editing guide."""
    records = renderer.records

    def fig(collection: str, record_id: str, field: str, unit: str = "") -> Markup:
        values: list[Sourced] | None = getattr(records[collection][record_id], field)
        return renderer.figures(values, cite, unit)

    def point(sector_id: str, metric_id: str, period: str) -> Markup:
        sector = records["sectors"][sector_id]
        assert isinstance(sector, Sector)
        metric = next((m for m in sector.metrics if m.id == metric_id), None)
        if metric is None:
            raise KeyError(f"{sector_id}/{metric_id}")
        found = [p for p in metric.points if p.period.text == period]
        if not found:
            raise KeyError(f"{sector_id}/{metric_id}/{period}")
        unit = "%" if metric.unit == "percent" else f" {metric.unit}"
        parts = [escape.text(f"{number(p.value)}{unit}") + cite.cite(p.source) for p in found]
        return parts[0] if len(parts) == 1 else Markup(" or ").join(parts) + Markup(" (sources differ)")

    def date(collection: str, record_id: str, field: str) -> str:
        value = getattr(records[collection][record_id], field)
        if not isinstance(value, PartialDate):
            raise KeyError(f"{collection}/{record_id}.{field} has no date")
        return value.label()

    def metric(chip_id: str, name: str) -> str:
        return fmt_interval(name, getattr(renderer.linked.metrics[chip_id], name))  # type: ignore[arg-type]

    def status(chip_id: str, rule_id: str) -> str:
        result = renderer.linked.classifications[(chip_id, rule_id)]
        label = STATUS_LABELS[result.status].lower()
        return f"{label} ({result.paragraph})" if result.paragraph else label

    def verdict(claim_id: str) -> str:
        claim = records["claims"][claim_id]
        assert isinstance(claim, Claim)
        return VERDICT_LABELS[claim.verdict]

    def cite_record(collection: str, record_id: str) -> Markup:
        return cite.cite_all(getattr(records[collection][record_id], "sources", []))

    return {
        "fig": fig,
        "point": point,
        "date": date,
        "metric": metric,
        "status": status,
        "verdict": verdict,
        "cite": cite.cite,
        "cite_record": cite_record,
        "link": lambda collection, record_id: renderer.link(collection, record_id, page),
    }
