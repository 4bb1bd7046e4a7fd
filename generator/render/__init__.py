"""Stage 5: small page builders over a frozen context, each returning `{relative path: Markdown}`."""

from __future__ import annotations

from collections.abc import Callable

from . import chips, downloads, indexes, narrative, news, records, timeline
from .context import Context, Glossary

BUILDERS: tuple[Callable[[Context], dict[str, str]], ...] = (
    records.pages,
    indexes.pages,
    timeline.pages,
    chips.pages,
    downloads.pages,
    narrative.pages,
    news.pages,
)


def render(ctx: Context) -> dict[str, str]:
    """Every page of the site. Builders share nothing but the context, so their order does not matter."""
    files: dict[str, str] = {}
    for build in BUILDERS:
        files.update(build(ctx))
    return files


__all__ = ["Context", "Glossary", "render"]
