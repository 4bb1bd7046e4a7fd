"""Narrative pages as published: escaped front matter, the expanded story, when it was last updated."""

from __future__ import annotations

from .. import charts, escape
from ..cite import citation_box, page_citation, relative
from ..output import Raster
from ..stories import Story, chapter_order
from ..templating import yaml_string
from .context import Context


def pages(ctx: Context) -> dict[str, str | Raster]:
    """Each story page, and the files of each chart the stories draw (a chart drawn twice belongs to its first page)."""
    out: dict[str, str | Raster] = {name: _page(ctx, story) for name, story in ctx.stories.items()}
    for name, story in ctx.stories.items():
        for figure in story.figures:
            if f"{charts.FOLDER}/{figure.name}.svg" not in out:
                out |= charts.files(figure, name, ctx.settings.site_url)
    return out


def _page(ctx: Context, story: Story) -> str:
    # Themes print a page's title and description into HTML as they are: both are escaped.
    meta = [
        f"{key}: {yaml_string(value)}"
        for key, value in (("title", story.meta.title), ("description", story.meta.description))
        if value
    ]
    # Story chapters rank above records and sources for broad queries; the home page just below them.
    boost = 20 if story.meta.chapter else 6 if story.name == "index.md" else None
    if boost:
        meta.append(f"search:\n  boost: {boost}")
    if story.meta.hide:
        meta.append("hide: [" + ", ".join(story.meta.hide) + "]")
    body = story.body
    if story.meta.updated:
        reach = ctx.linked.newest_resting_on(set(story.cited))
        facts = f" Its facts run to {reach.label()}." if reach else ""
        body = _after_heading(body, f"*Last updated {story.meta.updated.label()}.{facts}*\n{{: .page-updated }}\n")
    if story.meta.chapter:
        citation = page_citation(ctx.linked, ctx.settings, story.name, story.title, story.cited)
        body = _before_footnotes(body, str(citation_box(citation)))  # str: Markup would escape the body it joins
    order = [name for name, _ in chapter_order(ctx.linked)]
    if story.name in order:
        body = _chapter_nav(ctx, story, order, body)
    text = ("---\n" + "\n".join(meta) + "\n---\n" if meta else "") + body
    return ctx.glossary.mark(text)


def _after_heading(body: str, line: str) -> str:
    """`line` as a paragraph under the page's first `# ` heading (or at the top when it has none)."""
    lines = body.split("\n")
    at = next((i for i, text in enumerate(lines) if text.startswith("# ")), -1)
    return "\n".join([*lines[: at + 1], "", line.rstrip("\n"), *lines[at + 1 :]])


def _chapter_nav(ctx: Context, story: Story, order: list[str], body: str) -> str:
    """'Chapter N of M' under the heading, previous and next chapter links before the footnotes."""
    index = order.index(story.name)
    body = _after_heading(
        body, f"**Chapter {index + 1} of {len(order)}** · [The story](index.md#the-story)\n{{: .chapter-kicker }}\n"
    )
    links = []
    for step, rel, arrow in ((-1, "prev", "←"), (1, "next", "→")):
        at = index + step
        if 0 <= at < len(order):
            other = ctx.stories[order[at]]
            words = f"Chapter {at + 1}: {escape.text(other.title)}"
            text = f"{arrow} {words}" if step < 0 else f"{words} {arrow}"
            links.append(f"[{text}]({relative(order[at], story.name)}){{ .chapter-{rel} rel={rel} }}")
    if not links:
        return body
    nav = '<nav class="chapter-nav" aria-label="Chapters" markdown>\n\n' + "\n".join(links) + "\n\n</nav>\n"
    return _before_footnotes(body, nav)


def _before_footnotes(body: str, block: str) -> str:
    """`block` at the end of the page's text, before its footnotes."""
    at = body.find("\n[^1]: ")
    return body + "\n" + block if at < 0 else body[:at] + "\n\n" + block + body[at:]
