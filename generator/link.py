"""Stage 4: join the records: backlinks, Entity List status, the timeline. Computed once, used by every page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TypeVar

from .dates import PartialDate
from .engine import Classification, Metrics, classify_chip, compute_metrics
from .model import Chip, Customer, Measure, Record, Rule, Sector, Source
from .validate import Dataset

Key = tuple[str, str]
T = TypeVar("T", bound=Record)

ACTORS = {"us": "us", "nl": "allies", "jp": "allies", "eu": "allies", "cn": "china"}
ACTOR_LABELS = {"us": "United States", "allies": "Allies", "china": "China", "companies": "Companies"}
EVENT_KINDS = {"entity-listing": "listing", "countermeasure": "countermeasure"}
KIND_LABELS = {"rule": "Rule", "listing": "Listing", "countermeasure": "Countermeasure", "product": "Product", "order": "Order"}


@dataclass(frozen=True)
class Backlink:
    collection: str
    id: str
    field: str


@dataclass(frozen=True)
class Event:
    """One dated entry of the timeline."""

    when: PartialDate
    collection: str
    id: str
    title: str
    actor: str
    kind: str
    what: str


@dataclass
class Linked:
    dataset: Dataset
    backlinks: dict[Key, list[Backlink]] = field(default_factory=dict)
    timeline: list[Event] = field(default_factory=list)
    entity_listings: dict[str, list[Measure]] = field(default_factory=dict)
    newest_fact: PartialDate | None = None
    metrics: dict[str, Metrics] = field(default_factory=dict)
    classifications: dict[tuple[str, str], Classification] = field(default_factory=dict)

    @property
    def rules(self) -> list[Rule]:
        return _of(self.dataset, "rules", Rule)

    def record(self, collection: str, record_id: str) -> Record:
        return self.dataset.records[collection][record_id]

    def title(self, collection: str, record_id: str) -> str:
        """The name a reader sees for a record; orders are named after their buyer and chip."""
        record = self.record(collection, record_id)
        if isinstance(record, Customer):
            return f"{self.title('companies', record.customer)}: {record.kind} of {self.title('chips', record.chip)}"
        return title_of(record)


def title_of(record: Record) -> str:
    """The name a reader sees for any record."""
    for attribute in ("name", "title", "term", "claim"):
        value = getattr(record, attribute, None)
        if isinstance(value, str):
            return value
    if isinstance(record, Source):
        return f"Untitled page, {record.publisher}"
    if isinstance(record, Customer):
        return f"{record.customer} – {record.chip} ({record.kind}, {record.date})"
    return record.id


def link(dataset: Dataset) -> Linked:
    """Join the dataset. Pure: the dataset is not changed."""
    linked = Linked(dataset)
    backlinks: dict[Key, list[Backlink]] = defaultdict(list)
    for ref in dataset.references:
        if ref.collection == "sources" or (ref.target_collection, ref.target_id) == (ref.collection, ref.id):
            continue
        entry = Backlink(ref.collection, ref.id, ref.field)
        target = backlinks[(ref.target_collection, ref.target_id)]
        if entry not in target:
            target.append(entry)
    linked.backlinks = dict(backlinks)
    linked.timeline = sorted(_events(dataset, linked), key=lambda e: (e.when.start, e.when.end, e.title))
    listings: dict[str, list[Measure]] = defaultdict(list)
    for measure in _of(dataset, "measures", Measure):
        if measure.kind == "entity-listing":
            for company in measure.targets:
                listings[company].append(measure)
    linked.entity_listings = dict(listings)
    linked.newest_fact = _newest(dataset, linked.timeline)
    for chip in _of(dataset, "chips", Chip):
        metrics = linked.metrics[chip.id] = compute_metrics(chip)
        for rule in linked.rules:
            linked.classifications[(chip.id, rule.id)] = classify_chip(chip, metrics, rule)
    return linked


def _of(dataset: Dataset, collection: str, kind: type[T]) -> list[T]:
    return [r for r in dataset.records[collection].values() if isinstance(r, kind)]


def first_date(measure: Measure) -> PartialDate:
    dates = [d for d in (measure.announced, measure.effective, measure.published, measure.reported) if d is not None]
    return min(dates, key=lambda d: (d.start, d.end))


def _events(dataset: Dataset, linked: Linked) -> list[Event]:
    events = []
    for m in _of(dataset, "measures", Measure):
        what = "announced" if m.announced else "effective" if m.effective else "published" if m.published else "reported"
        kind = EVENT_KINDS.get(m.kind, "rule")
        events.append(Event(first_date(m), "measures", m.id, m.name, ACTORS[m.jurisdiction], kind, what))
        if m.ended:
            events.append(Event(m.ended, "measures", m.id, f"Ended: {m.name}", ACTORS[m.jurisdiction], kind, "ended"))
    for c in _of(dataset, "chips", Chip):
        if c.launched:
            events.append(Event(c.launched, "chips", c.id, c.name, "companies", "product", "launched"))
    for o in _of(dataset, "customers", Customer):
        events.append(Event(o.date, "customers", o.id, linked.title("customers", o.id), "companies", "order", o.kind))
    return events


def _newest(dataset: Dataset, timeline: list[Event]) -> PartialDate | None:
    dates = [e.when for e in timeline]
    for sector in _of(dataset, "sectors", Sector):
        dates += [p.period for m in sector.metrics for p in m.points]
    return max(dates, key=lambda d: (d.end, d.start)) if dates else None
