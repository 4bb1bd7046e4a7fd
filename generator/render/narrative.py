"""Narrative pages as published: escaped front matter, the expanded story, when it was last updated."""

from __future__ import annotations

from ..stories import Story
from ..templating import yaml_string
from .context import Context


def pages(ctx: Context) -> dict[str, str]:
    return {name: _page(ctx, story) for name, story in ctx.stories.items()}


def _page(ctx: Context, story: Story) -> str:
    # Themes print a page's title and description into HTML as they are: both are escaped.
    meta = [
        f"{key}: {yaml_string(value)}"
        for key, value in (("title", story.meta.title), ("description", story.meta.description))
        if value
    ]
    body = story.body
    if story.meta.updated:
        body = _after_heading(body, f"*Last updated {story.meta.updated.label()}.*\n{{: .page-updated }}\n")
    text = ("---\n" + "\n".join(meta) + "\n---\n" if meta else "") + body
    return text + ctx.glossary.for_page(text)


def _after_heading(body: str, line: str) -> str:
    """`line` as a paragraph under the page's first `# ` heading (or at the top when it has none)."""
    lines = body.split("\n")
    at = next((i for i, text in enumerate(lines) if text.startswith("# ")), -1)
    return "\n".join([*lines[: at + 1], "", line.rstrip("\n"), *lines[at + 1 :]])
