"""Stage 5: Jinja templates turn the linked records into `{relative path: Markdown}`."""

from __future__ import annotations

import html
import json
import re
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from . import escape
from .chart import PlotPoint, Region, line_svg, plane_svg
from .cite import Citations, relative
from .dates import PartialDate
from .engine import BIT_LENGTH, METRIC_LABELS
from .errors import Problem
from .explain import STATUS_LABELS, check_rows, metric_summary, verdict
from .explain import fmt as fmt_metric
from .export import rules_json
from .guide import guide
from .link import ACTOR_LABELS, KIND_LABELS, Event, Linked, first_date
from .model import (
    Chip,
    Claim,
    Company,
    Criterion,
    Customer,
    Factual,
    Measure,
    Metric,
    Record,
    Rule,
    Sector,
    Source,
    Sourced,
    Term,
)
from .narrative import VERDICT_LABELS, helpers
from .numbers import number
from .validate import Page, Settings

PLANE_AXES = ("TPP", "performance density")
# Readers search for chips and companies by name; many sources mention them too.
SEARCH_BOOST = {"chips": 4, "companies": 4, "glossary": 3, "measures": 2, "rules": 2, "claims": 2}
COLLECTION_TITLES = {
    "measures": "Measures",
    "chips": "Chips",
    "rules": "Rules",
    "companies": "Companies",
    "customers": "Customers",
    "sectors": "Sectors",
    "claims": "Claims",
    "glossary": "Glossary",
    "sources": "Sources",
}
CONFIDENCE_LABELS = {"confirmed": "Confirmed", "reported": "Reported", "disputed": "Disputed"}
JURISDICTIONS = {"us": "United States", "nl": "Netherlands", "jp": "Japan", "eu": "European Union", "cn": "China"}


def _finalize(value: Any) -> Any:
    """Every `{{ }}` is escaped as Markdown text unless a template marked it safe."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, float):
        return number(value)
    return escape.text(value)


def make_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        finalize=_finalize,
    )
    env.filters.update(
        jsonld=_jsonld_string,
        yaml=_yaml_string,
        text=escape.text,
        cell=escape.cell,
        attr=escape.attr,
        url=escape.url,
        markdown=escape.markdown,
        num=number,
    )
    return env


def _yaml_string(value: object) -> Markup:
    """A front-matter string: themes print it into HTML unescaped, and JSON strings are valid YAML."""
    return Markup(json.dumps(html.escape(" ".join(str(value).split())), ensure_ascii=False))


def _jsonld_string(value: object) -> Markup:
    """JSON-LD for a `<script>` element, as a front-matter string; `</` is escaped so it cannot close the script."""
    return Markup(json.dumps(json.dumps(value, ensure_ascii=False).replace("</", "<\\/"), ensure_ascii=False))


def description(markdown_text: str, limit: int = 160) -> str:
    """A plain one-line summary for meta tags."""
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    plain = " ".join(re.sub(r"[*_`#>]", "", plain).split())
    return plain if len(plain) <= limit else plain[: limit - 1].rsplit(" ", 1)[0] + "…"


@dataclass
class Rendered:
    files: dict[str, str] = field(default_factory=dict)
    cited: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


class Renderer:
    """Renders every page of the site from one linked dataset."""

    def __init__(self, linked: Linked, settings: Settings) -> None:
        self.linked = linked
        self.settings = settings
        self.records = linked.dataset.records
        self.sources: dict[str, Source] = {k: v for k, v in self.records["sources"].items() if isinstance(v, Source)}
        self.env = make_environment()
        self.out = Rendered()
        self.citing: dict[str, list[tuple[str, str]]] = {}
        self.glossary = Glossary(self.records["glossary"].values())

    # -- helpers shared by every page ----------------------------------------------------

    def link(self, collection: str, record_id: str, page: str) -> Markup:
        title = self.title(collection, record_id)
        return Markup(f"[{escape.text(title)}]({relative(f'{collection}/{record_id}.md', page)})")

    def title(self, collection: str, record_id: str) -> str:
        return self.linked.title(collection, record_id)

    def links(self, collection: str, ids: Iterable[str], page: str) -> Markup:
        return Markup(", ".join(self.link(collection, i, page) for i in ids))

    def figures(self, values: list[Sourced] | None, cite: Citations, unit: str = "") -> Markup:
        """One or more sourced figures, side by side when sources disagree."""
        if not values:
            return Markup("—")
        parts = []
        for v in values:
            shown = " ".join(filter(None, [number(v.value), v.unit or unit]))
            extra = f" (as of {v.as_of.label()})" if v.as_of else ""
            note = Markup(f" — {escape.markdown(v.note)}") if v.note else Markup("")
            parts.append(Markup(f"{escape.text(shown + extra)}{cite.cite(v.source)}{note}"))
        return _side_by_side(parts)

    def write(self, path: str, template: str, **context: Any) -> None:
        text = self.env.get_template(template).render(page=path, **context)
        self.out.files[path] = text + self.glossary.for_page(text)

    # -- the site ------------------------------------------------------------------------

    def render(self, pages: list[Page]) -> Rendered:
        builders: dict[str, Callable[[Any, Citations, str], dict[str, Any]]] = {
            "measures": self._measure,
            "chips": self._chip,
            "companies": self._company,
            "customers": self._customer,
            "sectors": self._sector,
            "claims": self._claim,
            "glossary": self._term,
            "rules": self._rule,
        }
        for collection, build in builders.items():
            for record_id, record in self.records[collection].items():
                self._record_page(collection, record_id, record, build)
        for collection in COLLECTION_TITLES:
            self._index(collection)
        for source_id in self.sources:
            self._source_page(source_id)
        self._timeline()
        self._guide()
        self._compare()
        self._check()
        self._downloads()
        for page in pages:
            self._narrative(page)
        return self.out

    def _record_page(
        self, collection: str, record_id: str, record: Record, build: Callable[[Any, Citations, str], dict[str, Any]]
    ) -> None:
        path = f"{collection}/{record_id}.md"
        cite = Citations(path, self.sources)
        record_sources = cite.cite_all(getattr(record, "sources", []))  # first, so they number 1, 2, …
        context = build(record, cite, path)
        context["record_sources"] = record_sources
        if isinstance(record, Factual):
            context["confidence"] = CONFIDENCE_LABELS[record.confidence]
            context["verified"] = record.verified.label()
            context["notes"] = escape.markdown(record.notes) if record.notes else None
        context["backlinks"] = self._backlinks(collection, record_id, path)
        context["footnotes"] = cite.footnotes()
        context.setdefault("title", self.title(collection, record_id))
        context["description"] = description(_plain_summary(record))
        context.setdefault("facts", [])
        context.setdefault("notes", None)
        context.setdefault("jsonld", None)
        context["search_boost"] = SEARCH_BOOST.get(collection, 1)
        context["json_href"] = relative(f"data/{collection}/{record_id}.json", path)
        context["citation"] = self._citation(collection, record_id, record)
        context["facts"].append(("Id", Markup(f"`{record_id}`")))
        for source_id in cite.order:
            self.citing.setdefault(source_id, []).append((collection, record_id))
        self.out.cited.update(cite.order)
        self.write(path, "record.md.j2", record=record, collection=collection, **context)

    def _citation(self, collection: str, record_id: str, record: Record) -> str:
        """A reference a reader can paste: title, site, path, and when the facts were checked."""
        checked = f", facts verified {record.verified.label()}" if isinstance(record, Factual) else ""
        title = self.title(collection, record_id)
        return f"“{title}”. {self.settings.site_name}, /{collection}/{record_id}/{checked}."

    def _backlinks(self, collection: str, record_id: str, page: str) -> list[tuple[str, Markup]]:
        groups: dict[str, list[str]] = {}
        for back in self.linked.backlinks.get((collection, record_id), []):
            groups.setdefault(back.collection, []).append(back.id)
        return [(COLLECTION_TITLES[c], self.links(c, ids, page)) for c, ids in groups.items()]

    # -- one builder per collection ------------------------------------------------------

    def _measure(self, m: Measure, cite: Citations, page: str) -> dict[str, Any]:
        facts = [
            ("Kind", escape.text(m.kind.replace("-", " "))),
            ("Jurisdiction", escape.text(JURISDICTIONS[m.jurisdiction])),
            ("Issuer", escape.text(m.issuer)),
        ]
        if m.instrument:
            facts.append(("Instrument", escape.text(m.instrument)))
        for label, when in (
            ("Announced", m.announced),
            ("Effective", m.effective),
            ("Published", m.published),
            ("First reported", m.reported),
            ("Ended", m.ended),
        ):
            if when:
                facts.append((label, escape.text(when.label())))
        if m.targets:
            facts.append(("Targets", self.links("companies", m.targets, page)))
        if m.chips:
            facts.append(("Chips affected", self.links("chips", m.chips, page)))
        if m.related:
            facts.append(("Related", self.links("measures", m.related, page)))
        return {"facts": facts, "summary": escape.markdown(m.summary)}

    def _chip(self, c: Chip, cite: Citations, page: str) -> dict[str, Any]:
        facts = [
            ("Vendor", self.link("companies", c.vendor, page)),
            ("Kind", escape.text(c.kind.replace("-", " "))),
            ("For data centres", escape.text("yes" if c.data_center else "no")),
            ("Launched", escape.text(c.launched.label() if c.launched else "not recorded")),
        ]
        if c.foundry:
            facts.append(
                ("Foundry", _side_by_side([self.link("companies", f.value, page) + cite.cite(f.source) for f in c.foundry]))
            )
        for label, texts in (("Process", c.process), ("Memory type", c.memory_type)):
            if texts:
                facts.append((label, _side_by_side([escape.text(t.value) + cite.cite(t.source) for t in texts])))
        for label, values, unit in (
            ("Die area", c.die_area_mm2, "mm²"),
            ("Transistors", c.transistors_billion, "billion"),
            ("Memory", c.memory_gb, "GB"),
            ("Memory bandwidth", c.memory_bandwidth_gbs, "GB/s"),
            ("Chip-to-chip I/O", c.interconnect_gbs, "GB/s"),
        ):
            if values:
                facts.append((label, self.figures(values, cite, unit)))
        rows = [
            (
                escape.text(t.precision.upper()),
                escape.text(f"{number(t.value)} {t.unit}") + cite.cite(t.source),
                escape.markdown(t.note or ""),
            )
            for t in c.throughput
        ]
        return {"facts": facts, "summary": escape.markdown(c.summary), "throughput": rows, **self._chip_status(c, cite, page)}

    def _chip_status(self, c: Chip, cite: Citations, page: str) -> dict[str, Any]:
        metrics = self.linked.metrics[c.id]
        summary = metric_summary(metrics)
        computed = []
        for key, label, interval in (
            ("tpp", "TPP", metrics.tpp),
            ("performance_density", "Performance density", metrics.performance_density),
            ("interconnect_gbs", "Chip-to-chip I/O (GB/s)", metrics.interconnect_gbs),
        ):
            inputs = cite.cite_all(list(interval.sources)) if interval else escape.text("missing")
            computed.append((label, escape.text(summary[key]), inputs))
        status = []
        for rule in self.linked.rules:
            result = self.linked.classifications[(c.id, rule.id)]
            status.append(
                {
                    "rule_name": self.link("rules", rule.id, page),
                    "status_label": STATUS_LABELS[result.status],
                    "verdict": escape.text(verdict(result, rule.name)),
                    "rows": check_rows(result),
                }
            )
        return {
            "rule_status": status,
            "computed": computed,
            "tpp_precisions": ", ".join(p.upper() for p in metrics.tpp_precisions),
        }

    def _rule(self, r: Rule, cite: Citations, page: str) -> dict[str, Any]:
        facts = [
            ("Made by", self.link("measures", r.measure, page)),
            ("Effective", escape.text(r.effective.label())),
        ]
        paragraphs = [
            {
                "label": p.label,
                "text": escape.markdown(p.text),
                "cite": cite.cite(p.source),
                "tests": [_criterion(t) for t in p.any_of],
            }
            for p in r.paragraphs
        ]
        exemptions = [
            {"label": e.label, "text": escape.markdown(e.text), "cite": cite.cite(e.source), "test": _criterion(e.test)}
            for e in r.exemptions
        ]
        chips = []
        for chip_id in self.records["chips"]:
            result = self.linked.classifications[(chip_id, r.id)]
            values = metric_summary(self.linked.metrics[chip_id])
            label = STATUS_LABELS[result.status] + (f" ({result.paragraph})" if result.paragraph else "")
            chips.append(
                {
                    "link": self.link("chips", chip_id, page),
                    **{k: escape.cell(v) for k, v in values.items()},
                    "status": escape.cell(label),
                }
            )
        detail = {"paragraphs": paragraphs, "exemptions": exemptions, "chips": chips}
        return {"facts": facts, "summary": escape.markdown(r.summary), "rule_detail": detail}

    def _company(self, c: Company, cite: Citations, page: str) -> dict[str, Any]:
        facts = [("Country", escape.text(c.country)), ("Roles", escape.text(", ".join(c.roles)))]
        if c.name_zh:
            facts.insert(0, ("Chinese name", escape.text(c.name_zh)))
        if c.parent:
            facts.append(("Parent", self.link("companies", c.parent, page)))
        if c.founded:
            facts.append(("Founded", escape.text(c.founded.label())))
        listings = self.linked.entity_listings.get(c.id, [])
        status = (
            Markup(
                "; ".join(
                    f"{self.link('measures', m.id, page)} ({escape.text(m.effective.label() if m.effective else '')})"
                    for m in listings
                )
            )
            if listings
            else escape.text("not listed in this data set")
        )
        facts.append(("US Entity List", status))
        return {"facts": facts, "summary": escape.markdown(c.summary)}

    def _customer(self, o: Customer, cite: Citations, page: str) -> dict[str, Any]:
        facts = [
            ("Customer", self.link("companies", o.customer, page)),
            ("Chip", self.link("chips", o.chip, page)),
            ("Kind", escape.text(o.kind)),
            ("Date", escape.text(o.date.label())),
            ("Status", escape.text(o.status.replace("-", " "))),
        ]
        if o.supplier:
            facts.insert(1, ("Supplier", self.link("companies", o.supplier, page)))
        for label, values in (("Quantity", o.quantity), ("Value", o.amount), ("Servers", o.servers), ("Delivered", o.delivered)):
            if values:
                facts.append((label, self.figures(values, cite)))
        return {"facts": facts, "summary": escape.markdown(o.summary)}

    def _sector(self, s: Sector, cite: Citations, page: str) -> dict[str, Any]:
        metrics = []
        for m in s.metrics:
            rows = [
                (escape.text(p.period.label()), escape.text(number(p.value)) + cite.cite(p.source), escape.markdown(p.note or ""))
                for p in sorted(m.points, key=lambda p: (p.period.start, p.period.end))
            ]
            metrics.append(
                {"id": m.id, "name": m.name, "unit": m.unit, "basis": m.basis, "rows": rows, "chart": _series_chart(s, m)}
            )
        return {"summary": escape.markdown(s.summary), "metrics": metrics}

    def _claim(self, c: Claim, cite: Citations, page: str) -> dict[str, Any]:
        def evidence(items: list[Any]) -> list[Markup]:
            return [escape.markdown(e.text) + cite.cite_all(e.sources) for e in items]

        facts = [("Verdict", escape.text(VERDICT_LABELS[c.verdict])), ("Assessed", escape.text(c.assessed.label()))]
        related = [self._any_link(r, page) for r in c.related]
        if related:
            facts.append(("Related", Markup(", ".join(related))))
        rating = ["unsupported", "disputed", "partly-supported", "supported"].index(c.verdict) + 1
        jsonld = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": c.claim,
            "datePublished": str(c.assessed),
            "author": {"@type": "Organization", "name": self.settings.site_name},
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": rating,
                "bestRating": 4,
                "worstRating": 1,
                "alternateName": VERDICT_LABELS[c.verdict],
            },
        }
        return {
            "title": c.claim,
            "jsonld": jsonld,
            "facts": facts,
            "summary": escape.markdown(c.summary),
            "evidence_for": evidence(c.evidence_for),
            "evidence_against": evidence(c.evidence_against),
        }

    def _any_link(self, record_id: str, page: str) -> Markup:
        collection = next(c for c in COLLECTION_TITLES if record_id in self.records[c])
        return self.link(collection, record_id, page)

    def _term(self, t: Term, cite: Citations, page: str) -> dict[str, Any]:
        facts = [("Also written", escape.text(", ".join(t.aliases)))] if t.aliases else []
        return {"facts": facts, "summary": escape.markdown(t.definition)}

    # -- indexes, sources, timeline, narrative pages --------------------------------------

    def _index(self, collection: str) -> None:
        path = f"{collection}/index.md"
        columns, rows = self._index_rows(collection, path)
        self.write(path, "index.md.j2", title=COLLECTION_TITLES[collection], collection=collection, columns=columns, rows=rows)

    def _index_rows(self, collection: str, page: str) -> tuple[list[str], list[list[Markup]]]:
        records = list(self.records[collection].values())

        def name(record: Record) -> Markup:
            return self.link(collection, record.id, page)

        def conf(record: Factual) -> Markup:
            return escape.cell(CONFIDENCE_LABELS[record.confidence])

        if collection == "measures":
            ms = sorted((r for r in records if isinstance(r, Measure)), key=_measure_sort)
            return ["Date", "Measure", "Jurisdiction", "Kind", "Confidence"], [
                [escape.cell(_measure_date(m)), name(m), escape.cell(JURISDICTIONS[m.jurisdiction]), escape.cell(m.kind), conf(m)]
                for m in ms
            ]
        if collection == "chips":
            cs = [r for r in records if isinstance(r, Chip)]
            return ["Chip", "Vendor", "Launched", "Kind", "Confidence"], [
                [
                    name(c),
                    self.link("companies", c.vendor, page),
                    escape.cell(c.launched.label() if c.launched else ""),
                    escape.cell(c.kind),
                    conf(c),
                ]
                for c in cs
            ]
        if collection == "companies":
            cos = [r for r in records if isinstance(r, Company)]
            return ["Company", "Chinese name", "Country", "Roles"], [
                [name(c), escape.cell(c.name_zh or ""), escape.cell(c.country), escape.cell(", ".join(c.roles))] for c in cos
            ]
        if collection == "customers":
            os_ = sorted((r for r in records if isinstance(r, Customer)), key=lambda o: o.date.start)
            return ["Date", "Customer", "Chip", "Kind", "Status", "Confidence"], [
                [
                    escape.cell(o.date.label()),
                    name(o),
                    self.link("chips", o.chip, page),
                    escape.cell(o.kind),
                    escape.cell(o.status),
                    conf(o),
                ]
                for o in os_
            ]
        if collection == "claims":
            cl = [r for r in records if isinstance(r, Claim)]
            return ["Claim", "Verdict", "Assessed"], [
                [name(c), escape.cell(VERDICT_LABELS[c.verdict]), escape.cell(c.assessed.label())] for c in cl
            ]
        if collection == "sources":
            ss = sorted((r for r in records if isinstance(r, Source)), key=lambda s: s.publisher.lower())
            return ["Source", "Publisher", "Published"], [
                [name(s), escape.cell(s.publisher), escape.cell(s.published.label() if s.published else "")] for s in ss
            ]
        if collection == "rules":
            rs = [r for r in records if isinstance(r, Rule)]
            return ["Rule", "Effective", "Paragraphs", "Confidence"], [
                [name(r), escape.cell(r.effective.label()), escape.cell(", ".join(p.label for p in r.paragraphs)), conf(r)]
                for r in rs
            ]
        if collection == "sectors":
            return ["Sector", "Metrics"], [[name(s), escape.cell(str(len(s.metrics)))] for s in records if isinstance(s, Sector)]
        terms = sorted((r for r in records if isinstance(r, Term)), key=lambda t: t.term.lower())
        return ["Term", "Definition"], [[name(t), escape.cell(t.definition)] for t in terms]

    def _source_page(self, source_id: str) -> None:
        path = f"sources/{source_id}.md"
        source = self.sources[source_id]
        citing = [self.link(c, i, path) for c, i in self.citing.get(source_id, [])]
        published = source.published.label() if source.published else None
        title = self.title("sources", source_id)
        self.write(path, "source.md.j2", source=source, title=title, citing=citing, published=published)

    def _timeline(self) -> None:
        """The whole timeline, plus one page per actor and per kind so filtering works without JavaScript."""
        self._timeline_page("timeline.md", "Timeline", lambda e: True)
        for actor, label in ACTOR_LABELS.items():
            self._timeline_page(f"timeline/{actor}.md", f"Timeline: {label}", _events_where("actor", actor))
        for kind, label in KIND_LABELS.items():
            self._timeline_page(f"timeline/{kind}.md", f"Timeline: {label}s", _events_where("kind", kind))

    def _timeline_page(self, path: str, title: str, keep: Callable[[Event], bool]) -> None:
        years: dict[int, list[dict[str, Any]]] = {}
        for e in filter(keep, self.linked.timeline):
            years.setdefault(e.when.year, []).append(
                {
                    "date": e.when.label(),
                    "link": self.link(e.collection, e.id, path),
                    "actor": e.actor,
                    "actor_label": ACTOR_LABELS[e.actor],
                    "kind": e.kind,
                    "kind_label": KIND_LABELS[e.kind],
                    "what": e.what,
                }
            )
        filters = {
            "actors": [(label, relative(f"timeline/{key}.md", path)) for key, label in ACTOR_LABELS.items()],
            "kinds": [(label + "s", relative(f"timeline/{key}.md", path)) for key, label in KIND_LABELS.items()],
            "all": relative("timeline.md", path),
            "actor_codes": "|".join(f"{key}:{label}" for key, label in ACTOR_LABELS.items()),
            "kind_codes": "|".join(f"{key}:{label}s" for key, label in KIND_LABELS.items()),
        }
        self.write(
            path,
            "timeline.md.j2",
            title=title,
            full=path == "timeline.md",
            years=sorted(years.items()),
            filters=filters,
            count=sum(len(v) for v in years.values()),
        )

    def _chip_rows(self, page: str) -> list[dict[str, Any]]:
        rows = []
        for chip_id, chip in self.records["chips"].items():
            assert isinstance(chip, Chip)
            metrics = self.linked.metrics[chip_id]
            values = metric_summary(metrics)
            peak = max((t for t in chip.throughput if t.precision in metrics.tpp_precisions), key=lambda t: t.value, default=None)
            area = chip.die_area_mm2 or []
            statuses = []
            for rule in self.linked.rules:
                result = self.linked.classifications[(chip_id, rule.id)]
                statuses.append(
                    escape.cell(STATUS_LABELS[result.status] + (f" ({result.paragraph})" if result.paragraph else ""))
                )
            rows.append(
                {
                    "id": chip_id,
                    "chip": chip,
                    "link": self.link("chips", chip_id, page),
                    "vendor": self.link("companies", chip.vendor, page),
                    "peak": escape.cell(f"{number(peak.value)} {peak.unit} {peak.precision.upper()}" if peak else "—"),
                    "peak_entry": peak,
                    "area": escape.cell(" / ".join(dict.fromkeys(number(a.value) for a in area)) or "—"),
                    "statuses": statuses,
                    **{key: escape.cell(value) for key, value in values.items()},
                }
            )
        return rows

    def _compare(self) -> None:
        path = "chips/compare.md"
        rows = self._chip_rows(path)
        points, unplotted = [], []
        for row in rows:
            metrics = self.linked.metrics[row["id"]]
            if metrics.tpp and metrics.performance_density:
                x = (metrics.tpp.low + metrics.tpp.high) / 2
                y = (metrics.performance_density.low + metrics.performance_density.high) / 2
                points.append(PlotPoint(row["chip"].name, x, y))
            else:
                unplotted.append(row["link"])
        charts = [self._rule_chart(rule, points) for rule in self.linked.rules]
        self.write(
            path, "compare.md.j2", rules=self.linked.rules, rows=rows, charts=charts, unplotted=Markup(", ").join(unplotted)
        )

    def _rule_chart(self, rule: Rule, points: list[PlotPoint]) -> dict[str, Any]:
        regions = []
        for index, paragraph in enumerate(rule.paragraphs):
            for criterion in paragraph.any_of:
                tpp, density = criterion.bounds.get("tpp"), criterion.bounds.get("performance_density")
                label = f"{paragraph.label}: {_criterion(criterion)}"
                regions.append(
                    Region(
                        label,
                        tpp.min if tpp else None,
                        tpp.below if tpp else None,
                        density.min if density else None,
                        density.below if density else None,
                        index,
                    )
                )
        shaded = "; ".join(r.label for r in regions)
        title = f"Chips against {rule.name}"
        description = (
            f"Log-log chart of TPP (horizontal) against performance density (vertical). Shaded regions: {shaded}. "
            f"Points: " + "; ".join(f"{p.label} at TPP {p.x:,.0f}, density {p.y:.2f}" for p in points) + "."
        )
        svg = plane_svg(
            f"chart-{rule.id}", title, description, regions, points, "TPP (log scale)", "Performance density (log scale)"
        )
        hidden = sorted({METRIC_LABELS[m] for p in rule.paragraphs for c in p.any_of for m in c.bounds} - set(PLANE_AXES))
        unseen = (
            f" The chart cannot show {', '.join(hidden)}: a point in a shaded area is caught only if that test holds too."
            if hidden
            else ""
        )
        caption = f"Shaded: {shaded}.{unseen} The table above holds the same data, with links to each chip."
        return {"title": title, "svg": Markup(svg), "caption_html": escape.attr(caption)}

    def _check(self) -> None:
        path = "chips/check.md"
        examples = []
        for row in self._chip_rows(path):
            peak = row["peak_entry"]
            if peak is None:
                continue
            chip = row["chip"]
            examples.append(
                {
                    "link": row["link"],
                    "peak": escape.cell(f"{number(peak.value)} {peak.unit}"),
                    "bits": BIT_LENGTH[peak.precision],
                    "area": row["area"],
                    "io": escape.cell(" / ".join(dict.fromkeys(number(v.value) for v in chip.interconnect_gbs or [])) or "—"),
                }
            )
        rules = json.dumps(rules_json(self.linked), ensure_ascii=False).replace("</", "<\\/")
        bits = sorted(set(BIT_LENGTH.values()))
        self.write(path, "check.md.j2", rules_json=Markup(rules), bit_lengths=bits, examples=examples)

    def _downloads(self) -> None:
        files = [{"collection": c, "title": COLLECTION_TITLES[c], "count": len(self.records[c])} for c in COLLECTION_TITLES]
        total = sum(len(r) for r in self.records.values())
        distribution = [{"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": "data/explainer.json"}]
        distribution += [
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": f"data/{row['collection']}.csv"}
            for row in files
        ]
        newest = self.linked.newest_fact
        jsonld = {
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": self.settings.site_name,
            "description": "Sourced, dated facts on US export controls on China's tech sector, the chips they target, "
            "who buys them, and the spillovers into solar and electric vehicles.",
            "license": "https://creativecommons.org/licenses/by/4.0/",
            "creator": {"@type": "Organization", "name": self.settings.site_name},
            "temporalCoverage": f"2018/{newest.end.isoformat()}" if newest else None,
            "distribution": distribution,
        }
        self.write(
            "downloads.md",
            "downloads.md.j2",
            files=files,
            total=total,
            rules=len(self.records["rules"]),
            jsonld={k: v for k, v in jsonld.items() if v is not None},
            site_name=self.settings.site_name,
            newest=newest.label() if newest else "",
        )

    def _guide(self) -> None:
        models = guide(self.linked.dataset)
        longest = max((len(run) for m in models for run in re.findall(r"`+", m.example or "")), default=0)
        self.write("editing-guide.md", "editing-guide.md.j2", models=models, fence="`" * max(3, longest + 1))

    def _narrative(self, page: Page) -> None:
        cite = Citations(page.name, self.sources)
        context = dict(self.records.items())
        try:
            template = self.env.from_string(_escape_front_matter(page.text))
            text = template.render(page=page.name, num=number, **context, **helpers(self, page.name, cite))
        except jinja2.TemplateSyntaxError as exc:
            self.out.problems.append(
                Problem(page.display, exc.lineno, 1, f"template error: {exc.message}", source_line=_line(page.text, exc.lineno))
            )
            return
        except Exception as exc:  # noqa: BLE001 - any failure inside an editor's template is a content problem
            line = _template_line(exc)
            message = f"template error: {exc}" if not isinstance(exc, KeyError) else f"template error: unknown id {exc}"
            self.out.problems.append(Problem(page.display, line, 1, message, source_line=_line(page.text, line)))
            return
        notes = cite.footnotes()
        if notes:
            text = text.rstrip("\n") + "\n\n" + "\n".join(notes) + "\n"
        self.out.cited.update(cite.order)
        self.out.files[page.name] = text + self.glossary.for_page(text)


def _series_chart(sector: Sector, metric: Metric) -> Markup | None:
    """A line chart when the series spans more than one period; the table beside it holds the same data."""
    if len({p.period.text for p in metric.points}) < 2:
        return None
    points = [(_year_fraction(p.period), p.value) for p in metric.points]
    ordered = sorted(metric.points, key=lambda p: (p.period.start, p.period.end))
    values = "; ".join(f"{p.period.label()}: {number(p.value)} {metric.unit}" for p in ordered)
    description = (
        f"Line chart of {metric.name} ({metric.basis}), {ordered[0].period.label()} to {ordered[-1].period.label()}. {values}."
    )
    svg = line_svg(f"chart-{sector.id}-{metric.id}", metric.name, description, points, metric.unit)
    return Markup(svg)


def _year_fraction(period: PartialDate) -> float:
    middle = period.start + (period.end - period.start) / 2
    return middle.year + (middle.timetuple().tm_yday - 0.5) / 366


def _criterion(test: Criterion) -> Markup:
    """`TPP ≥ 1,600 and performance density ≥ 5.92`, from the rule's data."""
    parts = []
    for metric, bound in test.bounds.items():
        label = METRIC_LABELS[metric]
        if bound.min is not None:
            parts.append(f"{label} ≥ {fmt_metric(metric, bound.min)}")
        if bound.below is not None:
            parts.append(f"{label} < {fmt_metric(metric, bound.below)}")
    if test.data_center is not None:
        parts.append("designed or marketed for data centres" if test.data_center else "not designed or marketed for data centres")
    return escape.text(" and ".join(parts))


def _escape_front_matter(text: str) -> str:
    """Themes print a page's front-matter title and description into HTML as they are: escape them first."""
    if not text.startswith("---\n") or "\n---\n" not in text[3:]:
        return text
    end = text.index("\n---\n", 3)
    meta = yaml.safe_load(text[4:end])
    if not isinstance(meta, dict):
        raise ValueError("front matter must be key: value pairs")
    lines = [
        f"{key}: {_yaml_string(value) if key in ('title', 'description') else json.dumps(value)}" for key, value in meta.items()
    ]
    padding = "\n" * (text[4:end].count("\n") + 1 - len(lines))  # keep template line numbers true to the file
    return "---\n" + "\n".join(lines) + padding + text[end:]


def _events_where(attribute: str, value: str) -> Callable[[Event], bool]:
    return lambda event: bool(getattr(event, attribute) == value)


class Glossary:
    """Markdown `abbr` definitions, so each glossary term shows its definition as a tooltip wherever it appears.

    A page gets only the definitions of terms it mentions: MkDocs' `abbr` pass costs time per definition on
    every page, so appending the whole glossary everywhere would grow the build with the square of the content.
    """

    _WORD = re.compile(r"\w+")

    def __init__(self, terms: Iterable[Record]) -> None:
        self.lines: dict[str, str] = {}
        for term in terms:
            if not isinstance(term, Term):
                continue
            tip = description(term.definition, limit=240)
            for name in dict.fromkeys([term.term.split(" (")[0], *term.aliases]):
                words = self._WORD.findall(name)
                if words and "]" not in name and "[" not in name:
                    self.lines.setdefault(name, f"*[{name}]: {tip}")
        self.first_words = {name: self._WORD.findall(name)[0] for name in self.lines}

    def for_page(self, text: str) -> str:
        present = set(self._WORD.findall(text))
        used = [line for name, line in self.lines.items() if self.first_words[name] in present and name in text]
        return "\n" + "\n".join(used) + "\n" if used else ""


def _plain_summary(record: Record) -> str:
    for attribute in ("summary", "definition"):
        value = getattr(record, attribute, None)
        if isinstance(value, str):
            return value
    return ""


def _side_by_side(parts: list[Markup]) -> Markup:
    if len(parts) == 1:
        return parts[0]
    return Markup("**Sources disagree:** ") + Markup(" · ").join(parts)


def _measure_date(m: Measure) -> str:
    return first_date(m).label()


def _measure_sort(m: Measure) -> tuple[Any, ...]:
    d: PartialDate = first_date(m)
    return (d.start, d.end, m.name)


def _line(text: str, number: int) -> str:
    lines = text.splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _template_line(exc: BaseException) -> int:
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename == "<template>" and frame.lineno:
            return frame.lineno
    return 1


def render(linked: Linked, pages: list[Page], settings: Settings) -> Rendered:
    """Render every page; problems in narrative pages are returned, not raised."""
    return Renderer(linked, settings).render(pages)
