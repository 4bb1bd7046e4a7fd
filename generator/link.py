"""Stage 3: join the records once, before any page: titles, backlinks, citations, listings, the timeline, the rule engine."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from . import escape
from .dates import PartialDate
from .engine import Classification, Metrics, classify_chip, compute_metrics
from .model import Chip, Measure, Record, Rule, Source
from .registry import BY_NAME, NAMES
from .status import Doubt, Period, Window, applies, history, windows
from .validate import Dataset
from .vocab import ACTOR_OF_JURISDICTION, EVENT_KIND_OF_MEASURE

Key = tuple[str, str]


@dataclass(frozen=True)
class Backlink:
    collection: str
    id: str


@dataclass(frozen=True)
class Event:
    """One dated entry of the timeline."""

    when: PartialDate
    collection: str
    id: str
    title: str
    actor: str
    kind: str
    ended: bool = False  # the entry marks the end of a measure
    milestone: str | None = None  # a key event's short label, for the timeline charts


@dataclass(frozen=True)
class Citer:
    """A page that cites a source: a record page or a narrative page, by its path."""

    path: str
    title: str


@dataclass(frozen=True)
class Linked:
    """The dataset joined: everything a page needs to know about other records, computed once."""

    dataset: Dataset
    sources: Mapping[str, Source]
    titles: dict[Key, str]
    backlinks: dict[Key, list[Backlink]]
    citations: dict[Key, tuple[str, ...]]  # the sources each record page cites
    timeline: list[Event]
    entity_listings: dict[str, list[Measure]]
    newest_fact: PartialDate | None
    rules: list[Rule]
    metrics: dict[str, Metrics]
    classifications: dict[Key, Classification]
    today: date
    controls: list[Window]  # what each measure does to the sale of chips to China, and when
    histories: dict[str, list[Period]]  # each chip's status from its launch to today
    # Each source's newest dated event or sector figure: how far a page citing it reaches (see `newest_resting_on`).
    source_reach: dict[str, PartialDate] = field(default_factory=dict)

    @property
    def records(self) -> dict[str, dict[str, Record]]:
        return self.dataset.records

    def record(self, collection: str, record_id: str) -> Record:
        return self.dataset.records[collection][record_id]

    def title(self, collection: str, record_id: str) -> str:
        """The name a reader sees for a record; KeyError names the id when there is no such record."""
        try:
            return self.titles[(collection, record_id)]
        except KeyError:
            raise KeyError(record_id) from None

    def link_text(self, collection: str, record_id: str) -> Markup:
        """The title as link text: a source known only by a description is set in italics, apart from headlines."""
        text = escape.text(self.title(collection, record_id))
        source = self.sources.get(record_id) if collection == "sources" else None
        return Markup(f"*{text}*") if source is not None and source.title is None else text

    def newest_resting_on(self, source_ids: set[str]) -> PartialDate | None:
        """How far a page's facts reach: the newest dated event or figure its sources support, or a source's own date
        (facts kept in a company's notes have none of their own), never past the data set's newest fact."""
        dates = [d for i in source_ids if (d := self.source_reach.get(i))]
        dates += [s.published for i in source_ids if (s := self.sources.get(i)) and s.published]
        if not dates or self.newest_fact is None:
            return None
        newest = max(dates, key=_latest)
        return min(newest, self.newest_fact, key=_latest)

    def made_in_china(self, chip: Chip) -> bool:
        """A Chinese company's chip: US export rules do not decide whether it may be sold in China."""
        vendor = self.dataset.companies.get(chip.vendor)
        return vendor is not None and vendor.country == "CN"

    def collection_of(self, record_id: str) -> str:
        """The collection that holds an id given without one (fields that may point at any record)."""
        return next(name for name in NAMES if record_id in self.dataset.records[name])


def link(dataset: Dataset, today: date) -> Linked:
    """Join the dataset as of `today`. Pure: the dataset is not changed."""
    titles = _titles(dataset)
    rules = list(dataset.rules.values())
    metrics = {chip.id: compute_metrics(chip) for chip in dataset.chips.values()}
    classifications = {
        (chip.id, rule.id): classify_chip(chip, metrics[chip.id], rule) for chip in dataset.chips.values() for rule in rules
    }
    timeline = sorted(_events(dataset, titles), key=lambda e: (e.when.start, e.when.end, e.title))
    controls = windows(dataset.measures.values())
    histories = {
        chip.id: history(chip.id, _first_day(chip, controls, classifications, today), today, controls, classifications)
        for chip in dataset.chips.values()
    }
    return Linked(
        dataset=dataset,
        sources=dataset.sources,
        titles=titles,
        backlinks=_backlinks(dataset),
        citations=_citations(dataset),
        timeline=timeline,
        entity_listings=_entity_listings(dataset),
        newest_fact=_newest(dataset, timeline),
        rules=rules,
        metrics=metrics,
        classifications=classifications,
        today=today,
        controls=controls,
        histories=histories,
        source_reach=_source_reach(dataset, timeline),
    )


def _latest(when: PartialDate) -> tuple[date, date]:
    return when.end, when.start


def _source_reach(dataset: Dataset, timeline: list[Event]) -> dict[str, PartialDate]:
    """For each source, the newest dated event or sector figure it supports: computed once, so that a page's reach
    is a lookup per source it cites, not a pass over the whole timeline."""
    reach: dict[str, PartialDate] = {}

    def note(source_id: str, when: PartialDate) -> None:
        if source_id not in reach or _latest(when) > _latest(reach[source_id]):
            reach[source_id] = when

    for event in timeline:
        for source_id in getattr(dataset.records[event.collection][event.id], "sources", ()):
            note(source_id, event.when)
    for sector in dataset.sectors.values():
        for metric in sector.metrics:
            for point in metric.points:
                note(point.source, point.period)
    return reach


def _titles(dataset: Dataset) -> dict[Key, str]:
    titles: dict[Key, str] = {}
    for collection in BY_NAME.values():
        for record_id, record in dataset.records[collection.name].items():
            value = getattr(record, collection.title_field) if collection.title_field else None
            if isinstance(value, str):
                titles[(collection.name, record_id)] = value
            elif isinstance(record, Source) and record.description:
                titles[(collection.name, record_id)] = record.description
    for record_id, record in dataset.customers.items():
        # Orders are named after their buyer and chip.
        buyer, chip = titles[("companies", record.customer)], titles[("chips", record.chip)]
        titles[("customers", record_id)] = f"{buyer}: {record.kind} of {chip}"
    return titles


def _backlinks(dataset: Dataset) -> dict[Key, list[Backlink]]:
    backlinks: dict[Key, list[Backlink]] = defaultdict(list)
    seen: set[tuple[Key, Key]] = set()  # once per referring record, whichever of its fields refers
    for ref in dataset.references:
        target, source = (ref.target_collection, ref.target_id), (ref.collection, ref.id)
        if ref.collection == "sources" or target == source or (target, source) in seen:
            continue
        seen.add((target, source))
        backlinks[target].append(Backlink(ref.collection, ref.id))
    return dict(backlinks)


def _citations(dataset: Dataset) -> dict[Key, tuple[str, ...]]:
    """Every source id a record holds is cited on its page, so a record's citations are its references to sources."""
    cited: dict[Key, dict[str, None]] = defaultdict(dict)
    for ref in dataset.references:
        if ref.target_collection == "sources":
            cited[(ref.collection, ref.id)][ref.target_id] = None
    return {key: tuple(ids) for key, ids in cited.items()}


def cited_by(linked: Linked, story_citations: dict[str, tuple[str, tuple[str, ...]]]) -> dict[str, tuple[Citer, ...]]:
    """Each source's citing pages: narrative pages (`{path: (title, source ids)}`) first, then record pages."""
    index: dict[str, list[Citer]] = defaultdict(list)
    for path, (title, source_ids) in story_citations.items():
        for source_id in source_ids:
            index[source_id].append(Citer(path, title))
    for collection in NAMES:
        for record_id in linked.records[collection]:
            for source_id in linked.citations.get((collection, record_id), ()):
                index[source_id].append(Citer(f"{collection}/{record_id}.md", linked.title(collection, record_id)))
    return {source_id: tuple(citers) for source_id, citers in index.items()}


def _first_day(chip: Chip, controls: list[Window], classifications: dict[Key, Classification], today: date) -> date:
    """Where a chip's status history starts: its launch, else the first measure known to cover it, else today.

    A rule that cannot decide the chip (a spec is missing) does not start the history: it would reach back to
    before the chip existed.
    """
    if chip.launched:
        return chip.launched.start
    known = [w.starts.start for w in controls if applies(w, chip.id, classifications) in (Doubt.YES, Doubt.DISPUTED)]
    return min(known, default=today)


def _entity_listings(dataset: Dataset) -> dict[str, list[Measure]]:
    listings: dict[str, list[Measure]] = defaultdict(list)
    for measure in dataset.measures.values():
        if measure.kind == "entity-listing":
            for company in measure.targets:
                listings[company].append(measure)
    return dict(listings)


def _events(dataset: Dataset, titles: dict[Key, str]) -> list[Event]:
    events = []
    for m in dataset.measures.values():
        kind = EVENT_KIND_OF_MEASURE[m.kind]
        actor = ACTOR_OF_JURISDICTION[m.jurisdiction]
        events.append(Event(m.first_date, "measures", m.id, m.name, actor, kind, milestone=m.milestone))
        if m.ended:
            events.append(Event(m.ended, "measures", m.id, f"Ended: {m.name}", actor, kind, ended=True))
    for c in dataset.chips.values():
        if c.launched:
            events.append(Event(c.launched, "chips", c.id, c.name, "companies", "product", milestone=c.milestone))
    for o in dataset.customers.values():
        events.append(Event(o.date, "customers", o.id, titles[("customers", o.id)], "companies", "order", milestone=o.milestone))
    return events


def _newest(dataset: Dataset, timeline: list[Event]) -> PartialDate | None:
    dates = [e.when for e in timeline]
    for sector in dataset.sectors.values():
        dates += [p.period for m in sector.metrics for p in m.points]
    return max(dates, key=lambda d: (d.end, d.start)) if dates else None
