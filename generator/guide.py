"""The editing guide: every collection and field, described from the model itself."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .model import (
    Bound,
    Criterion,
    Evidence,
    Exemption,
    Factual,
    Metric,
    PageMeta,
    Paragraph,
    Point,
    Sourced,
    SourcedCompany,
    SourcedText,
    Throughput,
    ref_of,
)
from .registry import MODELS, NAMES
from .validate import Dataset

PARTS: list[type[BaseModel]] = [
    Sourced,
    SourcedText,
    SourcedCompany,
    Throughput,
    Metric,
    Point,
    Evidence,
    Paragraph,
    Criterion,
    Bound,
    Exemption,
    PageMeta,
]


@dataclass(frozen=True)
class FieldDoc:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class ModelDoc:
    name: str
    summary: str
    fields: list[FieldDoc]
    example: str | None = None


def _label(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in prop:
        return f"{prop['$ref'].rsplit('/', 1)[-1]} (see below)"
    if "anyOf" in prop:
        options = [o for o in prop["anyOf"] if o.get("type") != "null"]
        if len(options) == 2 and options[1].get("type") == "array":
            return f"one {_label(options[0], defs)}, or a list of them when sources disagree"
        return " or ".join(_label(o, defs) for o in options)
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    if "const" in prop:
        return f"`{prop['const']}`"
    kind = prop.get("type")
    if kind == "array":
        return "list of " + _label(prop.get("items", {}), defs)
    if kind == "string" and prop.get("format") == "date":
        return "full date (YYYY-MM-DD)"
    if kind == "string" and "Q(" in prop.get("pattern", ""):
        return "date (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD)"
    if kind == "string" and prop.get("format") == "uri":
        return "http(s) address"
    if kind == "string" and prop.get("contentMediaType") == "text/markdown":
        return "Markdown text (no raw HTML)"
    return {"string": "text", "number": "number", "integer": "whole number", "boolean": "true or false"}.get(str(kind), "value")


@functools.cache
def _schema(model: type[BaseModel]) -> dict[str, Any]:
    """Each model's JSON Schema, built once: the models never change while the generator runs."""
    return model.model_json_schema()


def describe_model(model: type[BaseModel]) -> list[FieldDoc]:
    schema = _schema(model)
    defs = schema.get("$defs", {})
    required = set(schema.get("required", []))
    docs = []
    for name, info in _editor_order(model).items():
        ref = ref_of(model, name)
        label = _label(schema["properties"][name], defs)
        if ref is not None:
            many = label.startswith("list of")
            target = f"`{ref.collection}` record" if ref.collection else "record of any collection"
            label = f"list of ids of {target}s" if many else f"id of a {target}"
        docs.append(FieldDoc(name, label, name in required, info.description or ""))
    return docs


def _editor_order(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """The record's own fields first, then those every factual record shares."""
    shared = [name for name in Factual.model_fields if name != "id"]
    fields = model.model_fields
    return {name: fields[name] for name in sorted(fields, key=lambda n: n in shared)}


# PyYAML's C emitter writes the same text as its Python one, eight times faster.
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _example(dataset: Dataset, collection: str) -> str | None:
    record = next(iter(dataset.records[collection].values()), None)
    if record is None:
        return None
    dumped = record.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data = {name: dumped[name] for name in _editor_order(type(record)) if name in dumped}
    return yaml.dump([data], Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)


def guide(dataset: Dataset) -> list[ModelDoc]:
    """One entry per collection (with a real example record), then the shared building blocks."""
    docs = [
        ModelDoc(name, (MODELS[name].__doc__ or "").strip(), describe_model(MODELS[name]), _example(dataset, name))
        for name in NAMES
    ]
    docs += [ModelDoc(part.__name__, (part.__doc__ or "").strip(), describe_model(part)) for part in PARTS]
    return docs
