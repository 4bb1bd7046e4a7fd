"""Per-page citations: numbered footnotes that link to the sources pages."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markupsafe import Markup

from . import escape

if TYPE_CHECKING:
    from .link import Linked
    from .model import Source


def relative(target: str, page: str) -> str:
    """A Markdown link from `page` to `target`, both paths relative to the site root.

    Called for every link on every page, so it avoids `posixpath.relpath` (which normalises both paths).
    """
    folder = page.rpartition("/")[0]
    if not folder:
        return target
    if target.startswith(folder + "/"):
        return target[len(folder) + 1 :]
    return "../" * (folder.count("/") + 1) + target


class Citations:
    """Numbers sources in the order one page first cites them. One per page, never shared between pages."""

    def __init__(self, page: str, linked: Linked) -> None:
        self.page = page
        self.linked = linked
        self.order: list[str] = []

    def cite(self, source_id: str) -> Markup:
        if source_id not in self.linked.sources:
            raise KeyError(f"no source '{source_id}'")
        if source_id not in self.order:
            self.order.append(source_id)
        return Markup(f"[^{self.order.index(source_id) + 1}]")

    def cite_all(self, source_ids: list[str] | tuple[str, ...]) -> Markup:
        return Markup("".join(self.cite(s) for s in source_ids))

    def footnotes(self) -> list[Markup]:
        notes = []
        for number, source_id in enumerate(self.order, start=1):
            source = self.linked.sources[source_id]
            page = relative(f"sources/{source_id}.md", self.page)
            date = f", {source.published.label()}" if source.published else ""
            title = self.linked.link_text("sources", source_id)
            notes.append(
                Markup(f"[^{number}]: [{title}]({page}), {escape.text(source.publisher)}{escape.text(date)}. ")
                + _where_read(source)
            )
        return notes


def _where_read(source: Source) -> Markup:
    """A copy says where it was read: the address is the copy's, not the original publisher's."""
    if source.url is None:
        read = Markup(f"Read in {escape.text(source.read_at or '')}")
        if source.original_url is None:
            return read
        return read + Markup(f"; [original's address, as given there]({escape.url(source.original_url)})")
    where = f"Read at {source.read_at}" if source.read_at else "Original"
    return Markup(f"[{escape.text(where)}]({escape.url(source.url)})")


_CLUSTER = re.compile(r"(?:\[\^\d+\]){2,}")
_MARKER = re.compile(r"\[\^(\d+)\]")
SEPARATOR = '<sup class="fn-sep">,</sup>'
RANGE = '<sup class="fn-sep">–</sup>'


def clusters(markdown: str) -> str:
    """Adjacent footnote markers read as one cluster: `¹,³` or, for three or more in a row, `²–⁵`.

    The separator is written between the markers themselves (a style rule between any two markers would also
    draw a comma across the words between two citations). Markers inside a collapsed range stay in the page,
    hidden, so that every footnote's link back to its marker still lands.
    """
    return _CLUSTER.sub(_cluster, markdown)


def _cluster(match: re.Match[str]) -> str:
    numbers = sorted({int(n) for n in _MARKER.findall(match.group(0))})
    if len(numbers) == 1:
        return f"[^{numbers[0]}]"
    if len(numbers) >= 3 and numbers[-1] - numbers[0] == len(numbers) - 1:
        hidden = "".join(f"[^{n}]" for n in numbers[1:-1])
        return f'[^{numbers[0]}]{RANGE}<span class="fn-collapsed" data-search-exclude>{hidden}</span>[^{numbers[-1]}]'
    return SEPARATOR.join(f"[^{n}]" for n in numbers)
