"""Per-page citations: numbered footnotes that link to the sources pages, and the "Cite this page" box."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from . import escape
from .dates import PartialDate, day_label
from .output import address

if TYPE_CHECKING:
    from .link import Linked
    from .model import Source
    from .settings import Settings


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


# -- "Cite this page": the reference a reader pastes, in plain text, BibTeX and CSL-JSON ---------------------------


@dataclass(frozen=True)
class Work:
    """One thing to cite: a page of the site or a source it rests on."""

    key: str  # the BibTeX key and CSL-JSON id
    title: str
    author: str  # an organisation: the site, or the source's publisher
    url: str  # empty when the text has no address of its own (a note read in a repository)
    issued: PartialDate | None  # a page: the newest fact it rests on (its facts' edition); a source: its publication
    accessed: date
    kind: str = "webpage"  # the CSL type
    where: str = ""  # where a copy was read (at `url`), or a text without an address
    titled: bool = True  # False: `title` describes a document that shows no headline
    site: str = ""  # for a page: the site it belongs to

    def plain(self) -> str:
        """A reference to paste: “The chip gap”. SITE, facts as of August 2025. https://… (accessed 1 December 2026)."""
        accessed = f"(accessed {day_label(self.accessed)})"
        if self.site:
            facts = f", facts as of {self.issued.label()}" if self.issued else ""
            return f"“{self.title}”. {self.site}{facts}. {self.url} {accessed}."
        # a description is not a headline: it is not quoted as one
        title = f"“{self.title}”" if self.titled else self.title
        head = f"{self.author}, {title}" + (f", {self.issued.label()}" if self.issued else "") + "."
        if not self.url:
            return f"{head} Read in {self.where}."
        return f"{head}{f' Read at {self.where}:' if self.where else ''} {self.url} {accessed}."

    def bibtex(self) -> str:
        fields = [("title", self.title), ("author", "{" + _bib(self.author) + "}")]
        if self.site:
            fields.append(("howpublished", self.site))
        if self.issued:
            fields.append(("year", str(self.issued.year)))
            if self.issued.precision in ("month", "day"):
                fields.append(("month", str(self.issued.start.month)))
        if self.url:
            fields += [("url", self.url), ("urldate", self.accessed.isoformat())]
        if self.site and self.issued:
            fields.append(("note", f"Facts as of {self.issued.label()}"))
        elif self.where:
            fields.append(("note", self._read()))
        body = ",\n".join(f"  {name} = {{{value if name == 'author' else _bib(value)}}}" for name, value in fields)
        return f"@misc{{{self.key},\n{body}\n}}\n"

    def csl(self) -> dict[str, Any]:
        item: dict[str, Any] = {"id": self.key, "type": self.kind, "title": self.title, "author": [{"literal": self.author}]}
        if self.site:
            item["container-title"] = self.site
        if self.issued:
            item["issued"] = {"date-parts": [_date_parts(self.issued)]}
        if self.url:
            item["URL"] = self.url
            item["accessed"] = {"date-parts": [[self.accessed.year, self.accessed.month, self.accessed.day]]}
        if self.where:
            item["note"] = self._read()
        return item

    def _read(self) -> str:
        return f"Read at {self.where}" if self.url else f"Read in {self.where}"


@dataclass(frozen=True)
class PageCitation:
    """A page's reference, and for a record page the references of the sources it rests on."""

    page: Work
    sources: tuple[Work, ...]

    def bibtex(self) -> str:
        return "\n".join(w.bibtex() for w in (self.page, *self.sources))

    def csl_json(self) -> str:
        """A CSL-JSON array, one item to a line."""
        items = [json.dumps(w.csl(), ensure_ascii=False) for w in (self.page, *self.sources)]
        return "[\n  " + ",\n  ".join(items) + "\n]\n"


# BibTeX reads these as commands or groups; escaped, they print as themselves.
_BIB_SPECIAL = re.compile(r"([&%$#_{}~^\\])")
_BIB_ESCAPES = {"~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}
_CSL_TYPES = {"news": "article-newspaper", "research": "report", "dataset": "dataset", "official": "legislation"}


def _bib(value: str) -> str:
    return _BIB_SPECIAL.sub(lambda m: _BIB_ESCAPES.get(m.group(1), "\\" + m.group(1)), value)


def _date_parts(when: PartialDate) -> list[int]:
    """As precise as the date is known: [2025], [2025, 8] or [2025, 8, 14] (a quarter or span by its first month/day)."""
    if when.precision in ("year", "quarter"):
        return [when.start.year]
    if when.precision == "month":
        return [when.start.year, when.start.month]
    return [when.start.year, when.start.month, when.start.day]


def page_url(site_url: str, path: str) -> str:
    """The page's canonical address: the site's address and the page's (only the path when the site's is unknown)."""
    where = address(path).lstrip("/")
    return site_url.rstrip("/") + "/" + where if site_url else "/" + where


def page_citation(
    linked: Linked, settings: Settings, path: str, title: str, cited: Iterable[str], record_sources: Iterable[str] = ()
) -> PageCitation:
    """How to cite the page at `path`: its address, title, the site, how far the facts it cites reach, today's date."""
    key = "explainer-" + (path.removesuffix(".md").removesuffix("/index").replace("/", "-") or "home")
    page = Work(
        key=key,
        title=title,
        author=settings.site_name,
        url=page_url(settings.site_url, path),
        issued=linked.newest_resting_on(set(cited)),
        accessed=settings.today,
        site=settings.site_name,
    )
    return PageCitation(page, tuple(_source_work(linked.sources[s], linked) for s in record_sources))


def _source_work(source: Source, linked: Linked) -> Work:
    return Work(
        key=source.id,
        title=linked.title("sources", source.id),
        author=source.publisher,
        url=source.url or "",
        issued=source.published,
        accessed=source.accessed.start,
        kind=_CSL_TYPES.get(source.kind or "", "webpage"),
        where=source.read_at or "",
        titled=source.title is not None,
    )


def citation_box(citation: PageCitation, data: Markup | None = None) -> Markup:
    """The "Cite this page" block: the plain reference (and a record's sources) in a box, BibTeX and CSL-JSON to open.

    The BibTeX and CSL-JSON are raw HTML blocks of one line each (newlines as `&#10;`): Markdown leaves them as they
    are, glossary marks never reach inside them, and search does not index them.
    """
    lines = ['!!! quote "Cite this page"', f"    {escape.text(citation.page.plain())}"]
    if citation.sources:
        lines += ["", "    This record rests on these sources:", ""]
        lines += [f"    - {escape.text(work.plain())}" for work in citation.sources]
    if data:
        lines += ["", f"    {data}"]
    lines.append("")
    for label, language, text in (("BibTeX", "bibtex", citation.bibtex()), ("CSL-JSON", "json", citation.csl_json())):
        code = html.escape(text.rstrip("\n"), quote=False).replace("\n", "&#10;")
        lines += [
            f'<details class="cite-format" data-search-exclude><summary>{label}</summary>'
            f'<pre><code class="language-{language}">{code}</code></pre></details>',
            "",
        ]
    return Markup("\n".join(lines))
