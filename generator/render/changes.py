"""The "Data changes" page: every release, newest first, with the records it added, changed and retired."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from .. import escape, md
from ..dates import day_label
from ..link import Linked
from ..metrics import METRICS
from ..registry import BY_NAME
from ..releases import Changes, FieldChange, Release, keys_by_collection
from ..vocab import Vocabulary
from .context import Context, SitePage


def page(ctx: Context, page: SitePage) -> dict[str, str]:
    history = ctx.releases
    releases = [_release(ctx, page.path, r, c) for r, c in zip(history.releases, history.changes, strict=True)]
    unreleased = _changes(ctx, page.path, history.unreleased) if history.unreleased else None
    text = ctx.page(
        page.path,
        "changes.md.j2",
        title=page.title,
        releases=list(reversed(releases)),
        unreleased=unreleased,
        collections=list(BY_NAME),
    )
    return {page.path: text}


def _release(ctx: Context, path: str, release: Release, changes: Changes) -> dict[str, Any]:
    return {
        "name": release.name,
        "label": day_label(release.day),
        "folder": release.folder,
        "records": len(release.records),
        "previous": day_label(changes.previous) if changes.previous else None,
        **_changes(ctx, path, changes),
    }


def _changes(ctx: Context, path: str, changes: Changes) -> dict[str, Any]:
    return {
        "anchor": changes.anchor,
        "added": _groups(ctx, path, changes.added),
        "changed": [
            {"link": _link(ctx, path, c.key), "fields": [field_text(f, c.collection, ctx.linked) for f in c.fields]}
            for c in changes.changed
        ],
        "retired": [
            (BY_NAME[c].title if c in BY_NAME else c, Markup(", ").join(f"`{i}`" for i in ids))
            for c, ids in keys_by_collection(changes.retired).items()
        ],
        "reverified": _groups(ctx, path, changes.reverified),
        "reverified_count": len(changes.reverified),
        "empty": not changes,
    }


def _groups(ctx: Context, path: str, keys: tuple[str, ...]) -> list[tuple[str, Markup]]:
    return [
        (BY_NAME[c].title if c in BY_NAME else c, Markup(", ").join(_link(ctx, path, f"{c}/{i}") for i in ids))
        for c, ids in keys_by_collection(keys).items()
    ]


def _link(ctx: Context, path: str, key: str) -> Markup:
    """The record's page when the content still holds it; its id otherwise (retired since)."""
    collection, _, record_id = key.partition("/")
    if record_id in ctx.linked.records.get(collection, {}):
        return md.link(ctx.linked, collection, record_id, path)
    return Markup(f"`{key}` (retired since)")


def field_text(change: FieldChange, collection: str, linked: Linked | None = None) -> Markup:
    """China's annual solar installations · 2025 · value: 315.07 → 316; Summary: revised; Sources: added a; removed b.

    The field is named in the reader's words (see `field_words`); a field the registry shows with a vocabulary (a
    status, a verdict, a confidence) gives its values in the reader's words too.
    """
    name = escape.text(field_words(change, collection, linked))
    words = next((f.vocab for f in BY_NAME[collection].facts if f.path == change.path and f.vocab), None)
    if words is not None and change.kind == "value":
        return name + Markup(": ") + escape.text(f"{_label(words, change.before)} → {_label(words, change.after)}")
    if change.kind == "text":
        return name + Markup(": revised")
    if change.kind == "items":
        came, gone = _items(change.added, linked), _items(change.removed, linked)
        parts = [f"added {came}" if came else "", f"removed {gone}" if gone else ""]
        return name + Markup(": ") + escape.text("; ".join(p for p in parts if p))
    return name + Markup(": ") + escape.text(f"{change.before} → {change.after}")


def _items(items: tuple[str, ...], linked: Linked | None) -> str:
    """Items of a list as a reader knows them: a record it points at by its title, in quotes; other items as they are."""
    named = []
    for item in items:
        collection = next((c for c in BY_NAME if linked is not None and (c, item) in linked.titles), None)
        named.append(f"“{linked.title(collection, item)}”" if collection and linked else item)
    return ", ".join(named)


def field_words(change: FieldChange, collection: str, linked: Linked | None = None) -> str:
    """The changed field as a reader knows it: the record page's label for the field, then each list item by its
    name, label or period (`metrics[china-solar-installations-annual].points[7].value` → "Metrics · China's annual
    solar installations · 2025 · value"); the engine's results by the rule's or metric's name."""
    if not change.steps:
        return _computed_words(change.path, linked)
    labels = {f.path: f.label for f in BY_NAME[collection].facts}
    (first, item), *rest = change.steps
    parts = [labels.get(first, first.replace("_", " ").capitalize()), item]
    for key, item in rest:
        parts.append(item or key.replace("_", " "))
    return " · ".join(p for p in parts if p)


def _computed_words(path: str, linked: Linked | None) -> str:
    """ "status under eccn-3a090-2023 (computed)" → "status under ECCN 3A090 (October 2023 rule) (computed)"."""
    rule = re.fullmatch(r"status under (.+) \(computed\)", path)
    if rule and linked is not None and ("rules", rule[1]) in linked.titles:
        return f"Status under {linked.title('rules', rule[1])} (computed)"
    metric = re.fullmatch(r"(.+) \(computed\)", path)
    if metric and metric[1] in METRICS:
        label = METRICS[metric[1]].label
        return f"{label[:1].upper()}{label[1:]} (computed)"
    return path[:1].upper() + path[1:]


def _label(words: Vocabulary, value: str) -> str:
    return words.label(value) if value in words.labels else value
