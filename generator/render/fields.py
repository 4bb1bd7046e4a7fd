"""A registry `Field` as Markdown: one facts-table value or one index cell, the same way on every page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from .. import escape, md
from ..cite import Citations
from ..dates import PartialDate
from ..model import Record, ref_of
from ..registry import Collection, Field
from .context import Context


def get(record: Record, path: str) -> Any:
    """The value at `path`: an attribute, `list.attribute` for that attribute of every item of a list, or
    `part.attribute` of a nested part (None when the part is missing)."""
    head, _, rest = path.partition(".")
    value = getattr(record, head)
    if not rest:
        return value
    if isinstance(value, list):
        return [getattr(item, rest) for item in value]
    return None if value is None else getattr(value, rest)


def show(field: Field, record: Record, collection: Collection, ctx: Context, page: str, cite: Citations) -> Markup | None:
    """The field's value as Markdown, `field.empty` when it has none, or None."""
    value = get(record, field.path)
    if field.show == "note":
        return escape.text(field.note) if value else None
    if value is None or value == [] or value == "":
        return escape.text(field.empty) if field.empty is not None else None
    return _SHOW[field.show](_Args(field, record, collection, ctx, page, cite), value)


class _Args:
    __slots__ = ("cite", "collection", "ctx", "field", "page", "record")

    def __init__(self, field: Field, record: Record, collection: Collection, ctx: Context, page: str, cite: Citations) -> None:
        self.field, self.record, self.collection, self.ctx, self.page, self.cite = field, record, collection, ctx, page, cite

    def link(self, target_id: str) -> Markup:
        ref = ref_of(type(self.record), self.field.path.partition(".")[0])
        target = ref.collection if ref and ref.collection else self.ctx.linked.collection_of(target_id)
        return md.link(self.ctx.linked, target, target_id, self.page)

    def label(self, value: str) -> str:
        assert self.field.vocab is not None, f"{self.collection.name}.{self.field.path} shows labels but names no vocabulary"
        return self.field.vocab.label(value)


def _date(a: _Args, value: PartialDate) -> Markup:
    return escape.text(value.label())


def _entity_list(a: _Args, company_id: str) -> Markup:
    listings = a.ctx.linked.entity_listings.get(company_id, [])
    if not listings:
        return escape.text("not listed in this data set")
    return Markup("; ").join(
        md.link(a.ctx.linked, "measures", m.id, a.page)
        + Markup(" (")
        + escape.text(m.effective.label() if m.effective else "")
        + ")"
        for m in listings
    )


_SHOW: dict[str, Callable[[_Args, Any], Markup]] = {
    "text": lambda a, v: escape.text(v),
    "label": lambda a, v: escape.text(a.label(v)),
    "labels": lambda a, v: escape.text(", ".join(a.label(x) for x in v)),
    "date": _date,
    "link": lambda a, v: a.link(v),
    "links": lambda a, v: Markup(", ").join(a.link(x) for x in v),
    "self": lambda a, v: md.link(a.ctx.linked, a.collection.name, v, a.page),
    "figures": lambda a, v: md.figures(v, a.cite, a.field.unit),
    "texts": lambda a, v: md.side_by_side([escape.text(t.value) + a.cite.cite(t.source) for t in v]),
    "companies": lambda a, v: md.side_by_side([a.link(f.value) + a.cite.cite(f.source) for f in v]),
    "yesno": lambda a, v: escape.text("yes" if v else "no"),
    "list": lambda a, v: escape.text(", ".join(v)),
    "count": lambda a, v: escape.text(str(len(v))),
    "url": lambda a, v: Markup(f"[{escape.text(v)}]({escape.url(v)})"),
    "entity-list": _entity_list,
}
