"""The published data: the whole data set as JSON, a CSV per collection, the JSON Schemas, and each release's data."""

from __future__ import annotations

import copy
import csv
import functools
import io
import json
from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter

from .cite import page_url
from .datapackage import datapackage
from .dates import PartialDate
from .engine import Interval
from .explain import NOT_COVERED, TYPED_FIGURES, made_in_china, metric_summary, verdict
from .link import Linked
from .metrics import BIT_LENGTH, METRICS, NARROW_BITS
from .model import Record
from .registry import BY_NAME, MODELS
from .releases import CHANGES_PAGE, Changes, History, Release
from .settings import SITE_NAME
from .status import NOTHING, STRICTNESS, Answer
from .vocab import EXPORT_STATUSES, IMPORT_STATUSES, OUTCOMES, STATUSES

SCHEMA_DIR = "schema"


def records_json(linked: Linked) -> dict[str, list[dict[str, Any]]]:
    """Every record as plain JSON data, computed fields included."""
    out: dict[str, list[dict[str, Any]]] = {}
    for collection, records in linked.dataset.records.items():
        providers = [COMPUTED[name] for name in BY_NAME[collection].exports]
        rows = []
        for record_id, record in records.items():
            data = record.model_dump(mode="json", exclude_none=True)
            for provide in providers:
                data.update(provide(linked, record_id))
            backlinks = linked.backlinks.get((collection, record_id), [])
            if backlinks:
                data["referenced_by"] = [{"collection": b.collection, "id": b.id} for b in backlinks]
            rows.append(data)
        out[collection] = rows
    return out


def entity_list(linked: Linked, company_id: str) -> dict[str, Any]:
    """The measures that put a company on the US Entity List, with the date each took effect."""
    listings = linked.entity_listings.get(company_id, [])
    return {"entity_list": [{"measure": m.id, "date": str(m.effective or m.first_date)} for m in listings]}


def _interval_json(value: Interval | None) -> dict[str, float] | None:
    return {"low": round(value.low, 4), "high": round(value.high, 4)} if value else None


def chip_metrics(linked: Linked, chip_id: str) -> dict[str, Any]:
    """The engine's computed metrics and the chip's status under every rule, as data (words are in `labels`)."""
    metrics = linked.metrics[chip_id]
    status = {}
    for rule in linked.rules:
        result = linked.classifications[(chip_id, rule.id)]
        status[rule.id] = {"status": str(result.status), "paragraphs": list(result.paragraphs), "missing": list(result.missing)}
    return {
        "tpp": _interval_json(metrics.tpp),
        "performance_density": _interval_json(metrics.performance_density),
        "interconnect_gbs_used": _interval_json(metrics.interconnect_gbs),
        "status": status,
    }


def _answer_json(answer: Answer) -> dict[str, Any]:
    return {
        "statuses": list(answer.statuses),
        "alternatives": [list(a) for a in answer.alternatives],
        "measures": list(answer.measures),
    }


def sale_history(linked: Linked, chip_id: str) -> dict[str, Any]:
    """Can the chip be sold to China: each period between status changes, US export side and China's side."""
    periods = [
        {
            "from": p.start.isoformat(),
            "to": p.end.isoformat() if p.end else None,
            "export": _answer_json(p.export),
            "import": _answer_json(p.imports),
        }
        for p in linked.histories[chip_id]
    ]
    return {"sale_history": periods, "sale_as_of": linked.today.isoformat()}


COMPUTED: dict[str, Callable[[Linked, str], dict[str, Any]]] = {
    "entity_list": entity_list,
    "chip_metrics": chip_metrics,
    "sale_history": sale_history,
}

# The columns the export adds to the models' fields: their Table Schema type and description (datapackage.json).
COMPUTED_COLUMNS: dict[str, tuple[str, str]] = {
    "entity_list": ("array", "Computed: the measures that put the company on the US Entity List, with the day each took effect."),
    "tpp": ("object", "Computed: total processing performance, {low, high} across the sources' figures."),
    "performance_density": ("object", "Computed: TPP per mm² of die, {low, high} across the sources' figures."),
    "interconnect_gbs_used": ("object", "Computed: the chip-to-chip I/O bandwidth the rules test, {low, high}, GB/s."),
    "status": (
        "object",
        "Computed: the chip's status under each rule, the paragraphs that catch it, the figures missing.",
    ),
    "sale_history": ("array", "Computed: can the chip be sold to China, period by period (US export side and China's side)."),
    "sale_as_of": ("date", "Computed: the day the sale history runs to (the build's day)."),
    "referenced_by": ("array", "Computed: the records that refer to this one, as {collection, id}."),
}


def labels() -> dict[str, Any]:
    """The words browser scripts show for the engine's values: read from here, never copied into a script."""
    return {
        "statuses": STATUSES.labels,
        "export_statuses": EXPORT_STATUSES.labels,
        "import_statuses": IMPORT_STATUSES.labels,
        "outcomes": OUTCOMES.labels,
        "metrics": {key: {"label": m.label, "decimals": m.decimals, "missing": m.missing} for key, m in METRICS.items()},
    }


def _period_json(when: PartialDate) -> dict[str, str]:
    return {"text": when.text, "start": when.start.isoformat(), "end": when.end.isoformat()}


def controls_json(linked: Linked) -> list[dict[str, Any]]:
    """Every measure's controls with the days they apply from and to, for the status of a chip on any date."""
    return [
        {
            "measure": w.measure,
            "name": linked.title("measures", w.measure),
            "side": w.side,
            "effect": w.effect,
            "chips": list(w.chips),
            "rule": w.rule,
            "starts": _period_json(w.starts),
            "ends": _period_json(w.ends) if w.ends else None,
        }
        for w in linked.controls
    ]


def checker_chips(linked: Linked) -> list[dict[str, Any]]:
    """Each chip's engine verdict under every rule, and the figures that fill the checker's form when it is picked."""
    out = []
    for chip in linked.dataset.chips.values():
        metrics = linked.metrics[chip.id]
        peak = max((t for t in chip.throughput if t.precision in metrics.tpp_precisions), key=lambda t: t.value, default=None)
        inputs = {
            "throughput": peak.value if peak else None,
            "bits": BIT_LENGTH[peak.precision] if peak else None,
            "area": chip.die_area_mm2[0].value if chip.die_area_mm2 else None,
            "io": chip.interconnect_gbs[0].value if chip.interconnect_gbs else None,
            "data_center": chip.data_center,
        }
        results = {rule.id: linked.classifications[(chip.id, rule.id)] for rule in linked.rules}
        chinese = made_in_china(linked.title("companies", chip.vendor), "below") if linked.made_in_china(chip) else None
        out.append(
            {
                "id": chip.id,
                "name": chip.name,
                "status": {rule_id: str(result.status) for rule_id, result in results.items()},
                # the chip page's words: every source's figures, and why each rule gives its answer
                "metrics": metric_summary(metrics),
                "verdicts": {rule.id: verdict(results[rule.id], rule.name) for rule in linked.rules},
                "inputs": inputs,
                "made_in_china": chinese,
            }
        )
    return out


def rules_json(linked: Linked) -> dict[str, Any]:
    """What the in-browser checker needs: thresholds, chips, measures' controls, and the words for its answers."""
    return {
        "bit_lengths": BIT_LENGTH,
        "narrow_bits": NARROW_BITS,
        "labels": labels(),
        "rules": [rule.model_dump(mode="json", exclude_none=True) for rule in linked.rules],
        "chips": checker_chips(linked),
        "controls": controls_json(linked),
        "strictness": STRICTNESS,
        "nothing": NOTHING,
        "not_covered": NOT_COVERED,
        "typed_figures": TYPED_FIGURES,
        "today": linked.today.isoformat(),
    }


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def csv_columns(rows: list[dict[str, Any]], collection: str) -> list[str]:
    """The model's fields, id first, then the computed fields the rows carry."""
    columns = ["id", *[c for c in MODELS[collection].model_fields if c != "id"]]
    return columns + sorted({key for row in rows for key in row} - set(columns))


def to_csv(rows: list[dict[str, Any]], collection: str) -> str:
    columns = csv_columns(rows, collection)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(row.get(c)) for c in columns])
    return buffer.getvalue()


def _package(tables: dict[str, list[dict[str, Any]]], release: dict[str, Any] | None) -> str:
    columns = {collection: csv_columns(rows, collection) for collection, rows in tables.items()}
    package = datapackage(columns, COMPUTED_COLUMNS, title=SITE_NAME, release=release)
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


@functools.cache
def _list_schema(model: type[Record]) -> dict[str, Any]:
    schema: dict[str, Any] = TypeAdapter(list[model]).json_schema()  # type: ignore[valid-type]
    return schema


def schemas() -> dict[str, dict[str, Any]]:
    """A JSON Schema per collection file: a list of records."""
    out = {}
    for collection, model in MODELS.items():
        schema = copy.deepcopy(_list_schema(model))  # the models never change: build each schema once
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"{collection} — explainer content"
        out[collection] = schema
    return out


def _json(value: Any) -> str:
    # Without `indent` the json module uses its C encoder, several times faster on thousands of records.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def release_json(history: History, site_url: str) -> dict[str, Any] | None:
    """Which release the data at today's paths is, where its changes are listed, and whether the content moved since."""
    latest = history.latest
    if latest is None:
        return None
    since = history.unreleased
    return {
        "date": latest.name,
        "changes": page_url(site_url, CHANGES_PAGE) + f"#release-{latest.name}",
        "files": latest.folder,
        "records_changed_since": len(since.added) + len(since.changed) + len(since.retired) if since else 0,
    }


def release_files(release: Release, changes: Changes, site_url: str) -> dict[str, str]:
    """A release's data as it was released: its records (as editors wrote them) as JSON and CSV, and its manifest."""
    about = {
        "date": release.name,
        "previous": changes.previous.isoformat() if changes.previous else None,
        "changes": page_url(site_url, CHANGES_PAGE) + f"#{changes.anchor}",
    }
    tables = {collection: release.rows(collection) for collection in MODELS}
    files = {f"{release.folder}manifest.json": release.manifest, f"{release.folder}datapackage.json": _package(tables, about)}
    for collection, rows in tables.items():
        files[f"{release.folder}{collection}.csv"] = to_csv(rows, collection)
    files[f"{release.folder}explainer.json"] = _json({"release": about, **tables, "computed": release.computed})
    return files


def data_files(linked: Linked, history: History, site_url: str) -> dict[str, str]:
    """`data/explainer.json` (naming its release), `data/<collection>.csv`, the schemas, and each release's data."""
    data = records_json(linked)
    current = release_json(history, site_url)
    files = {
        "data/explainer.json": _json({"release": current, **data}),
        "data/rules.json": _json(rules_json(linked)),
        "data/datapackage.json": _package(data, current),
    }
    for release, changes in zip(history.releases, history.changes, strict=True):
        files |= release_files(release, changes, site_url)
    for collection, rows in data.items():
        files[f"data/{collection}.csv"] = to_csv(rows, collection)
        for row in rows:
            files[f"data/{collection}/{row['id']}.json"] = _json(row)
    for collection, schema in schemas().items():
        files[f"data/{SCHEMA_DIR}/{collection}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return files
