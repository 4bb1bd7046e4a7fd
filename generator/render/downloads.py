"""The downloads page (with its Dataset JSON-LD): the files, the data package, releases, licence, citing, embedding."""

from __future__ import annotations

import re

from ..dates import day_label
from ..guide import guide
from ..registry import COLLECTIONS
from .context import Context, SitePage


def downloads(ctx: Context, page: SitePage) -> dict[str, str]:
    """Every data file with its size in records, and the data set described for search engines (JSON-LD)."""
    records = ctx.linked.records
    files = [{"collection": c.name, "title": c.title, "count": len(records[c.name])} for c in COLLECTIONS]
    distribution = [{"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": "data/explainer.json"}]
    distribution += [
        {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": f"data/{row['collection']}.csv"} for row in files
    ]
    distribution.append({"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": "data/datapackage.json"})
    latest, since = ctx.releases.latest, ctx.releases.unreleased
    newest = ctx.linked.newest_fact
    jsonld = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": ctx.settings.site_name,
        "description": "Sourced, dated facts on US export controls on China's tech sector, the chips they target, "
        "who buys them, and the spillovers into solar and electric vehicles.",
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "creator": {"@type": "Organization", "name": ctx.settings.site_name},
        "temporalCoverage": f"2018/{newest.end.isoformat()}" if newest else None,
        "version": latest.name if latest else None,
        "distribution": distribution,
    }
    text = ctx.page(
        page.path,
        "downloads.md.j2",
        title=page.title,
        files=files,
        total=sum(len(r) for r in records.values()),
        rules=len(ctx.linked.dataset.rules),
        jsonld={k: v for k, v in jsonld.items() if v is not None},
        site_name=ctx.settings.site_name,
        newest=newest.label() if newest else "",
        release=day_label(latest.day) if latest else None,
        unreleased=len(since.added) + len(since.changed) + len(since.retired) if since else 0,
    )
    return {page.path: text}


def editing_guide(ctx: Context, page: SitePage) -> dict[str, str]:
    """Every collection and field of the content, from the models."""
    models = guide(ctx.linked.dataset)
    longest = max((len(run) for m in models for run in re.findall(r"`+", m.example or "")), default=0)
    fence = "`" * max(3, longest + 1)
    return {page.path: ctx.page(page.path, "editing-guide.md.j2", title=page.title, models=models, fence=fence)}
