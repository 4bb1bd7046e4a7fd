"""Markdown pieces shared by every page and by the narrative helpers: links to records and sourced figures."""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup

from . import escape
from .cite import Citations, relative
from .link import Linked
from .model import Sourced
from .numbers import number


def link(linked: Linked, collection: str, record_id: str, page: str) -> Markup:
    """`[Nvidia H20](../chips/nvidia-h20.md)`, named by the record's title, relative to `page`."""
    return Markup(f"[{linked.link_text(collection, record_id)}]({relative(f'{collection}/{record_id}.md', page)})")


def links(linked: Linked, collection: str, ids: Iterable[str], page: str) -> Markup:
    return Markup(", ".join(link(linked, collection, i, page) for i in ids))


def side_by_side(parts: list[Markup]) -> Markup:
    """One value, or every source's value when they disagree."""
    if len(parts) == 1:
        return parts[0]
    return Markup("**Sources disagree:** ") + Markup(" · ").join(parts)


def figures(values: list[Sourced] | None, cite: Citations, unit: str = "") -> Markup:
    """One or more sourced figures, side by side when sources disagree."""
    if not values:
        return Markup("—")
    parts = []
    for v in values:
        shown = " ".join(filter(None, [v.qualifier, number(v.value), v.unit or unit]))
        extra = f" (as of {v.as_of.label()})" if v.as_of else ""
        note = Markup(f" — {escape.markdown(v.note)}") if v.note else Markup("")
        parts.append(Markup(f"{escape.text(shown + extra)}{cite.cite(v.source)}{note}"))
    return side_by_side(parts)


def description(markdown_text: str, limit: int = 160) -> str:
    """A plain one-line summary for meta tags and tooltips."""
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    plain = " ".join(re.sub(r"[*_`#>]", "", plain).split())
    return plain if len(plain) <= limit else plain[: limit - 1].rsplit(" ", 1)[0] + "…"
