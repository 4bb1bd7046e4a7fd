"""Dated data releases: a committed manifest per release, the records as released, and what changed between releases.

`make release` (python -m generator release) writes `content/releases/<date>.json`. The manifests live with the
content, not with the build's output, because they are part of the data's history: the build reads them from the
content folder it builds (as it reads the lock file), so a copy of the content carries its releases, and the
published site can list what changed between any two releases without git.

A manifest holds, compactly:

- `hashes`: every record's hash (its canonical JSON, sha256, 16 hex digits), so a release names exactly what it held;
- `records`: the canonical JSON of each record that is new or changed since the previous release (every record, in
  the first), one record to a line. A release's records are the previous release's with these laid over them, so
  each release after the first costs only what changed (plus a line per hash), not another copy of the data set;
- `computed`: the engine's results for each chip (metrics, status under each rule, status history), as the lock
  file holds them, so a release also records what the site concluded from its facts.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal

from .dates import parse_date
from .errors import Problem
from .link import Linked
from .lock import computed as engine_results
from .numbers import number
from .registry import NAMES
from .vocab import STATUSES

RELEASES_DIR = "releases"
CHANGES_PAGE = "changes.md"  # the "Data changes" page (generator/pages.py): every release and what it changed
FORMAT = 1
HASH_DIGITS = 16  # 64 bits: enough to tell that one record changed, at a fifth of a full sha256 line per record
REVISED_LENGTH = 80  # longer texts are said to be revised, not quoted before and after
DATE_LIKE = re.compile(r"\d{4}-(\d{2}(-\d{2})?|Q[1-4])")  # a date field's value, said in words on the page
STAMP = "verified"  # a record whose only change is this field was re-verified, not changed
ITEM_KEYS = ("id", "precision", "period", "label", "source")  # what names an item of a list of objects, when unique

Record = dict[str, Any]


class ReleaseError(Exception):
    """A release cannot be cut (one exists for that day, or a later one does)."""


def canonical(linked: Linked) -> dict[str, Record]:
    """Every record as an editor wrote it (no computed fields), keyed `collection/id`, in the registry's order."""
    return {
        f"{collection}/{record_id}": record.model_dump(mode="json", exclude_none=True)
        for collection in NAMES
        for record_id, record in linked.records[collection].items()
    }


def record_hash(record: Record) -> str:
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_DIGITS]


def computed(linked: Linked) -> dict[str, Any]:
    """The engine's results a release records for each chip: the lock file's, less the inputs the records hold."""
    return {chip: {k: v for k, v in entry.items() if k != "inputs"} for chip, entry in engine_results(linked).items()}


@dataclass(frozen=True)
class Release:
    """One release: its day, every record as released, and the engine's results then."""

    day: date
    records: dict[str, Record]
    computed: dict[str, Any]
    manifest: str  # the manifest's text, published beside the release's data

    @property
    def name(self) -> str:
        return self.day.isoformat()

    @property
    def folder(self) -> str:
        """Where the build publishes the release's data."""
        return f"data/releases/{self.name}/"

    def rows(self, collection: str) -> list[Record]:
        prefix = collection + "/"
        return [record for key, record in self.records.items() if key.startswith(prefix)]


@dataclass(frozen=True)
class FieldChange:
    """One field of a record: `value` before → after; `text` revised (too long to quote); `items` added and removed."""

    path: str  # as in the JSON: "throughput[fp16].value", "sources"
    kind: Literal["value", "text", "items"]
    before: str = ""
    after: str = ""
    # The items the path passes through, as a reader knows them ("China's annual solar installations", "2025"),
    # each with the key that holds it: [("metrics", "China's…"), ("points", "2025"), ("value", "")].
    steps: tuple[tuple[str, str], ...] = ()
    removed: tuple[str, ...] = ()  # for `items`: each item taken out, and each put in
    added: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordChange:
    key: str  # collection/id
    fields: tuple[FieldChange, ...]

    @property
    def collection(self) -> str:
        return self.key.partition("/")[0]

    @property
    def id(self) -> str:
        return self.key.partition("/")[2]


@dataclass(frozen=True)
class Changes:
    """What one release changed since the one before (`previous` None: the first release, everything new)."""

    day: date | None  # None: the content as it is now, not yet released
    previous: date | None
    added: tuple[str, ...]
    changed: tuple[RecordChange, ...]
    retired: tuple[str, ...]
    reverified: tuple[str, ...]  # only `verified` moved: checked against the sources, nothing else changed

    @property
    def anchor(self) -> str:
        return f"release-{self.day.isoformat()}" if self.day else "unreleased"

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.retired or self.reverified)


@dataclass(frozen=True)
class History:
    """Every release, oldest first; what each changed; and what the content has changed since the latest."""

    releases: tuple[Release, ...] = ()
    changes: tuple[Changes, ...] = ()  # one per release, in the same order
    unreleased: Changes | None = None  # None when there is no release yet

    @property
    def latest(self) -> Release | None:
        return self.releases[-1] if self.releases else None


# -- cutting a release ---------------------------------------------------------------------------------------------


def manifest_path(content: Path, day: date) -> Path:
    return content / RELEASES_DIR / f"{day.isoformat()}.json"


def cut(content: Path, linked: Linked, history: History, day: date) -> tuple[Path, Changes]:
    """Write the manifest of a release of the content as it is on `day`; what it changed since the latest release."""
    latest = history.latest
    if latest is not None and latest.day >= day:
        raise ReleaseError(f"a release of {latest.name} exists; a new release must be dated after it (--today)")
    records = canonical(linked)
    hashes = {key: record_hash(record) for key, record in records.items()}
    before = latest.records if latest else {}
    new = {key: record for key, record in records.items() if key not in before or record_hash(before[key]) != hashes[key]}
    text = render_manifest(day, latest.day if latest else None, hashes, new, computed(linked))
    path = manifest_path(content, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    release = Release(day, records, computed(linked), text)
    return path, diff(latest, release)


def render_manifest(
    day: date, previous: date | None, hashes: Mapping[str, str], records: Mapping[str, Record], results: Any
) -> str:
    """The manifest as JSON with one record (or hash, or chip) to a line, so that a release reads well in a diff."""

    def block(name: str, entries: Mapping[str, Any], last: bool = False) -> str:
        lines = [
            f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}" for key, value in entries.items()
        ]
        return f' "{name}": {{\n' + ",\n".join(lines) + ("\n }" if lines else " }") + ("" if last else ",")

    head = {"format": FORMAT, "release": day.isoformat(), "previous": previous.isoformat() if previous else None}
    parts = [f" {json.dumps(k)}: {json.dumps(v)}," for k, v in head.items()]
    parts += [block("hashes", hashes), block("records", records), block("computed", results, last=True)]
    return "{\n" + "\n".join(parts) + "\n}\n"


# -- reading the releases ------------------------------------------------------------------------------------------

_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")


def read(content: Path, linked: Linked) -> tuple[History, list[Problem]]:
    """Every release under `content/releases`, oldest first, what each changed, and what changed since the latest."""
    folder = content / RELEASES_DIR
    paths = sorted(p for p in folder.glob("*.json")) if folder.is_dir() else []
    releases: list[Release] = []
    problems: list[Problem] = []
    for path in paths:
        release, problem = _read_one(path, releases[-1] if releases else None)
        if problem is not None:
            problems.append(problem)
            break  # every later release is laid over this one
        assert release is not None
        releases.append(release)
    if not releases:
        return History(), problems
    changes = tuple(diff(before, after) for before, after in zip([None, *releases[:-1]], releases, strict=True))
    now = Release(linked.today, canonical(linked), computed(linked), "")
    unreleased = replace(diff(releases[-1], now), day=None)
    return History(tuple(releases), changes, unreleased), problems


def _read_one(path: Path, previous: Release | None) -> tuple[Release | None, Problem | None]:
    display = str(path)
    if not _NAME.match(path.name):
        return None, Problem(display, 1, 1, "a release manifest is named after its day, YYYY-MM-DD.json")
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
        day = date.fromisoformat(data["release"])
        hashes, stored, results = data["hashes"], data["records"], data["computed"]
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        return None, Problem(display, 1, 1, f"the release manifest cannot be read ({exc})")
    if day.isoformat() != path.stem:
        return None, Problem(display, 1, 1, f"the manifest says release {day}, but its name says {path.stem}")
    base = previous.records if previous else {}
    records = {}
    for key, expected in hashes.items():
        record = stored.get(key, base.get(key))
        if record is None or record_hash(record) != expected:
            where = "its records" if key in stored else f"release {previous.name}" if previous else "its records"
            return None, Problem(display, 1, 1, f"{key}: the hash does not match the record in {where}; the manifest was edited")
        records[key] = record
    return Release(day, records, results, text), None


# -- what changed ----------------------------------------------------------------------------------------------------


def diff(before: Release | None, after: Release) -> Changes:
    """Records added, changed field by field (the engine's results for chips included), retired, and only re-verified."""
    old = before.records if before else {}
    added = tuple(key for key in after.records if key not in old)
    retired = tuple(key for key in old if key not in after.records)
    changed: list[RecordChange] = []
    reverified: list[str] = []
    for key, record in after.records.items():
        if key not in old:
            continue
        fields = record_changes(old[key], record)
        if key.startswith("chips/") and before is not None:
            chip = key.partition("/")[2]
            fields += result_changes(before.computed.get(chip, {}), after.computed.get(chip, {}))
        if fields:
            changed.append(RecordChange(key, tuple(fields)))
        elif old[key].get(STAMP) != record.get(STAMP):
            reverified.append(key)
    return Changes(after.day, before.day if before else None, added, tuple(changed), retired, tuple(reverified))


def record_changes(before: Record, after: Record) -> list[FieldChange]:
    """Each leaf of the record that changed, by its path in the JSON; `verified` alone is a re-verification."""
    old = _leaves({k: v for k, v in before.items() if k != STAMP})
    new = _leaves({k: v for k, v in after.items() if k != STAMP})
    out = []
    for path in sorted(set(old) | set(new), key=_order(old, new)):
        a, b = old.get(path), new.get(path)
        if a == b:
            continue
        steps = _steps(path, after if path in new else before)
        if isinstance(a, list) or isinstance(b, list):
            gone = tuple(str(v) for v in (a or []) if v not in (b or []))
            came = tuple(str(v) for v in (b or []) if v not in (a or []))
            out.append(FieldChange(path, "items", ", ".join(gone), ", ".join(came), steps, gone, came))
        elif any(isinstance(v, str) and len(v) > REVISED_LENGTH for v in (a, b)):
            out.append(FieldChange(path, "text", steps=steps))
        else:
            out.append(FieldChange(path, "value", _shown(a), _shown(b), steps))
    return out


_STEP = re.compile(r"([^.\[\]]+)(?:\[([^\]]+)\])?")


def _steps(path: str, record: Record) -> tuple[tuple[str, str], ...]:
    """The path's keys, each with how a reader knows the list item it picks: its name, label or period; its
    precision in capitals; the day it held; else nothing (its place in its list means nothing to a reader)."""
    steps: list[tuple[str, str]] = []
    here: Any = record
    for key, item in _STEP.findall(path):
        here = here.get(key) if isinstance(here, dict) else None
        if not item:
            steps.append((key, ""))
            continue
        names = _item_names(here) if isinstance(here, list) else []
        picked = here[names.index(item)] if item in names and isinstance(here, list) else None
        here = picked
        steps.append((key, _item_label(picked) if isinstance(picked, dict) else ""))
    return tuple(steps)


def _item_label(item: Record) -> str:
    for key in ("name", "label", "period"):
        if isinstance(item.get(key), str | int):
            return str(item[key])
    precision = item.get("precision")
    if isinstance(precision, str):
        return precision.upper()
    return f"as of {_date_words(item['as_of'])}" if isinstance(item.get("as_of"), str) else ""


def _date_words(text: str) -> str:
    """ "2023-10" → "October 2023"; text that is no date stays as it is."""
    try:
        return parse_date(text).label()
    except ValueError:
        return text


def result_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[FieldChange]:
    """The engine's conclusions about a chip that moved: its status under each rule, its metrics, its history."""
    out = []
    for rule in sorted(set(before.get("status", {})) | set(after.get("status", {}))):
        a, b = before.get("status", {}).get(rule), after.get("status", {}).get(rule)
        if a != b:
            out.append(FieldChange(f"status under {rule} (computed)", "value", _status(a), _status(b)))
    for metric in sorted(set(before.get("metrics", {})) | set(after.get("metrics", {}))):
        a, b = before.get("metrics", {}).get(metric), after.get("metrics", {}).get(metric)
        if a != b:
            out.append(FieldChange(f"{metric} (computed)", "value", _shown(a), _shown(b)))
    if before.get("history") != after.get("history"):
        out.append(FieldChange("sale history (computed)", "text"))
    return out


def _status(value: str | None) -> str:
    """'controlled 3A090.a' (the lock's form: status, then the paragraphs that catch the chip) in the reader's words."""
    if not value:
        return "—"
    status, _, paragraphs = value.partition(" ")
    return " ".join(filter(None, [STATUSES.labels.get(status, status), paragraphs]))


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return number(value)
    return _date_words(value) if isinstance(value, str) and DATE_LIKE.fullmatch(value) else str(value)


def _order(*maps: Mapping[str, Any]) -> Any:
    """Paths in the order the record holds them."""
    seen: dict[str, int] = {}
    for m in maps:
        for path in m:
            seen.setdefault(path, len(seen))
    return seen.__getitem__


def _leaves(value: Any, path: str = "") -> dict[str, Any]:
    """The record as {path: value}: objects by key, lists of objects by what names their items, lists of texts whole."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out |= _leaves(item, f"{path}.{key}" if path else key)
        return out
    if isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        names = _item_names(value)
        out = {}
        for name, item in zip(names, value, strict=True):
            out |= _leaves(item, f"{path}[{name}]")
        return out
    return {path: value}


def _item_names(items: list[Any]) -> list[str]:
    for key in ITEM_KEYS:
        names = [str(item.get(key)) if isinstance(item, dict) and key in item else None for item in items]
        if None not in names and len(set(names)) == len(names):
            return [n for n in names if n is not None]
    return [str(i) for i in range(1, len(items) + 1)]


def keys_by_collection(keys: Iterable[str]) -> dict[str, list[str]]:
    """`collection/id` keys grouped by collection, in the registry's order."""
    groups: dict[str, list[str]] = {name: [] for name in NAMES}
    for key in keys:
        collection, _, record_id = key.partition("/")
        groups.setdefault(collection, []).append(record_id)
    return {name: ids for name, ids in groups.items() if ids}
