"""What's new: a page of the latest dated events and fact checks, and the same as an Atom feed (`feed.xml`)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time
from typing import Any

from .. import md, news
from ..registry import BY_NAME
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


def feed(ctx: Context, page: SitePage) -> str:
    """An Atom feed (RFC 4287) of the newest events and fact checks; links absolute when the site's address is known."""
    ET.register_namespace("", ATOM)
    base = ctx.settings.site_url.rstrip("/") + "/" if ctx.settings.site_url else ""
    items = news.latest(ctx.linked, FEED_ENTRIES)
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
    sub(root, "subtitle", "Dated events and fact checks from a sourced data set on US export controls and China's chips.")
    sub(root, "updated", max((_stamp(i.day) for i in items), default=_stamp(ctx.linked.today)))
    sub(root, "link", rel="self", type="application/atom+xml", href=base + FEED)
    sub(root, "link", rel="alternate", type="text/html", href=base + page.url + "/")
    author = sub(root, "author")
    sub(author, "name", ctx.settings.site_name)
    sub(root, "rights", "Data and text under CC BY 4.0")
    for item in items:
        entry = sub(root, "entry")
        path = f"{item.collection}/{item.id}/"
        sub(entry, "id", _id(ctx, base, f"{path}#{item.kind}-{item.day.isoformat()}"))
        sub(entry, "title", f"{item.when}: {item.title}")
        sub(entry, "updated", _stamp(item.day))
        sub(entry, "link", rel="alternate", type="text/html", href=base + path)
        sub(entry, "category", term=item.kind)
        sub(entry, "summary", item.summary)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _id(ctx: Context, base: str, path: str) -> str:
    """An entry's permanent id: its address on the published site, else a tag URI that does not depend on one."""
    if base:
        return base + path
    return f"tag:chips-explainer,2026:{path}"
