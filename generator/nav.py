"""The site navigation, for every engine: each collection's index page in the Data section."""

from __future__ import annotations

from typing import Any

from .registry import COLLECTIONS


def with_collection_indexes(nav: list[Any], section: str) -> list[Any]:
    """The nav with every collection's index page in `section`, so a new collection needs no nav edit."""
    listed = set(_nav_pages(nav))
    missing = [{c.title: f"{c.name}/index.md"} for c in COLLECTIONS if f"{c.name}/index.md" not in listed]
    if not missing:
        return nav
    out = []
    for item in nav:
        if isinstance(item, dict) and section in item and isinstance(item[section], list):
            item = {section: [*item[section], *missing]}
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
