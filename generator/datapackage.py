"""The CSV downloads described as a Frictionless Data Package (`datapackage.json`), from the models so it never drifts.

Each column's type, constraints and description come from the model's JSON Schema (the field descriptions in
`model.py`); the computed columns' from `export.COMPUTED_COLUMNS`. Dates of mixed precision (a day, a month, a
quarter, a year or a span of days, never more precise than the source) are strings with the pattern they follow;
dates always known to the day are dates.
"""

from __future__ import annotations

import functools
from typing import Any

from .dates import PATTERN as DATE_PATTERN
from .registry import BY_NAME, MODELS

LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
PACKAGE_NAME = "china-chips-export-controls"
LIST_NOTE = "Several values are separated by '; '."
DATE_NOTE = "A date as precise as its source: YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY or a span of days YYYY-MM-DD/YYYY-MM-DD."
JSON_NOTE = "JSON: a list or an object, as in explainer.json."
_SCALARS = {"string": "string", "number": "number", "integer": "integer", "boolean": "boolean"}


@functools.cache
def _model_schema(collection: str) -> dict[str, Any]:
    schema: dict[str, Any] = MODELS[collection].model_json_schema()
    return schema


def _without_null(prop: dict[str, Any]) -> dict[str, Any]:
    options = [p for p in prop.get("anyOf", []) if p.get("type") != "null"]
    if len(options) == 1:
        return {**options[0], **{k: v for k, v in prop.items() if k != "anyOf"}}
    return prop


def _whole(pattern: str) -> str:
    """A JSON Schema pattern (found anywhere in the value unless anchored) as a Table Schema one (the whole value)."""
    return ("" if pattern.startswith("^") else ".*") + pattern + ("" if pattern.endswith("$") else ".*")


def model_field(collection: str, name: str) -> dict[str, Any]:
    """A Table Schema field for one of the model's fields, as `export.to_csv` writes it."""
    model = MODELS[collection]
    prop = _without_null(_model_schema(collection)["properties"][name])
    out: dict[str, Any] = {"name": name, "description": prop.get("description", "")}
    constraints: dict[str, Any] = {}
    if model.model_fields[name].is_required():
        constraints["required"] = True
    kind = prop.get("type")
    if "anyOf" in prop or "$ref" in prop or kind == "object":
        # a sourced value or a list of them, or a nested object: written as JSON
        out["type"] = "array" if "anyOf" in prop else "object"
        out["description"] += " " + JSON_NOTE
    elif kind == "array":
        items = prop.get("items", {})
        if items.get("type") in _SCALARS:
            out["type"] = "string"
            out["description"] += " " + LIST_NOTE
        else:
            out["type"] = "array"
            out["description"] += " " + JSON_NOTE
    elif prop.get("format") == "date":
        out["type"] = "date"
    else:
        out["type"] = _SCALARS[kind or "string"]
        if "enum" in prop:
            constraints["enum"] = prop["enum"]
        elif "pattern" in prop:
            constraints["pattern"] = _whole(prop["pattern"])
            if prop["pattern"] == DATE_PATTERN:
                out["description"] += " " + DATE_NOTE
        if prop.get("format") == "uri":
            out["format"] = "uri"
    if constraints:
        out["constraints"] = constraints
    return out


def table_schema(collection: str, columns: list[str], computed: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """Every column of a collection's CSV: the model's fields, then the computed ones the export adds."""
    fields = []
    for column in columns:
        if column in MODELS[collection].model_fields:
            fields.append(model_field(collection, column))
        else:
            kind, description = computed[column]
            fields.append({"name": column, "type": kind, "description": description})
    return {"fields": fields, "primaryKey": "id"}


def datapackage(
    columns: dict[str, list[str]], computed: dict[str, tuple[str, str]], *, title: str, release: dict[str, Any] | None
) -> dict[str, Any]:
    """`datapackage.json` for a folder of CSVs, one per collection, with the licence and the release they belong to."""
    resources = [
        {
            "name": collection,
            "title": BY_NAME[collection].title,
            "path": f"{collection}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": table_schema(collection, cols, computed),
        }
        for collection, cols in columns.items()
    ]
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": title,
        "description": "Sourced, dated facts on US export controls on China's tech sector, the chips they target, who "
        "buys them, and the spillovers into solar and electric vehicles. Each record carries its sources.",
        "licenses": [LICENCE],
        "resources": resources,
    }
    if release is not None:
        package["version"] = release["date"]
        package["release"] = release
    return package
