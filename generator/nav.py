"""The site navigation, for every engine: the editor's nav with every generated page in its section."""

from __future__ import annotations

from typing import Any

from . import pages as declared
from .registry import COLLECTIONS


def site_nav(nav: list[Any], data_section: str) -> list[Any]:
    """`nav` completed: each declared page in its section, each collection's index page in `data_section`.

    A section may sit inside another (the collections inside "Data and updates", so that a theme shows them
    collapsed). A section the nav lacks is added at its end, and so are declared pages without a section. Pages
    the nav already lists stay where the editor put them, so completing a completed nav changes nothing.
    """
    listed = set(_nav_pages(nav))
    wanted: dict[str | None, list[dict[str, str]]] = {}
    for page in declared.PAGES:
        if page.in_nav and page.path not in listed:
            wanted.setdefault(page.section, []).append({page.title: page.path})
    indexes = [{c.title: f"{c.name}/index.md"} for c in COLLECTIONS if f"{c.name}/index.md" not in listed]
    if indexes:
        wanted.setdefault(data_section, []).extend(indexes)
    out = _fill(nav, wanted)
    top = wanted.pop(None, [])
    out += [{section: pages} for section, pages in wanted.items() if section is not None]
    return out + top


def _fill(items: list[Any], wanted: dict[str | None, list[dict[str, str]]]) -> list[Any]:
    """Each section at any depth gets its wanted pages after the editor's (taken from `wanted` as they are placed)."""
    out = []
    for item in items:
        if isinstance(item, dict) and len(item) == 1:
            ((section, pages),) = item.items()
            if isinstance(pages, list | None):
                filled = _fill(pages or [], wanted)
                item = {section: [*filled, *wanted.pop(section, [])]}
        out.append(item)
    return out


def _nav_pages(nav: Any) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in _nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return []
