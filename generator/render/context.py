"""What every page builder reads: the linked data, the expanded stories and the citation index, frozen."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import jinja2

from ..cite import clusters
from ..link import Citer, Linked
from ..md import description
from ..model import Term
from ..output import Raster, address
from ..releases import History
from ..settings import Settings
from ..stories import Story

if TYPE_CHECKING:
    from .memo import PageMemo


class Glossary:
    """Each glossary term's first mention on a page, marked with its definition (a tooltip on hover, focus or tap).

    Only the first mention of a term is marked, in running text (never in headings, links, code or markup), so
    that a page is not underlined all over; the mark can take focus, so a tap or the keyboard shows it too.
    """

    _PROTECTED = re.compile(r"\[\^[^\]]+\]|\[(?:\\.|[^\]\\])*\]\([^)]*\)|`[^`]*`|<[^>]*>|\{[^}]*\}|https?://\S+")
    _SKIP = ("#", "[^", "<", "!!!", "???", "*[", "{:", "|---", "---", "```")

    def __init__(self, terms: Iterable[Term]) -> None:
        self.tips: dict[str, tuple[str, str]] = {}  # name → (term id, definition)
        for term in terms:
            tip = description(term.definition, limit=240)
            for name in dict.fromkeys([term.term.split(" (")[0], *term.aliases]):
                if self._WORD.search(name) and "]" not in name and "[" not in name:
                    self.tips.setdefault(name, (term.id, tip))
        names = sorted(self.tips, key=len, reverse=True)
        named = "(?<![\\w-])(" + "|".join(re.escape(n) for n in names) + ")(?![\\w-])"
        self.pattern = re.compile(named) if names else None
        # One pass per line: at each position a protected span is tried first, so no term inside one is marked.
        self._spans = re.compile(f"{self._PROTECTED.pattern}|{named}") if names else None

    _WORD = re.compile(r"\w")

    def mark(self, text: str) -> str:
        """`text` with the first mention of each term in running text wrapped in an `<abbr>` that can take focus."""
        if self.pattern is None:
            return text
        seen: set[str] = set()
        out = []
        fenced = False
        lines = text.split("\n")
        start = text.index("\n---\n", 4) + 5 if text.startswith("---\n") else 0  # front matter stays as it is
        front = text[:start].count("\n")
        for number, line in enumerate(lines):
            stripped = line.lstrip()
            if stripped.startswith("```"):
                fenced = not fenced
            if number < front or fenced or not stripped or stripped.startswith(self._SKIP) or not self.pattern.search(line):
                out.append(line)  # most lines mention no term: skip the careful pass
                continue
            out.append(self._mark_line(line, seen))
        return "\n".join(out)

    def _mark_line(self, line: str, seen: set[str]) -> str:
        assert self._spans is not None
        return self._spans.sub(lambda m: self._abbr(m, seen) if m.group(1) else m.group(0), line)

    def _abbr(self, match: re.Match[str], seen: set[str]) -> str:
        name = match.group(1)
        term_id, tip = self.tips[name]
        if term_id in seen:
            return name
        seen.add(term_id)
        return f'<abbr title="{html.escape(tip, quote=True)}" tabindex="0">{name}</abbr>'


@dataclass(frozen=True, kw_only=True)
class SitePage:
    """A page the site makes besides record pages and story chapters, declared once in `generator.pages.PAGES`."""

    path: str  # its Markdown path, e.g. "chips/compare.md"; the page lives at /chips/compare/
    title: str  # the page's heading, its navigation entry and its search result's name
    section: str | None  # the navigation section that lists it; None: listed at the top level
    search_label: str  # what search results call it ("Tool")
    build: Callable[[Context, SitePage], Mapping[str, str | Raster]]  # its Markdown, and any pages and files that go with it
    scripts: tuple[str, ...] = ()  # scripts only this page loads
    in_nav: bool = True

    @property
    def url(self) -> str:
        """Its address without slashes: 'chips/compare'."""
        return address(self.path).strip("/")


@dataclass(frozen=True)
class Context:
    linked: Linked
    stories: dict[str, Story]
    cited_by: dict[str, tuple[Citer, ...]]
    settings: Settings
    env: jinja2.Environment
    glossary: Glossary
    memo: PageMemo | None = None  # record pages kept from the previous build, while previewing
    releases: History = field(default_factory=History)  # the data's dated releases and what each changed

    def page(self, path: str, template: str, *, scripts: tuple[str, ...] = (), **context: Any) -> str:
        """A page's Markdown from its template, with tooltips for the glossary terms it mentions."""
        text = self.env.get_template(template).render(page=path, scripts=scripts, **context)
        return self.glossary.mark(clusters(text))
