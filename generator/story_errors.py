"""Slips inside narrative pages, said as the YAML checks say them: what was written, what exists, the likely fix.

A story page is a Jinja template, so a typo fails deep inside Jinja or a helper, in Python's words ("'dict object'
has no attribute …"). Every lookup a page makes goes through this module instead, which raises `StoryError`
with the editor's own words and the text to point at, so the problem lands on the helper call that holds it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NoReturn

import jinja2
from pydantic import BaseModel

from .load import Page
from .model import Record
from .registry import MODELS, NAMES

_COLLECTION_OF: dict[type[BaseModel], str] = {model: name for name, model in MODELS.items()}


class StoryError(Exception):
    """A slip in a narrative page: the message, and the text on the page that shows where it is."""

    def __init__(self, message: str, needle: str, *, missing_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.needle = needle
        self.missing_id = missing_id  # an id no collection has anything like: a retired record, or one not yet added


def suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def call(helper: str, *args: object) -> str:
    """How a helper call is named in a message, as the page writes it: `link("chips", "nvidia-h20")`."""
    shown = ", ".join(f'"{a}"' if isinstance(a, str) else repr(a) for a in args)
    return f"{helper}({shown})"


class Collection(Mapping[str, Record]):
    """A collection as a page sees it (`chips["nvidia-h20"]`): an unknown id is a StoryError, not an undefined value."""

    def __init__(self, name: str, records: Mapping[str, Record], everything: Mapping[str, Mapping[str, Record]]) -> None:
        self.name = name
        self.records = records
        self.everything = everything

    def __getitem__(self, record_id: str) -> Record:
        found = self.records.get(record_id)
        if found is None:
            raise StoryError(f'{self.name}["{record_id}"]: {missing(self.everything, self.name, record_id)}', record_id)
        return found

    def __contains__(self, record_id: object) -> bool:
        return record_id in self.records

    def get(self, record_id: str, default: Any = None) -> Any:
        return self.records.get(record_id, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)


def missing(everything: Mapping[str, Mapping[str, Record]], collection: str, record_id: str) -> str:
    """`no record 'x' in chips` and the likeliest fix: a close id, the collection that has it, or where to add it."""
    said = f"no record '{record_id}' in {collection}"
    close = difflib.get_close_matches(record_id, list(everything[collection]), n=2, cutoff=0.8)
    if close:
        return f"{said} (did you mean {', '.join(repr(c) for c in close)}?)"
    elsewhere = [name for name in NAMES if record_id in everything[name]]
    if elsewhere:
        return f'{said}; \'{record_id}\' is in {elsewhere[0]}: write "{elsewhere[0]}" instead of "{collection}"'
    for name in NAMES:
        near = difflib.get_close_matches(record_id, list(everything[name]), n=1, cutoff=0.8)
        if near:
            return f"{said} (did you mean '{near[0]}' in {name}?)"
    return f"{said}{ADD}"


# How a page's message about an id that nothing resembles ends, until the expansion, which knows every page and where
# each collection lives, puts `retire_advice` in its place.
ADD = ": remove or replace this reference, or add the record"


def retire_advice(record_id: str, others: list[str], home: str) -> str:
    """An id nothing resembles was retired, or its record is not written yet: every place that names it, both fixes."""
    add = f"add a record with id '{record_id}' to {home}"
    if others:
        return f", also cited at {', '.join(others)}: remove or replace these references, or {add}"
    return f": remove or replace this reference, or {add}"


def collection(everything: Mapping[str, Mapping[str, Record]], named: str, name: str) -> Mapping[str, Record]:
    """The collection `name`; `named` is the helper call as the page wrote it, for the message."""
    if name not in everything:
        raise StoryError(f"{named}: no collection '{name}'{suggest(name, NAMES)}; the collections are {', '.join(NAMES)}", name)
    return everything[name]


def record(everything: Mapping[str, Mapping[str, Record]], named: str, name: str, record_id: str) -> Record:
    found = collection(everything, named, name).get(record_id)
    if found is None:
        said = missing(everything, name, record_id)
        unknown = record_id if said.endswith(ADD) else None
        raise StoryError(f"{named}: {said}", record_id, missing_id=unknown)
    return found


def field(everything: Mapping[str, Mapping[str, Record]], named: str, name: str, record_id: str, field_name: str) -> Any:
    found = record(everything, named, name, record_id)
    if field_name not in type(found).model_fields:
        raise StoryError(f"{named}: {unknown_field(found, field_name)}", field_name)
    return getattr(found, field_name)


def unknown_field(obj: BaseModel, name: str) -> str:
    """`chips[nvidia-h20].nmae: unknown field 'nmae' (did you mean 'name'?)`, as the YAML checks say it."""
    known = list(type(obj).model_fields)
    owner = _COLLECTION_OF.get(type(obj))
    where = f"{owner}[{obj.id}].{name}" if owner and isinstance(obj, Record) else name
    return f"{where}: unknown field '{name}'{suggest(name, known)}"


class UnknownNameError(StoryError):
    """A name the page uses that is neither a collection nor a helper (the page's expansion says which exist)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"unknown name '{name}'", name)
        self.name = name


class StoryUndefined(jinja2.StrictUndefined):
    """An undefined name, attribute or key in a page, reported in an editor's words."""

    def _fail_with_undefined_error(self, *args: object, **kwargs: object) -> NoReturn:
        obj, name = self._undefined_obj, str(self._undefined_name)
        if isinstance(obj, BaseModel):
            raise StoryError(unknown_field(obj, name), name)
        if isinstance(obj, Mapping):
            raise StoryError(f"no key '{name}'{suggest(name, [str(k) for k in obj])}", name)
        if obj is jinja2.utils.missing:
            raise UnknownNameError(name)
        raise StoryError(f"'{name}' is not something this value has", name)


# Jinja binds every operator of an undefined value (printing it, calling it, comparing it…) to the failing method
# when it defines the class: rebind them to ours.
for _name, _value in [*vars(jinja2.Undefined).items(), *vars(jinja2.StrictUndefined).items()]:
    if _value is jinja2.Undefined._fail_with_undefined_error:
        setattr(StoryUndefined, _name, StoryUndefined._fail_with_undefined_error)


def column(line: str, needle: str) -> int:
    """The column of the expression on `line` that holds `needle`: the first word after its `{{` or `{%`."""
    quoted = [m.start() for q in ('"', "'") for m in re.finditer(re.escape(f"{q}{needle}{q}"), line)]
    at = min(quoted) if quoted else line.find(needle)
    if at < 0:
        return 1
    opening = max(line.rfind("{{", 0, at), line.rfind("{%", 0, at))
    if opening < 0:
        return at + 1
    start = opening + 2
    while start < len(line) and line[start] in " -+":
        start += 1
    return start + 1


def cited_in_pages(pages: Iterable[Page], record_id: str) -> list[tuple[str, int, int]]:
    """Every place a narrative page names `record_id` in quotes (a helper's argument), as file, line, column."""
    quoted = (f'"{record_id}"', f"'{record_id}'")
    places = []
    for page in pages:
        if not any(q in page.body for q in quoted):
            continue
        for offset, line in enumerate(page.body.splitlines()):
            if any(q in line for q in quoted):
                places.append((page.display, page.body_line + offset, column(line, record_id)))
    return places
