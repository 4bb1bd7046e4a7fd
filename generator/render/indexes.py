"""An index page per collection: a table whose columns the registry declares."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..cite import Citations
from ..dates import PartialDate
from ..model import Record
from ..registry import COLLECTIONS, Collection
from .context import Context
from .fields import get, show


def pages(ctx: Context) -> dict[str, str]:
    return {f"{c.name}/index.md": _index(ctx, c) for c in COLLECTIONS}


def _index(ctx: Context, collection: Collection) -> str:
    path = f"{collection.name}/index.md"
    cite = Citations(path, ctx.linked)  # index cells cite nothing; fields take one all the same
    records = _ordered(list(ctx.linked.records[collection.name].values()), collection.sort)
    # In a section per value of the tally field, a column of that value would only repeat the section's heading.
    fields = [f for f in collection.index if collection.tally is None or f.path != collection.tally.path]
    return ctx.page(
        path,
        "index.md.j2",
        title=collection.title,
        count=len(records),
        columns=[f.label for f in fields],
        groups=[
            (label, anchor, [[show(f, r, collection, ctx, path, cite) or Markup("") for f in fields] for r in members])
            for label, anchor, members in _groups(records, collection)
        ],
        tally_label=collection.tally.label.lower() if collection.tally else "",
    )


def _groups(records: list[Record], collection: Collection) -> list[tuple[str, str, list[Record]]]:
    """The records in a section per value of the collection's tally field (in the vocabulary's order), or in one.

    A section each keeps a long index readable, and lets the browser lay out only the sections on screen.
    """
    field = collection.tally
    if field is None or field.vocab is None:
        return [("", "", records)]
    groups = [(label, value, [r for r in records if get(r, field.path) == value]) for value, label in field.vocab.labels.items()]
    groups.append((f"No {field.label.lower()}", "none", [r for r in records if get(r, field.path) is None]))
    return [group for group in groups if group[2]]


def _ordered(records: list[Record], keys: tuple[str, ...]) -> list[Record]:
    return sorted(records, key=lambda r: tuple(_sort_value(get(r, k)) for k in keys)) if keys else records


def _sort_value(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return (value.start, value.end)
    if isinstance(value, str):
        return value.casefold()
    return value
