"""Stage 4: expand the narrative pages (Markdown with Jinja) into Markdown, before any page is rendered.

Narrative pages are content: their helpers put numbers, dates and citations from the data into the prose.
They are expanded here, after linking, so that what each one cites is known before the source pages are written.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from . import escape, md, news
from .cite import Citations, clusters, relative
from .dates import PartialDate
from .errors import Problem
from .explain import fmt_interval, status_label
from .link import Linked
from .load import Page
from .model import PageMeta, Sourced
from .numbers import number
from .story_charts import LINKING, figure, gap_now
from .templating import from_string
from .vocab import VERDICTS


@dataclass(frozen=True)
class Story:
    """A narrative page, expanded: Markdown with numbered footnotes, and the sources it cites in order."""

    name: str
    meta: PageMeta
    body: str
    cited: tuple[str, ...]

    @property
    def title(self) -> str:
        """The front matter's title, else the first heading, as themes do."""
        heading = next((line[2:].strip() for line in self.body.splitlines() if line.startswith("# ")), None)
        return self.meta.title or heading or self.name.removesuffix(".md")


def helpers(linked: Linked, page: str, cite: Citations) -> dict[str, Callable[..., Any]]:
    """`fig`, `point`, `date`, `metric`, `status`, `verdict`, `link`, `cite`, `cite_record`: see the editing guide."""
    records = linked.records

    def fig(collection: str, record_id: str, field: str, unit: str = "") -> Markup:
        values: list[Sourced] | None = getattr(records[collection][record_id], field)
        return md.figures(values, cite, unit)

    def point(sector_id: str, metric_id: str, period: str) -> Markup:
        sector = linked.dataset.sectors[sector_id]
        metric = next((m for m in sector.metrics if m.id == metric_id), None)
        if metric is None:
            raise KeyError(f"{sector_id}/{metric_id}")
        found = [p for p in metric.points if p.period.text == period]
        if not found:
            raise KeyError(f"{sector_id}/{metric_id}/{period}")
        unit = "%" if metric.unit == "percent" else f" {metric.unit}"
        parts = [escape.text(f"{number(p.value)}{unit}") + cite.cite(p.source) for p in found]
        return parts[0] if len(parts) == 1 else Markup(" or ").join(parts) + Markup(" (sources differ)")

    def date(collection: str, record_id: str, field: str) -> str:
        value = getattr(records[collection][record_id], field)
        if not isinstance(value, PartialDate):
            raise KeyError(f"{collection}/{record_id}.{field} has no date")
        return value.label()

    def metric(chip_id: str, name: str) -> str:
        return fmt_interval(name, getattr(linked.metrics[chip_id], name))  # type: ignore[arg-type]

    def status(chip_id: str, rule_id: str) -> str:
        label = status_label(linked.classifications[(chip_id, rule_id)])
        return label[0].lower() + label[1:]

    def verdict(claim_id: str) -> str:
        claim = linked.dataset.claims[claim_id]
        return VERDICTS.label(claim.verdict)

    def cite_record(collection: str, record_id: str) -> Markup:
        return cite.cite_all(getattr(records[collection][record_id], "sources", []))

    def chapters() -> list[dict[str, Any]]:
        """The story's chapters in order: number, title, the question each answers, and a link from this page."""
        return [
            {"number": meta.chapter, "title": _title(name, meta), "answers": meta.answers or "", "href": relative(name, page)}
            for name, meta in chapter_order(linked)
        ]

    def whats_new(limit: int = 5) -> list[dict[str, Any]]:
        """The latest dated events, newest first, each with a link to its record."""
        return [
            {"date": e.when, "link": md.link(linked, e.collection, e.id, page), "summary": e.summary}
            for e in news.events(linked)[:limit]
        ]

    def newest_fact() -> str:
        """The date of the newest dated event or sector figure, as the footer gives it."""
        return linked.newest_fact.label() if linked.newest_fact else ""

    def gap_today(us_vendors: list[str], china_vendor: str, line: str) -> dict[str, str]:
        """Where one line of the lead chart stands today: its chips, their TPP and since when."""
        return gap_now(linked, us_vendors, china_vendor, line)

    def chart(name: str, *args: Any, **kwargs: Any) -> Markup:
        if name in LINKING:
            kwargs.setdefault("page", page)
        return Markup("\n\n") + figure(linked, name, *args, **kwargs).html() + Markup("\n\n")

    return {
        "chart": chart,
        "gap_today": gap_today,
        "chapters": chapters,
        "whats_new": whats_new,
        "newest_fact": newest_fact,
        "fig": fig,
        "point": point,
        "date": date,
        "metric": metric,
        "status": status,
        "verdict": verdict,
        "cite": cite.cite,
        "cite_record": cite_record,
        "link": lambda collection, record_id: md.link(linked, collection, record_id, page),
    }


def chapter_order(linked: Linked) -> list[tuple[str, PageMeta]]:
    """The narrative pages that are chapters of the story, in order."""
    chapters = [(name, meta) for name, meta in linked.dataset.page_meta.items() if meta.chapter is not None]
    return sorted(chapters, key=lambda item: (item[1].chapter or 0, item[0]))


def _title(name: str, meta: PageMeta) -> str:
    return meta.title or name.removesuffix(".md")


def expand(linked: Linked, env: jinja2.Environment) -> tuple[dict[str, Story], list[Problem]]:
    """Every narrative page expanded; a page whose template fails becomes a problem at its file and line."""
    stories: dict[str, Story] = {}
    problems: list[Problem] = []
    for page in linked.dataset.pages:
        story = _expand(page, linked, env)
        if isinstance(story, Problem):
            problems.append(story)
        else:
            stories[page.name] = story
    return stories, problems


def _expand(page: Page, linked: Linked, env: jinja2.Environment) -> Story | Problem:
    cite = Citations(page.name, linked)
    try:
        template = from_string(env, page.body)
        text = template.render(page=page.name, num=number, **linked.records, **helpers(linked, page.name, cite))
    except jinja2.TemplateSyntaxError as exc:
        return _problem(page, exc.lineno, f"template error: {exc.message}")
    except Exception as exc:  # noqa: BLE001 - any failure inside an editor's template is a content problem
        message = f"template error: unknown id {exc}" if isinstance(exc, KeyError) else f"template error: {exc}"
        return _problem(page, _template_line(exc), message)
    text = clusters(text)
    notes = cite.footnotes()
    if notes:
        text = text.rstrip("\n") + "\n\n" + "\n".join(notes) + "\n"
    return Story(page.name, linked.dataset.page_meta[page.name], text, tuple(cite.order))


def _problem(page: Page, body_line: int, message: str) -> Problem:
    line = page.body_line + body_line - 1
    return Problem(page.display, line, 1, message, source_line=page.line(line))


def _template_line(exc: BaseException) -> int:
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename == "<template>" and frame.lineno:
            return frame.lineno
    return 1
