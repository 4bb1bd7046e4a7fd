"""Record pages kept between `mkdocs serve` rebuilds: a page is rendered again only when something it read changed.

While a record page renders, each lookup it makes in the linked data (a title, a record, a source, a chip's status
history, membership of an id, a whole mapping) is noted with the value it got. On the next build the page is reused
when every lookup gives an equal value again. What no lookup can see (the settings with today's date, the glossary,
the templates, the rules, the measures' controls and the newest fact's date) is compared once per build; any change
there renders every page.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..link import Linked
from ..output import Raster

if TYPE_CHECKING:  # the context holds a memo; the memo only reads contexts it is handed
    from .context import Context

Name = str | tuple[str, str]  # a mapping of the linked data or the context, e.g. "titles" or ("records", "chips")
Read = tuple[Name, Any, Any]  # (mapping, key or WHOLE, the value the page got)
Files = Mapping[str, "str | Raster"]  # a page and the files that go with it (its charts)

WHOLE = "<the whole mapping>"
_MISSING = object()
_WATCHED = ("sources", "titles", "backlinks", "metrics", "classifications", "histories", "entity_listings", "source_reach")


class _Watched(Mapping[Any, Any]):
    """A read-only view of one mapping that notes every lookup into `reads`."""

    def __init__(self, name: Name, data: Mapping[Any, Any], reads: list[Read]) -> None:
        self._name, self._data, self._reads = name, data, reads

    def __getitem__(self, key: Any) -> Any:
        value = self._data.get(key, _MISSING)
        self._reads.append((self._name, key, value))
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return self.get(key, _MISSING) is not _MISSING

    def __iter__(self) -> Iterator[Any]:
        self._reads.append((self._name, WHOLE, self._data))
        return iter(self._data)

    def __len__(self) -> int:
        self._reads.append((self._name, WHOLE, self._data))
        return len(self._data)


def _mapping(ctx: Context, name: Name) -> Mapping[Any, Any]:
    if isinstance(name, tuple):
        return ctx.linked.records[name[1]]
    if name == "cited_by":
        return ctx.cited_by
    value: Mapping[Any, Any] = getattr(ctx.linked, name)
    return value


def _watching(ctx: Context, reads: list[Read]) -> Context:
    """The same context, with each mapping a page may look into replaced by a view that notes the lookups."""
    # The views stand in for the dicts the types name; pages only read them, as Mapping allows.
    records: dict[str, Any] = {"records": {c: _Watched(("records", c), d, reads) for c, d in ctx.linked.records.items()}}
    views: dict[str, Any] = {name: _Watched(name, getattr(ctx.linked, name), reads) for name in _WATCHED}
    linked = dataclasses.replace(ctx.linked, dataset=dataclasses.replace(ctx.linked.dataset, **records), **views)
    cited_by: dict[str, Any] = {"cited_by": _Watched("cited_by", ctx.cited_by, reads)}
    return dataclasses.replace(ctx, linked=linked, **cited_by)


def _unchanged(ctx: Context, reads: tuple[Read, ...]) -> bool:
    for name, key, value in reads:
        data = _mapping(ctx, name)
        now = data if key is WHOLE else data.get(key, _MISSING)
        if now is not value and now != value:
            return False
    return True


def _shared(ctx: Context) -> tuple[Any, ...]:
    """What every record page depends on without looking it up."""
    linked: Linked = ctx.linked
    templates = hashlib.sha256()
    for name in sorted(ctx.env.list_templates()):
        source, _, _ = ctx.env.loader.get_source(ctx.env, name) if ctx.env.loader else ("", None, None)
        templates.update(name.encode() + b"\0" + source.encode())
    return (ctx.settings, ctx.glossary.tips, templates.digest(), linked.rules, linked.controls, linked.newest_fact)


class PageMemo:
    """Each record page's text and the lookups it made, from one build to the next."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[tuple[Read, ...], Files]] = {}
        self._shared: tuple[Any, ...] | None = None
        self.rendered: list[str] = []  # the pages the last build rendered again (the preview logs how many)

    def begin(self, ctx: Context) -> None:
        """Forget every page when what all of them depend on has changed."""
        self.rendered = []
        shared = _shared(ctx)
        if shared != self._shared:
            self._pages.clear()
            self._shared = shared

    def page(self, path: str, ctx: Context, render: Callable[[Context], Files]) -> Files:
        """The page's files (its Markdown and its charts' files), rendered again only if a lookup's value changed."""
        kept = self._pages.get(path)
        if kept is not None and _unchanged(ctx, kept[0]):
            return kept[1]
        reads: list[Read] = []
        self.rendered.append(path)
        text = render(_watching(ctx, reads))
        self._pages[path] = (tuple(reads), text)
        return text
