"""The editing guide: every collection and field, described from the model itself."""

from __future__ import annotations

import functools
import typing
from dataclasses import dataclass, replace
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .model import (
    Bound,
    Control,
    Criterion,
    Evidence,
    Exemption,
    ExportEffect,
    Factual,
    ImportEffect,
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
from .vocab import EXPORT_STATUSES, IMPORT_STATUSES

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
    Control,
    PageMeta,
]


@dataclass(frozen=True)
class Recipe:
    """A worked example for one common case: what it is for, and the YAML to copy."""

    title: str
    when: str
    example: str


# One recipe per kind of control editors add; tests/test_editor_support.py checks each example against the model.
CONTROL_RECIPES = (
    Recipe(
        "A letter naming chips",
        "The United States tells a company, by letter, that named chips need a licence: list them under `chips`. "
        "Without `starts`, it applies from the measure's `effective` date.",
        "controls:\n"
        "  - side: export\n"
        "    effect: licence-required\n"
        "    chips: [nvidia-a100, nvidia-h100]\n"
        "    source: itpro-us-sanctions-nvidia-chip-sales-china\n"
        "    note: Imposed by a letter to Nvidia, not by a published rule.\n",
    ),
    Recipe(
        "A threshold rule",
        "A rule catches every chip past its thresholds: name the rule (an id in `content/rules.yaml`) under `rule` "
        "instead of listing chips, and give `ends` when a later version replaced it.",
        "controls:\n"
        "  - side: export\n"
        "    effect: licence-required\n"
        "    rule: eccn-3a090-2022\n"
        "    ends: 2023-11-17\n"
        "    source: usebase-fr-2022-21658-advanced-computing-ifr\n",
    ),
    Recipe(
        "A licence policy",
        "Licences granted to some buyers, or reviewed case by case: the chips it names, and when the policy began "
        "when the sources give only a window (a span of days).",
        "controls:\n"
        "  - side: export\n"
        "    effect: licences-granted\n"
        "    chips: [nvidia-h20]\n"
        "    starts: 2025-08-01/2025-08-08\n"
        "    source: osoulmisr-reuters-nvidia-amd-15-percent-china-revenue\n"
        "    note: Licences are issued for particular buyers.\n",
    ),
    Recipe(
        "A China-side measure",
        "China tells its firms not to buy, halts orders, blocks imports at customs or approves them: `side: import` "
        "with one of the import effects.",
        "controls:\n"
        "  - side: import\n"
        "    effect: purchases-discouraged\n"
        "    chips: [nvidia-h20]\n"
        "    starts: 2025-08-12\n"
        "    source: phoneworld-2025-08-12-china-firms-avoid-nvidia-h20\n",
    ),
)

# Every form `starts` and `ends` (like every date) accept, with how the site reads it.
DATE_FORMS = (
    ("2025-08-12", "a day"),
    ('"2025-08"', "a month (quoted, so YAML keeps it as text)"),
    ('"2025-Q3"', "a quarter"),
    ('"2025"', "a year"),
    ("2025-08-01/2025-08-08", "a span of days: it happened on one day between the two, the sources do not say which"),
)


@dataclass(frozen=True)
class Effect:
    side: str
    value: str
    meaning: str


def control_effects() -> list[Effect]:
    """Each effect a control may have, on its side, with the words the site shows for it."""
    export = [Effect("export", e, EXPORT_STATUSES.label(e)) for e in typing.get_args(ExportEffect)]
    return export + [Effect("import", e, IMPORT_STATUSES.label(e)) for e in typing.get_args(ImportEffect)]


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
    recipes: tuple[Recipe, ...] = ()
    effects: tuple[Effect, ...] = ()
    date_forms: tuple[tuple[str, str], ...] = ()


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
    docs += [_part(part) for part in PARTS]
    return docs


def _part(part: type[BaseModel]) -> ModelDoc:
    doc = ModelDoc(part.__name__, (part.__doc__ or "").strip(), describe_model(part))
    if part is Control:  # the one part with several ways to write it: a recipe for each, and every date form
        return replace(doc, recipes=CONTROL_RECIPES, effects=tuple(control_effects()), date_forms=DATE_FORMS)
    return doc
