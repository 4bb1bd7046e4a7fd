"""Stage 4: expand the narrative pages (Markdown with Jinja) into Markdown, before any page is rendered.

Narrative pages are content: their helpers put numbers, dates and citations from the data into the prose.
They are expanded here, after linking, so that what each one cites is known before the source pages are written.
"""

from __future__ import annotations

import difflib
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, cast

import jinja2
from markupsafe import Markup

from . import escape, md, news
from . import story_errors as look
from .charts import Figure, absolute_links
from .cite import Citations, clusters, relative
from .dates import PartialDate
from .errors import Problem
from .explain import fmt_interval, status_label
from .link import Linked
from .load import Page
from .metrics import METRICS
from .model import Claim, PageMeta, Record, Sector, Sourced
from .numbers import number
from .registry import NAMES
from .story_charts import FIGURES, LINKING, figure, gap_now
from .story_errors import StoryError, call, suggest
from .templating import from_string
from .vocab import VERDICTS


@dataclass(frozen=True)
class Story:
    """A narrative page, expanded: Markdown with numbered footnotes, and the sources it cites in order."""

    name: str
    meta: PageMeta
    body: str
    cited: tuple[str, ...]
    figures: tuple[Figure, ...] = ()  # the charts the page draws, in order

    @property
    def title(self) -> str:
        """The front matter's title, else the first heading, as themes do."""
        heading = next((line[2:].strip() for line in self.body.splitlines() if line.startswith("# ")), None)
        return self.meta.title or heading or self.name.removesuffix(".md")


def helpers(
    linked: Linked, page: str, cite: Citations, site_url: str = "", drawn: list[Figure] | None = None
) -> dict[str, Callable[..., Any]]:
    """`fig`, `point`, `date`, `metric`, `status`, `verdict`, `link`, `cite`, `cite_record`: see the editing guide.

    Every lookup goes through `story_errors`, so a slip in an argument is a StoryError naming it in editors' words.
    Each chart drawn is added to `drawn`, for the site to publish as files of its own.
    """
    records = linked.records

    def fig(collection: str, record_id: str, field: str, unit: str = "") -> Markup:
        values: list[Sourced] | None = look.field(
            records, call("fig", collection, record_id, field), collection, record_id, field
        )
        return md.figures(values, cite, unit)

    def point(sector_id: str, metric_id: str, period: str) -> Markup:
        named = call("point", sector_id, metric_id, period)
        sector = cast(Sector, look.record(records, named, "sectors", sector_id))
        metric = next((m for m in sector.metrics if m.id == metric_id), None)
        if metric is None:
            known = [m.id for m in sector.metrics]
            message = f"{named}: no series '{metric_id}' in sectors[{sector_id}]{suggest(metric_id, known)}; its series are "
            raise StoryError(message + ", ".join(known), metric_id)
        found = [p for p in metric.points if p.period.text == period]
        if not found:
            periods = list(dict.fromkeys(p.period.text for p in metric.points))
            message = f"{named}: no value for '{period}' in the series {metric_id}; its periods are {', '.join(periods)}"
            raise StoryError(message, period)
        unit = "%" if metric.unit == "percent" else f" {metric.unit}"
        parts = [escape.text(f"{number(p.value)}{unit}") + cite.cite(p.source) for p in found]
        return parts[0] if len(parts) == 1 else Markup(" or ").join(parts) + Markup(" (sources differ)")

    def date(collection: str, record_id: str, field: str) -> str:
        named = call("date", collection, record_id, field)
        value = look.field(records, named, collection, record_id, field)
        if not isinstance(value, PartialDate):
            raise StoryError(f"{named}: '{field}' is not a date, or is not given", field)
        return value.label()

    def metric(chip_id: str, name: str) -> str:
        look.record(records, call("metric", chip_id, name), "chips", chip_id)
        if name not in METRICS:
            known = list(METRICS)
            message = (
                f"{call('metric', chip_id, name)}: no metric '{name}'{suggest(name, known)}; the metrics are {', '.join(known)}"
            )
            raise StoryError(message, name)
        return fmt_interval(name, getattr(linked.metrics[chip_id], name))

    def status(chip_id: str, rule_id: str) -> str:
        named = call("status", chip_id, rule_id)
        look.record(records, named, "chips", chip_id)
        look.record(records, named, "rules", rule_id)
        label = status_label(linked.classifications[(chip_id, rule_id)])
        return label[0].lower() + label[1:]

    def verdict(claim_id: str) -> str:
        claim = cast(Claim, look.record(records, call("verdict", claim_id), "claims", claim_id))
        return VERDICTS.label(claim.verdict)

    def cite_source(source_id: str) -> Markup:
        look.record(records, call("cite", source_id), "sources", source_id)
        return cite.cite(source_id)

    def cite_record(collection: str, record_id: str) -> Markup:
        return cite.cite_all(
            getattr(look.record(records, call("cite_record", collection, record_id), collection, record_id), "sources", [])
        )

    def link(collection: str, record_id: str) -> Markup:
        look.record(records, call("link", collection, record_id), collection, record_id)
        return md.link(linked, collection, record_id, page)

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
        if name not in FIGURES:
            known = list(FIGURES)
            raise StoryError(
                f"{call('chart', name)}: no chart '{name}'{suggest(name, known)}; the charts are {', '.join(known)}", name
            )
        if name in LINKING:
            kwargs.setdefault("page", page)
        try:
            figure_drawn = figure(linked, name, *args, **kwargs)
        except KeyError as exc:  # a chart looks its ids up itself: name the id and where it might be
            raise _unknown_id(records, "chart", name, str(exc.args[0])) from None
        if drawn is not None:
            drawn.append(figure_drawn)
        return Markup("\n\n") + figure_drawn.html(page, site_url) + Markup("\n\n")

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
        "cite": cite_source,
        "cite_record": cite_record,
        "link": link,
    }


def _unknown_id(records: Mapping[str, Mapping[str, Record]], helper: str, name: str, wanted: str) -> StoryError:
    holders = [c for c in NAMES if difflib.get_close_matches(wanted, list(records[c]), n=1, cutoff=0.8)]
    said = look.missing(records, holders[0], wanted) if holders else f"no record '{wanted}' in any collection"
    return StoryError(f"{call(helper, name)}: {said}", wanted)


def chapter_order(linked: Linked) -> list[tuple[str, PageMeta]]:
    """The narrative pages that are chapters of the story, in order."""
    chapters = [(name, meta) for name, meta in linked.dataset.page_meta.items() if meta.chapter is not None]
    return sorted(chapters, key=lambda item: (item[1].chapter or 0, item[0]))


def _title(name: str, meta: PageMeta) -> str:
    return meta.title or name.removesuffix(".md")


def expand(linked: Linked, env: jinja2.Environment, site_url: str = "") -> tuple[dict[str, Story], list[Problem]]:
    """Every narrative page expanded; a page whose template fails becomes a problem at its file and line.

    A chart is published under its name: two pages may draw the same chart, but not two charts under one name."""
    stories: dict[str, Story] = {}
    problems: list[Problem] = []
    unknown: dict[str, Problem] = {}  # an id nothing resembles: one problem, at its first mention
    for page in linked.dataset.pages:
        story = _expand(page, linked, env, site_url)
        if isinstance(story, Story):
            stories[page.name] = story
        elif isinstance(story, Problem):
            problems.append(story)
        elif story.missing_id not in unknown:
            unknown[str(story.missing_id)] = _problem(page, _template_line(story), story.message, story.needle)
    problems += _same_name_charts(stories, linked)
    return stories, problems + [_cited_everywhere(linked, first, record_id) for record_id, first in unknown.items()]


def _same_name_charts(stories: dict[str, Story], linked: Linked) -> list[Problem]:
    """Two different charts that would be published at one address, at the second page that draws one."""
    first: dict[str, tuple[str, Figure]] = {}
    problems = []
    pages = {page.name: page for page in linked.dataset.pages}
    for name, story in stories.items():
        for drawn in story.figures:
            # Compared as published: a linked chart's marks link relative to its page, the same targets either way.
            published = replace(drawn, wide=absolute_links(drawn.wide, name, ""), narrow=absolute_links(drawn.narrow, name, ""))
            seen = first.setdefault(drawn.name, (name, published))
            if seen[1] != published:
                page = pages[name]
                key = next((k for k in FIGURES if drawn.name.startswith(k)), drawn.name)
                needle = f'chart("{key}"'
                line = next((i for i, text in enumerate(page.body.splitlines(), 1) if needle in text), 1)
                message = (
                    f"chart '{drawn.name}' is drawn here with other data than on {seen[0]}, and both would be published "
                    f"at /charts/{drawn.name}/: draw it the same way on both pages, or give one other arguments"
                )
                problems.append(_problem(page, line, message, needle))
    return problems


def _cited_everywhere(linked: Linked, first: Problem, record_id: str) -> Problem:
    """The first mention's problem, naming every other page and line that names the id, and both fixes."""
    places = look.cited_in_pages(linked.dataset.pages, record_id)
    others = [f"{path}:{line}:{col}" for path, line, col in places if (path, line) != (first.path, first.line)]
    collection = next((c for c in NAMES if f"in {c}{look.ADD}" in first.message), None)
    home = linked.dataset.homes.get(collection or "", "the collection it belongs to")
    message = first.message.removesuffix(look.ADD) + look.retire_advice(record_id, others, home)
    return replace(first, message=message)


def _expand(page: Page, linked: Linked, env: jinja2.Environment, site_url: str) -> Story | Problem | StoryError:
    """The page expanded; else its problem, or the error itself for an id nothing resembles (`expand` gathers those)."""
    cite = Citations(page.name, linked)
    collections = {name: look.Collection(name, records, linked.records) for name, records in linked.records.items()}
    drawn: list[Figure] = []
    context: dict[str, Any] = {
        "page": page.name,
        "num": number,
        **collections,
        **helpers(linked, page.name, cite, site_url, drawn),
    }
    try:
        template = from_string(env.overlay(undefined=look.StoryUndefined), page.body)
        text = template.render(**context)
    except jinja2.TemplateSyntaxError as exc:
        return _problem(page, exc.lineno, f"template error: {exc.message}")
    except look.UnknownNameError as exc:
        helper_names = ", ".join(name for name in context if name not in (*NAMES, "page", "num"))
        message = (
            f"{exc.message}{suggest(exc.name, context)}: a page can use the collections ({', '.join(NAMES)}) "
            f"and the helpers ({helper_names})"
        )
        return _problem(page, _template_line(exc), message, exc.needle)
    except StoryError as exc:
        return exc if exc.missing_id else _problem(page, _template_line(exc), exc.message, exc.needle)
    except Exception as exc:  # noqa: BLE001 - any other failure inside an editor's template is a content problem
        return _problem(page, _template_line(exc), f"template error: {exc}")
    text = clusters(text)
    notes = cite.footnotes()
    if notes:
        text = text.rstrip("\n") + "\n\n" + "\n".join(notes) + "\n"
    return Story(page.name, linked.dataset.page_meta[page.name], text, tuple(cite.order), tuple(drawn))


def _problem(page: Page, body_line: int, message: str, needle: str | None = None) -> Problem:
    line = page.body_line + body_line - 1
    col = look.column(page.line(line), needle) if needle is not None else 1
    return Problem(page.display, line, col, message, source_line=page.line(line))


def _template_line(exc: BaseException) -> int:
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename == "<template>" and frame.lineno:
            return frame.lineno
    return 1
