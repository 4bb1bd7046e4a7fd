"""What's new: dated events and records whose facts were checked, newest first, for the page, the home and the feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .link import Linked
from .model import Factual
from .registry import BY_NAME, NAMES
from .vocab import ACTORS, EVENT_KINDS


@dataclass(frozen=True)
class Item:
    """One entry: an event of the timeline (`kind` its kind) or a record's facts verified (`kind` 'verified')."""

    day: date  # where it sorts: the first day of its period (a date known to the year sorts at its start)
    when: str  # the date as readers see it, never more precise than the source
    collection: str
    id: str
    title: str
    kind: str
    summary: str


def events(linked: Linked) -> list[Item]:
    """Timeline events, newest first."""
    items = [
        Item(
            e.when.start,
            e.when.label(),
            e.collection,
            e.id,
            e.title,
            e.kind,
            f"{ACTORS.label(e.actor)} · {EVENT_KINDS.label(e.kind)}" + (" · ended" if e.ended else ""),
        )
        for e in linked.timeline
        if e.when.start <= linked.today
    ]
    return sorted(items, key=lambda i: (i.day, i.title), reverse=True)


def verified(linked: Linked) -> list[Item]:
    """Records whose facts an editor checked against their sources, most recently checked first."""
    items = []
    for collection in NAMES:
        for record_id, record in linked.records[collection].items():
            if isinstance(record, Factual):
                title = linked.title(collection, record_id)
                label = BY_NAME[collection].title.lower()
                items.append(
                    Item(
                        record.verified.start,
                        record.verified.label(),
                        collection,
                        record_id,
                        f"Facts verified: {title}",
                        "verified",
                        f"The {label} record “{title}” was checked against its sources.",
                    )
                )
    return sorted(items, key=lambda i: (i.day, i.title), reverse=True)


@dataclass(frozen=True)
class Checks:
    """The records re-verified for one release (checked after the one before, by its day), or since the latest."""

    release: date | None  # None: checked since the latest release (or, before any release, ever)
    items: tuple[Item, ...]  # newest first

    @property
    def day(self) -> date:
        return self.release or self.items[0].day


def checks_by_release(linked: Linked, releases: list[date]) -> list[Checks]:
    """Re-verification stamps grouped, one group per release, newest first: a stamp is news of its release, not an event."""
    groups: dict[date | None, list[Item]] = {}
    ordered = sorted(releases)
    for item in verified(linked):
        release = next((day for day in ordered if item.day <= day), None)
        groups.setdefault(release, []).append(item)
    out = [Checks(release, tuple(items)) for release, items in groups.items()]
    return sorted(out, key=lambda c: (c.release is None, c.day), reverse=True)
