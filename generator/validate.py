"""Stage 2: turn what was read into typed records and check them, collecting every problem before giving up."""

from __future__ import annotations

import difflib
import functools
import re
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .dates import PartialDate
from .errors import Problem, Severity
from .load import Content, Document, Page, Path_
from .model import (
    CHIP_RATIOS,
    ID_PATTERN,
    Chip,
    Claim,
    Company,
    Customer,
    Measure,
    PageMeta,
    Plausible,
    Record,
    Ref,
    Rule,
    Sector,
    Source,
    Sourced,
    Term,
    ref_of,
)
from .numbers import number
from .registry import BY_NAME, NAMES
from .settings import Settings
from .story_errors import cited_in_pages, retire_advice


@dataclass(frozen=True)
class Origin:
    """Where a record was written: its document, where in it, and how errors name it (`chips[3]`)."""

    doc: Document
    prefix: Path_
    name: str

    def problem(self, loc: Path_, message: str, *, severity: Severity = Severity.ERROR, key: bool = False) -> Problem:
        _, mark = self.doc.locate((*self.prefix, *loc), key=key)
        base = self.doc.problem_at(mark, message)
        return Problem(base.path, base.line, base.col, message, severity, base.source_line)


@dataclass(frozen=True)
class Reference:
    """One id in one record pointing at another record."""

    collection: str
    id: str
    field: str
    target_collection: str
    target_id: str


@dataclass
class Dataset:
    """The typed records, where each was written, and every reference between them."""

    records: dict[str, dict[str, Record]]
    origins: dict[tuple[str, str], Origin]
    references: list[Reference] = field(default_factory=list)
    invalid: set[tuple[str, str]] = field(default_factory=set)
    unreadable: set[str] = field(default_factory=set)
    pages: list[Page] = field(default_factory=list)
    page_meta: dict[str, PageMeta] = field(default_factory=dict)
    homes: dict[str, str] = field(default_factory=dict)  # where an editor adds a record to each collection

    # Typed views, one per collection of the registry (tests/test_registry.py checks that none is missing).
    # Validation puts only records of a collection's model in its mapping, so the casts hold.
    @property
    def sources(self) -> Mapping[str, Source]:
        return cast(Mapping[str, Source], self.records["sources"])

    @property
    def companies(self) -> Mapping[str, Company]:
        return cast(Mapping[str, Company], self.records["companies"])

    @property
    def chips(self) -> Mapping[str, Chip]:
        return cast(Mapping[str, Chip], self.records["chips"])

    @property
    def measures(self) -> Mapping[str, Measure]:
        return cast(Mapping[str, Measure], self.records["measures"])

    @property
    def customers(self) -> Mapping[str, Customer]:
        return cast(Mapping[str, Customer], self.records["customers"])

    @property
    def sectors(self) -> Mapping[str, Sector]:
        return cast(Mapping[str, Sector], self.records["sectors"])

    @property
    def claims(self) -> Mapping[str, Claim]:
        return cast(Mapping[str, Claim], self.records["claims"])

    @property
    def glossary(self) -> Mapping[str, Term]:
        return cast(Mapping[str, Term], self.records["glossary"])

    @property
    def rules(self) -> Mapping[str, Rule]:
        return cast(Mapping[str, Rule], self.records["rules"])


def validate(content: Content, settings: Settings) -> tuple[Dataset, list[Problem]]:
    """Check what was read: types, ids, references and dates. Returns the records and every problem found."""
    problems = list(content.problems)
    dataset = Dataset({name: {} for name in NAMES}, {}, unreadable=set(content.unreadable))
    for collection, docs in content.documents.items():
        for doc in docs:
            problems += _check_collection_file(doc, collection, dataset)
    for page in content.pages:
        problems += _check_page(page, dataset)
    dataset.homes = {name: home(content.root, name, docs) for name, docs in content.documents.items()}
    problems += _check_references(dataset)
    problems += _check_dates(dataset, settings)
    problems += _check_plausible(dataset)
    problems += _check_provenance(dataset)
    return dataset, problems


def home(root: Path, collection: str, docs: list[Document]) -> str:
    """Where a new record of `collection` goes, in editors' words: its folder, and its single file if it has one."""
    single = f"{root / collection}.yaml"
    folder = f"a file in {root / collection}/"
    return f"{single} or {folder}" if any(d.path == single for d in docs) else folder


def _check_page(page: Page, dataset: Dataset) -> list[Problem]:
    doc = page.meta
    if doc is None:
        dataset.pages.append(page)
        dataset.page_meta[page.name] = PageMeta()
        return []
    origin = Origin(doc, (), "front matter")
    if not isinstance(doc.data, dict):
        return [origin.problem((), "front matter: expected key: value pairs, like 'title: The chip gap'")]
    try:
        meta = PageMeta.model_validate(doc.data)
    except ValidationError as exc:
        return [_translate(error, origin, PageMeta) for error in exc.errors(include_url=False)]
    dataset.pages.append(page)
    dataset.page_meta[page.name] = meta
    return []


def _check_collection_file(doc: Document, collection: str, dataset: Dataset) -> list[Problem]:
    if not isinstance(doc.data, list):
        return [doc.problem((), "expected a list of records, each starting with '- id: ...'")]
    model = BY_NAME[collection].model
    problems = []
    for index, item in enumerate(doc.data):
        origin = Origin(doc, (index,), f"{collection}[{_name(item, index)}]")
        if not isinstance(item, dict):
            problems.append(origin.problem((), f"{origin.name}: expected a record (key: value pairs), got {_describe(item)}"))
            continue
        try:
            record = model.model_validate(item)
        except ValidationError as exc:
            problems += [_translate(error, origin, model) for error in exc.errors(include_url=False)]
            if isinstance(item.get("id"), str):
                dataset.invalid.add((collection, item["id"]))  # already reported: don't cascade into references
            continue
        first = dataset.origins.get((collection, record.id))
        if first is not None:
            problems.append(_duplicate(dataset, collection, record, first, origin))
            continue
        dataset.records[collection][record.id] = record
        dataset.origins[(collection, record.id)] = origin
    return problems


def _duplicate(dataset: Dataset, collection: str, record: Record, first: Origin, later: Origin) -> Problem:
    """A second record with an id, reported where it was added: in the file saved last (else the one read last),
    naming the other. The record kept is the other one, so references resolve as before the copy."""
    if first.doc is not later.doc and first.doc.mtime > later.doc.mtime:
        dataset.records[collection][record.id] = record
        dataset.origins[(collection, record.id)] = later
        first, later = later, first
    _, mark = first.doc.locate((*first.prefix, "id"))
    message = f"duplicate id '{record.id}' in {collection}: first defined at {first.doc.path}:{mark.line}"
    return later.problem(("id",), message)


def _name(item: Any, index: int) -> str:
    """How errors name a record: by its id when it has a usable one, else by its position in the file."""
    record_id = item.get("id") if isinstance(item, dict) else None
    return record_id if isinstance(record_id, str) and ID_PATTERN.match(record_id) else str(index)


# --- pydantic errors in an editor's words -------------------------------------------------


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads unquoted yes/no/on/off/true/false as true or false; quote it for text)"
    if value is None:
        return "an empty value"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return repr(value)
    return "a list" if isinstance(value, list) else "a mapping"


def _field_path(origin: Origin, loc: tuple[str | int, ...]) -> str:
    text = origin.name
    walked: Path_ = origin.prefix
    for part in loc:
        if isinstance(part, int):
            if (*walked, part) not in origin.doc.marks:
                continue  # a single value that the model reads as a one-item list
            text += f"[{part}]"
        else:
            text += f".{part}"
        walked += (part,)
    return text


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None or isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        current = _nested_model(info.annotation) if info else None
    return current


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _nested_model(arg)
        if found is not None:
            return found
    return None


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


_TYPE_NAMES = {
    "string_type": "text",
    "float_type": "a number",
    "int_type": "a whole number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "a mapping of fields",
    "dict_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
}


def _message(error: ErrorDetails, model: type[BaseModel]) -> str:
    kind, loc, ctx, got = error["type"], error["loc"], error.get("ctx", {}), error["input"]
    if kind == "missing":
        return f"missing required field '{loc[-1]}'"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        known = list(parent.model_fields) if parent else []
        return f"unknown field '{loc[-1]}'{_suggest(str(loc[-1]), known)}"
    if kind in ("float_parsing", "float_type") and isinstance(got, str) and _WITH_UNIT.match(got):
        return _number_with_unit(got, model, loc)
    if kind in _TYPE_NAMES:
        return f"expected {_TYPE_NAMES[kind]}, got {_describe(got)}"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return f"expected one of {', '.join(allowed)}; got {_describe(got)}{_suggest(str(got), allowed)}"
    if kind == "too_short" and loc and loc[-1] == "sources":
        return "cites no source: list at least one source id under 'sources'"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind in ("greater_than", "greater_than_equal"):
        limit = ctx.get("gt", ctx.get("ge"))
        shown = number(limit) if isinstance(limit, int | float) else limit
        return f"must be {'more than' if kind == 'greater_than' else 'at least'} {shown}, got {got}"
    if kind == "finite_number":
        return "expected a finite number"
    return str(error["msg"])


_WITH_UNIT = re.compile(r"^\s*([-+]?\d[\d.]*)\s*([^\d\s].*?)\s*$")


def _number_with_unit(got: str, model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    """'814 mm2' where a number goes: the number alone, and where its unit belongs."""
    figure, _ = _WITH_UNIT.match(got).groups()  # type: ignore[union-attr]  # matched by the caller
    name = loc[0] if loc and isinstance(loc[0], str) and loc[0] in model.model_fields else None
    bound = _plausible(model, name) if name else None
    if bound is not None and bound.unit:
        return (
            f"expected a number, got {got!r}: write the number alone, {figure} (the unit, {bound.unit}, is in the field's name)"
        )
    return f"expected a number, got {got!r}: write the number alone, {figure}, and its unit under 'unit'"


def _translate(error: ErrorDetails, origin: Origin, model: type[BaseModel]) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    where = loc[:-1] if kind == "missing" else loc
    split = _split_number(origin, loc) if kind == "extra_forbidden" else None
    message = f"{_field_path(origin, loc[:-1])}: {split}" if split else f"{_field_path(origin, where)}: {_message(error, model)}"
    return origin.problem(where, message, key=kind == "extra_forbidden")


def _split_number(origin: Origin, loc: tuple[str | int, ...]) -> str | None:
    """`{value: 1,600, …}` reads as value 1 and a key '600': say so, instead of 'unknown field 600'."""
    key = loc[-1]
    parent: Any = origin.doc.data
    for part in (*origin.prefix, *loc[:-1]):
        if isinstance(part, int) and isinstance(parent, dict):
            continue  # a single value that the model reads as a one-item list
        parent = _child(parent, part)
    if not (isinstance(key, str) and key.isdigit() and isinstance(parent, dict) and parent.get(key) is None):
        return None
    keys = list(parent)
    before = keys[keys.index(key) - 1] if keys.index(key) > 0 else None
    number = parent.get(before) if before is not None else None
    if not isinstance(number, int) or isinstance(number, bool):
        return None
    return (
        f"'{number},{key}' was read as {before}: {number} and a key '{key}': "
        f"write numbers without thousands separators ({before}: {number}{key})"
    )


def _child(container: Any, part: str | int) -> Any:
    if isinstance(container, dict):
        return container.get(part)
    if isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container):
        return container[part]
    return None


# --- references between records -----------------------------------------------------------


def iter_refs(obj: BaseModel, loc: Path_ = ()) -> Iterator[tuple[Path_, Ref, str]]:
    """Every id reference inside a record, with its location."""
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        ref = ref_of(type(obj), name)
        for index, item in items:
            where = loc + ((name,) if index is None else (name, index))
            if isinstance(item, BaseModel):
                yield from iter_refs(item, where)
            elif ref is not None and isinstance(item, str):
                yield where, ref, item


def _resolve(dataset: Dataset, ref: Ref, target: str) -> str | None:
    names = [ref.collection] if ref.collection else list(NAMES)
    return next((name for name in names if target in dataset.records[name]), None)


def _check_references(dataset: Dataset) -> list[Problem]:
    missing: dict[tuple[str | None, str], list[tuple[Origin, Path_]]] = {}
    for collection, records in dataset.records.items():
        for record_id, record in records.items():
            origin = dataset.origins[(collection, record_id)]
            for loc, ref, target in iter_refs(record):
                found = _resolve(dataset, ref, target)
                if found is not None:
                    dataset.references.append(Reference(collection, record_id, str(loc[0]), found, target))
                    continue
                names = [ref.collection] if ref.collection else NAMES
                if any((name, target) in dataset.invalid or name in dataset.unreadable for name in names):
                    continue
                missing.setdefault((ref.collection, target), []).append((origin, loc))
    return [_missing_record(dataset, collection, target, places) for (collection, target), places in missing.items()]


def _missing_record(dataset: Dataset, collection: str | None, target: str, places: list[tuple[Origin, Path_]]) -> Problem:
    """One error per missing id, at its first use, naming every other place that uses it (narrative pages too)."""
    places = sorted(places, key=lambda place: _position(*place))
    origin, loc = places[0]
    glued = _glued_items(origin, loc, target)
    if glued is not None:
        return glued
    pool = dataset.records[collection] if collection else {i for r in dataset.records.values() for i in r}
    close = difflib.get_close_matches(target, list(pool), n=2, cutoff=0.8)
    others = [_place(o, where) for o, where in places[1:]]
    others += [f"{path}:{line}:{col}" for path, line, col in cited_in_pages(dataset.pages, target)]
    said = f"{_field_path(origin, loc)}: no record '{target}' in {collection or 'any collection'}"
    if close:
        said += f" (did you mean {', '.join(repr(c) for c in close)}?)"
        if not others:
            return origin.problem(loc, said)
    home = dataset.homes.get(collection, "") if collection else "the collection it belongs to"
    return origin.problem(loc, said + retire_advice(target, others, home))


def _glued_items(origin: Origin, loc: Path_, target: str) -> Problem | None:
    """`- a` with `  - b` indented further below it reads as one value 'a - b': say so at the second line."""
    parts = target.split(" - ")
    if len(parts) < 2 or not all(ID_PATTERN.match(part) for part in parts):
        return None
    _, line, _ = _position(origin, loc)
    lines = origin.doc.text.splitlines()
    second = next((n for n in range(line, len(lines)) if lines[n].lstrip().startswith(f"- {parts[1]}")), None)
    if second is None:
        return None
    first = origin.doc.line(line)
    message = (
        f"{_field_path(origin, loc)}: '{target}' was read as one id: this line is indented further than the item on "
        f"line {line}, so YAML joined them; indent it by {_indent(first)} spaces, like that line"
    )
    return Problem(origin.doc.path, second + 1, _indent(lines[second]) + 1, message, source_line=lines[second])


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _position(origin: Origin, loc: Path_) -> tuple[str, int, int]:
    _, mark = origin.doc.locate((*origin.prefix, *loc))
    return origin.doc.path, mark.line, mark.col


def _place(origin: Origin, loc: Path_) -> str:
    return ":".join(str(part) for part in _position(origin, loc))


# --- plausibility ---------------------------------------------------------------------------


@functools.cache  # asked once per field of every record
def _plausible(model: type[BaseModel], name: str) -> Plausible | None:
    return next((m for m in model.model_fields[name].metadata if isinstance(m, Plausible)), None)


def iter_figures(obj: BaseModel, loc: Path_ = ()) -> Iterator[tuple[Path_, float, Plausible]]:
    """Every figure that has a plausible range, with its location."""
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        bound = _plausible(type(obj), name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            where = loc + ((name,) if index is None else (name, index))
            if bound is not None and isinstance(item, Sourced):
                yield (*where, "value"), item.value, bound
            elif bound is not None and isinstance(item, float):
                yield where, item, bound
            elif isinstance(item, BaseModel):
                yield from iter_figures(item, where)


def _check_plausible(dataset: Dataset) -> list[Problem]:
    problems = []
    for (collection, record_id), origin in dataset.origins.items():
        record = dataset.records[collection][record_id]
        for loc, value, bound in iter_figures(record):
            if not bound.low <= value <= bound.high:
                unit = f" {bound.unit}" if bound.unit else ""
                message = (
                    f"{_field_path(origin, loc)}: {number(value)}{unit} is outside the plausible range "
                    f"{number(bound.low)}–{number(bound.high)}{unit} ({bound.why}); check the figure for a slipped "
                    "decimal point, a missing digit or a wrong unit"
                )
                problems.append(origin.problem(loc, message))
        problems += _check_units(record, origin)
        if isinstance(record, Chip):
            problems += _check_ratios(record, origin)
    return problems


def _check_units(record: BaseModel, origin: Origin) -> list[Problem]:
    """A figure whose field names its unit (die_area_mm2) is in that unit: a `unit` saying otherwise is a slip."""
    problems = []
    for name in type(record).model_fields:
        bound = _plausible(type(record), name)
        values = getattr(record, name)
        if bound is None or not bound.unit or not isinstance(values, list):
            continue
        for index, item in enumerate(values):
            if isinstance(item, Sourced) and item.unit is not None and _unit_key(item.unit) != _unit_key(bound.unit):
                loc: Path_ = (name, index, "unit")
                message = (
                    f"{_field_path(origin, loc)}: '{item.unit}' is not this field's unit: {name} is in {bound.unit} "
                    f"(the unit is in the field's name); convert the figure to {bound.unit} and leave 'unit' out"
                )
                problems.append(origin.problem(loc, message))
    return problems


def _unit_key(unit: str) -> str:
    """mm², mm2 and MM2 are one unit."""
    return unit.replace("²", "2").replace(" ", "").lower()


def _check_ratios(chip: Chip, origin: Origin) -> list[Problem]:
    problems = []
    for ratio in CHIP_RATIOS:
        tops: list[Sourced] = getattr(chip, ratio.numerator) or []
        bottoms: list[Sourced] = getattr(chip, ratio.denominator) or []
        for index, bottom in enumerate(bottoms):
            top = max(tops, key=lambda t: t.value, default=None)
            if top is None or top.value / bottom.value <= ratio.high:
                continue
            loc: Path_ = (ratio.denominator, index, "value")
            message = (
                f"{_field_path(origin, loc)}: {number(top.value)} ({ratio.numerator}) on {number(bottom.value)} "
                f"({ratio.denominator}) would be {top.value / bottom.value:.2f} {ratio.unit}, over the limit of "
                f"{number(ratio.high)} ({ratio.why}); check both figures"
            )
            problems.append(origin.problem(loc, message))
    return problems


# --- dates -----------------------------------------------------------------------------------


def iter_dates(obj: BaseModel, loc: Path_ = ()) -> Iterator[tuple[Path_, PartialDate]]:
    """Every date inside a record, with its location."""
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            where = loc + ((name,) if index is None else (name, index))
            if isinstance(item, BaseModel):
                yield from iter_dates(item, where)
            elif isinstance(item, PartialDate):
                yield where, item


# Fields that may lie ahead: a measure announced today can take effect, or a control start or end, on a later day.
SCHEDULED = ("effective", "starts", "ends")


def _check_dates(dataset: Dataset, settings: Settings) -> list[Problem]:
    problems = []
    stale_before = settings.today - timedelta(days=settings.max_age_days)
    for (collection, record_id), origin in dataset.origins.items():
        record = dataset.records[collection][record_id]
        if isinstance(record, Measure):
            problems += _measure_order(record, origin)
        for loc, when in iter_dates(record):
            if when.start > settings.today and loc[-1] not in SCHEDULED:
                problems.append(origin.problem(loc, f"date {when} is in the future", severity=Severity.WARNING))
        verified = getattr(record, "verified", None)
        if isinstance(verified, PartialDate) and verified.start < stale_before:
            message = (
                f"last verified on {verified}, more than {settings.max_age_days} days ago: "
                "check it against its sources and update 'verified'"
            )
            problems.append(origin.problem(("verified",), message, severity=Severity.WARNING))
    return problems


def _measure_order(measure: Measure, origin: Origin) -> list[Problem]:
    problems = []
    if measure.announced and measure.effective and measure.effective.end < measure.announced.start:
        problems.append(
            origin.problem(
                ("effective",),
                f"{origin.name}.effective: effective date {measure.effective} is before the announcement ({measure.announced})",
            )
        )
    start = measure.effective or measure.announced
    if start and measure.ended and measure.ended.end < start.start:
        problems.append(
            origin.problem(("ended",), f"{origin.name}.ended: end date {measure.ended} is before the measure began ({start})")
        )
    return problems


# --- provenance ------------------------------------------------------------------------------

# Publishers whose reports are commonly relayed, besides every publisher the sources themselves name.
WIRE_PUBLISHERS = (
    "Reuters", "Bloomberg", "Financial Times", "FT", "Nikkei", "Associated Press", "AP", "AFP", "Xinhua",
    "The Information", "Wall Street Journal", "WSJ", "South China Morning Post", "SCMP", "Caixin", "DigiTimes",
    "TrendForce", "Commercial Times", "CNBC", "New York Times", "Yonhap", "Kyodo", "Global Times",
)  # fmt: skip
_RELAY_WORDS = r"(?:citing|cites|via|according to|relay(?:s|ed|ing)?(?: from| by)?|as reported by|reported by|quoting)"
# "Untitled page", a bracketed description, or a site's "[News]" section label in front of the headline.
_PLACEHOLDER_TITLE = re.compile(r"^\s*(?:untitled\b|\[[^\]]*\]\s*$|\[news\]\s)", re.IGNORECASE)


def _publisher_name(publisher: str) -> str:
    """'Global Trade & Sanctions Law (law-firm blog)' -> 'Global Trade & Sanctions Law'."""
    return re.sub(r"\s*\(.*\)\s*$", "", publisher).strip()


def _relay_pattern(dataset: Dataset) -> re.Pattern[str]:
    names = {_publisher_name(s.publisher) for s in dataset.sources.values()}
    names |= set(WIRE_PUBLISHERS)
    alternatives = "|".join(re.escape(n) for n in sorted(names - {""}, key=len, reverse=True))
    return re.compile(rf"\b{_RELAY_WORDS}\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?({alternatives})\b")


def _check_provenance(dataset: Dataset) -> list[Problem]:
    """A source graded original or primary that relays another publisher is a copy; no placeholder is a title."""
    problems = []
    relay = _relay_pattern(dataset)
    for (collection, record_id), origin in dataset.origins.items():
        source = dataset.records[collection][record_id]
        if not isinstance(source, Source):
            continue
        if source.title is None and source.description is None:
            message = (
                f"{origin.name}: no 'title' and no 'description': give the headline the page shows as 'title' or, "
                "when it shows none, a short 'description' of the document (readers never see 'Untitled page')"
            )
            problems.append(origin.problem(("id",), message))
        if source.title is not None and _PLACEHOLDER_TITLE.match(source.title):
            message = (
                f"{origin.name}.title: {source.title!r} is a placeholder, not a headline: drop a site's section "
                "label ('[News]') from a real headline; when the page shows no headline, leave 'title' out and "
                "write a short 'description' of the document instead"
            )
            problems.append(origin.problem(("title",), message))
        if source.grade in ("original", "primary"):
            problems += _relayed(source, origin, relay)
    return problems


def _relayed(source: Source, origin: Origin, relay: re.Pattern[str]) -> list[Problem]:
    own = _publisher_name(source.publisher)
    for name, text in (("publisher", source.publisher), ("title", source.title), ("notes", source.notes)):
        for match in relay.finditer(text or ""):
            if match.group(1) in own:
                continue  # "according to Reuters" in a Reuters report names no one else
            message = (
                f"{origin.name}.grade: graded {source.grade!r}, but its {name} say(s) {match.group(0)!r}: a page that "
                f"relays another publisher's report is a copy. Set grade: copy, publisher: {match.group(1)} and "
                "read_at: the site you read it on (or grade: analysis for commentary), and name the original in 'cites'"
            )
            return [origin.problem(("grade",), message)]
    return []
