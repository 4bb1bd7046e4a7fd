"""What's new: a page of the latest dated events and fact checks, and an Atom feed (`feed.xml`) of events and releases."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from .. import md, news
from ..dates import day_label
from ..output import address
from ..registry import BY_NAME
from ..releases import CHANGES_PAGE, Changes, Release
from .context import Context, SitePage

FEED = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
EVENTS, CHECKS, FEED_ENTRIES = 40, 20, 50


def pages(ctx: Context, page: SitePage) -> dict[str, str]:
    """What's new, and the same news as an Atom feed beside it."""
    return {page.path: _page(ctx, page), FEED: feed(ctx, page)}


def _rows(ctx: Context, items: list[news.Item], path: str) -> list[dict[str, Any]]:
    return [
        {"when": i.when, "link": md.link(ctx.linked, i.collection, i.id, path), "summary": i.summary, "kind": i.kind}
        for i in items
    ]


def _page(ctx: Context, page: SitePage) -> str:
    checks = [
        {"when": i.when, "link": md.link(ctx.linked, i.collection, i.id, page.path), "what": BY_NAME[i.collection].title}
        for i in news.verified(ctx.linked)[:CHECKS]
    ]
    events = _rows(ctx, news.events(ctx.linked)[:EVENTS], page.path)
    return ctx.page(page.path, "whats-new.md.j2", title=page.title, events=events, checks=checks)


def _stamp(day: date) -> str:
    return datetime.combine(day, time(0, 0), tzinfo=UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Entry:
    """One entry of the feed: an event, a release's changes, or a release's re-verified records."""

    day: date
    path: str  # its address on the site, relative to the root
    fragment: str  # with the path, the entry's permanent id
    title: str
    category: str
    summary: str


def entries(ctx: Context, page: SitePage) -> list[Entry]:
    """Events and releases' changes lead, newest first; then re-verification stamps, one entry per release.

    A stamp says an editor checked a record again, not that anything happened: every record is re-checked, so
    stamps listed one by one would fill the feed and push the events out.
    """
    history = ctx.releases
    leads = [
        Entry(i.day, f"{i.collection}/{i.id}/", f"{i.kind}-{i.day.isoformat()}", f"{i.when}: {i.title}", i.kind, i.summary)
        for i in news.events(ctx.linked)
    ]
    changes_url = address(CHANGES_PAGE).strip("/") + "/"
    for release, changes in zip(history.releases, history.changes, strict=True):
        leads.append(
            Entry(
                release.day,
                changes_url,
                changes.anchor,
                _release_title(release, changes),
                "release",
                _release_summary(ctx, changes),
            )
        )
    leads.sort(key=lambda e: (e.day, e.category == "release", e.title), reverse=True)
    stamps = [_checks_entry(ctx, page, group) for group in news.checks_by_release(ctx.linked, [r.day for r in history.releases])]
    return leads[: max(FEED_ENTRIES - len(stamps), 0)] + stamps


def _release_title(release: Release, changes: Changes) -> str:
    when = day_label(release.day)
    if changes.previous is None:
        return f"{when}: first data release, {len(release.records)} records"
    counts = [(len(changes.added), "added"), (len(changes.changed), "changed"), (len(changes.retired), "retired")]
    said = ", ".join(f"{n} {word}" for n, word in counts if n) or "no record changed"
    return f"{when}: data release ({said})"


def _release_summary(ctx: Context, changes: Changes) -> str:
    if changes.previous is None:
        return "The first dated release of the data set: every record as published that day, to download and cite."
    parts = []
    for word, keys in (("Added", changes.added), ("Changed", [c.key for c in changes.changed]), ("Retired", changes.retired)):
        if keys:
            parts.append(f"{word}: " + _names(ctx, list(keys)) + ".")
    return " ".join(parts) or "No record changed; records were re-verified."


def _names(ctx: Context, keys: list[str], shown: int = 8) -> str:
    names = [ctx.linked.titles.get(tuple(key.split("/", 1)), key) for key in keys[:shown]]  # type: ignore[arg-type]
    more = f" and {len(keys) - shown} more" if len(keys) > shown else ""
    return ", ".join(names) + more


def _checks_entry(ctx: Context, page: SitePage, group: news.Checks) -> Entry:
    count = f"{len(group.items)} record{'s' if len(group.items) != 1 else ''}"
    if group.release is None:
        title = f"Facts re-verified since the latest release: {count}" if ctx.releases.releases else f"Facts verified: {count}"
        where, fragment = page.url + "/", f"verified-{group.day.isoformat()}"
    else:
        title = f"{day_label(group.release)}: facts re-verified for the release, {count}"
        where, fragment = address(CHANGES_PAGE).strip("/") + "/", f"verified-{group.release.isoformat()}"
    names = [i.title.removeprefix("Facts verified: ") for i in group.items]
    shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
    return Entry(group.day, where, fragment, title, "verified", f"Checked against their sources: {shown}.")


def feed(ctx: Context, page: SitePage) -> str:
    """An Atom feed (RFC 4287): events and releases first, stamps grouped; links absolute when the address is known."""
    ET.register_namespace("", ATOM)
    base = ctx.settings.site_url.rstrip("/") + "/" if ctx.settings.site_url else ""
    items = entries(ctx, page)
    root = ET.Element(f"{{{ATOM}}}feed")
    if base:
        root.set("{http://www.w3.org/XML/1998/namespace}base", base)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    sub(root, "id", _id(ctx, base, ""))
    sub(root, "title", f"{ctx.settings.site_name}: what's new")
    sub(
        root,
        "subtitle",
        "Dated events, data releases and fact checks from a sourced data set on US export controls and China's chips.",
    )
    sub(root, "updated", max((_stamp(i.day) for i in items), default=_stamp(ctx.linked.today)))
    sub(root, "link", rel="self", type="application/atom+xml", href=base + FEED)
    sub(root, "link", rel="alternate", type="text/html", href=base + page.url + "/")
    author = sub(root, "author")
    sub(author, "name", ctx.settings.site_name)
    sub(root, "rights", "Data and text under CC BY 4.0")
    for item in items:
        entry = sub(root, "entry")
        sub(entry, "id", _id(ctx, base, f"{item.path}#{item.fragment}"))
        sub(entry, "title", item.title)
        sub(entry, "updated", _stamp(item.day))
        link = item.path + (f"#{item.fragment}" if item.category == "release" else "")
        sub(entry, "link", rel="alternate", type="text/html", href=base + link)
        sub(entry, "category", term=item.category)
        sub(entry, "summary", item.summary)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _id(ctx: Context, base: str, path: str) -> str:
    """An entry's permanent id: its address on the published site, else a tag URI that does not depend on one."""
    if base:
        return base + path
    return f"tag:chips-explainer,2026:{path}"
