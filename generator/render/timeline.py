"""The timeline, and one page per actor and per kind so that filtering works without JavaScript."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import charts, md
from ..charts import Figure
from ..cite import relative
from ..link import Event
from ..output import Raster
from ..story_charts import timeline_strip
from ..vocab import ACTORS, EVENT_KINDS
from .context import Context, SitePage


def pages(ctx: Context, page: SitePage) -> dict[str, str | Raster]:
    """The whole timeline with its strip chart (and the chart's files), and a page per actor and per kind beside it
    (`timeline/us.md`)."""
    folder = page.url
    strip = timeline_strip(ctx.linked, page=page.path, chart_id="fig-timeline")
    files: dict[str, str | Raster] = {page.path: _page(ctx, page, page.path, page.title, lambda e: True, strip)}
    files |= charts.files(strip, page.path, ctx.settings.site_url)
    for actor, label in ACTORS.labels.items():
        path = f"{folder}/{actor}.md"
        files[path] = _page(ctx, page, path, f"{page.title}: {label}", lambda e, a=actor: e.actor == a)  # type: ignore[misc]
    for kind, label in EVENT_KINDS.labels.items():
        path = f"{folder}/{kind}.md"
        files[path] = _page(ctx, page, path, f"{page.title}: {label}s", lambda e, k=kind: e.kind == k)  # type: ignore[misc]
    return files


def _page(
    ctx: Context, whole: SitePage, path: str, title: str, keep: Callable[[Event], bool], strip: Figure | None = None
) -> str:
    years: dict[int, list[dict[str, Any]]] = {}
    for e in filter(keep, ctx.linked.timeline):
        years.setdefault(e.when.year, []).append(
            {
                "date": e.when.label(),
                "link": md.link(ctx.linked, e.collection, e.id, path),
                "actor": e.actor,
                "actor_label": ACTORS.label(e.actor),
                "kind": e.kind,
                "kind_label": EVENT_KINDS.label(e.kind),
                "ended": e.ended,
            }
        )
    filters = {
        "actors": [(label, relative(f"{whole.url}/{key}.md", path)) for key, label in ACTORS.labels.items()],
        "kinds": [(label + "s", relative(f"{whole.url}/{key}.md", path)) for key, label in EVENT_KINDS.labels.items()],
        "all": relative(whole.path, path),
        "actor_codes": "|".join(f"{key}:{label}" for key, label in ACTORS.labels.items()),
        "kind_codes": "|".join(f"{key}:{label}s" for key, label in EVENT_KINDS.labels.items()),
    }
    return ctx.page(
        path,
        "timeline.md.j2",
        title=title,
        full=path == whole.path,
        scripts=whole.scripts if path == whole.path else (),
        years=sorted(years.items()),
        filters=filters,
        count=sum(len(v) for v in years.values()),
        strip=strip.html(path, ctx.settings.site_url) if strip else "",
    )
