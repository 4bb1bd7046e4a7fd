"""Computed results reviewed like code: every chip's metrics, verdicts and status history, kept in a lock file.

A one-character slip in a spec can flip what the site publishes about a chip. The lock file holds what the
engine computed when an editor last accepted it; a build reports every difference as "before → after" with the
inputs that changed, and a strict build (CI's) fails until `python -m generator lock` accepts the change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Problem, Severity
from .explain import fmt_interval
from .link import Linked
from .metrics import METRICS
from .numbers import number
from .status import readable
from .validate import iter_figures

LOCK_FILE = "computed.lock.json"
ACCEPT = "if this is intended, run `make lock` (python -m generator lock) to accept it"

Entry = dict[str, Any]


def computed(linked: Linked) -> dict[str, Entry]:
    """What the lock holds for each chip: its inputs and what the engine made of them."""
    out = {}
    for chip in linked.dataset.chips.values():
        metrics = linked.metrics[chip.id]
        out[chip.id] = {
            "inputs": {
                "throughput": [f"{t.precision} {number(t.value)} {t.unit} ({t.source})" for t in chip.throughput],
                "die_area_mm2": [f"{number(v.value)} ({v.source})" for v in chip.die_area_mm2 or []],
                "interconnect_gbs": [f"{number(v.value)} ({v.source})" for v in chip.interconnect_gbs or []],
                "data_center": chip.data_center,
            },
            "metrics": {key: fmt_interval(key, metrics.get(key)) for key in METRICS},
            "status": {
                rule.id: " ".join([str(c.status), *c.paragraphs])
                for rule in linked.rules
                for c in [linked.classifications[(chip.id, rule.id)]]
            },
            "history": [
                f"{p.start.isoformat()}: export {'+'.join(p.export.statuses)}; import {'+'.join(p.imports.statuses)}"
                for p in readable(linked.histories[chip.id])
            ],
        }
    return out


def render_lock(linked: Linked) -> str:
    return json.dumps(computed(linked), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_lock(content: Path, linked: Linked) -> Path:
    path = content / LOCK_FILE
    path.write_text(render_lock(linked), encoding="utf-8")
    return path


@dataclass(frozen=True)
class Review:
    """What accepting one new or changed chip would lock: its computed results, before → after for a change."""

    chip_id: str
    where: str
    before: Entry | None
    after: Entry

    def lines(self) -> list[str]:
        """The chip's metrics, its verdict under each rule and its status periods, as `make lock` prints them."""
        state = "new" if self.before is None else "changed"
        out = [f"{self.chip_id} ({state}, {self.where}):"]
        metrics = [f"{key} {self._shown('metrics', key)}" for key in self.after["metrics"]]
        out.append(f"  metrics: {'; '.join(metrics)}")
        out += [f"  under {rule}: {self._shown('status', rule)}" for rule in self.after["status"]]
        before = None if self.before is None else self.before.get("history", [])
        if before is not None and before != self.after["history"]:
            out += ["  status periods before:", *_periods(before), "  status periods after:", *_periods(self.after["history"])]
        else:
            unchanged = " (unchanged)" if before is not None else ""
            out += [f"  status periods{unchanged}:", *_periods(self.after["history"])]
        return out

    def _shown(self, part: str, key: str) -> str:
        new = self.after[part].get(key, "none")
        old = new if self.before is None else self.before.get(part, {}).get(key, "none")
        return new if old == new else f"{old} → {new}"


def _periods(history: list[str]) -> list[str]:
    return [f"    from {period}" for period in history] or ["    none"]


def _locked(path: Path) -> dict[str, Entry] | None:
    if not path.is_file():
        return None
    try:
        data: dict[str, Entry] = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return data


def reviews(content: Path, linked: Linked) -> list[Review]:
    """Every chip whose computed results the lock does not hold yet, new or changed, in the data's order."""
    locked = _locked(content / LOCK_FILE) or {}
    out = []
    for chip_id, after in computed(linked).items():
        before = locked.get(chip_id)
        if before is not None and not _changes(before, after):
            continue
        origin = linked.dataset.origins[("chips", chip_id)]
        _, mark = origin.doc.locate((*origin.prefix, "id"))
        out.append(Review(chip_id, f"{origin.doc.path}:{mark.line}", before, after))
    return out


def check_lock(content: Path, linked: Linked) -> list[tuple[str | None, Problem]]:
    """A warning for every chip whose computed results differ from the lock (so `--strict` fails until accepted),
    and for every figure of a new chip far outside those of its kind; each with the chip it concerns (None: the file)."""
    path = content / LOCK_FILE
    display = str(path)
    if not path.is_file():
        return [(None, Problem(display, 1, 1, f"no lock file of computed results yet; {ACCEPT}", Severity.WARNING))]
    locked = _locked(path)
    if locked is None:
        return [(None, Problem(display, 1, 1, "the lock file cannot be read; run `make lock` to write it anew"))]
    now = computed(linked)
    found: list[tuple[str | None, Problem]] = []
    for chip_id, after in now.items():
        before = locked.get(chip_id)
        origin = linked.dataset.origins[("chips", chip_id)]
        if before is None:
            message = f"{chip_id}: a new chip, not yet in {LOCK_FILE}: {_summary(after)}; {ACCEPT}"
            found += [(chip_id, p) for p in _far_outside(linked, chip_id, locked)]
        else:
            changes = _changes(before, after)
            if not changes:
                continue
            message = f"{chip_id}: computed results changed: {'; '.join(changes)}; {ACCEPT}"
        found.append((chip_id, origin.problem(("id",), message, severity=Severity.WARNING)))
    for chip_id in sorted(set(locked) - set(now)):
        message = f"{chip_id}: in the lock file but no longer in the data; {ACCEPT}"
        found.append((None, Problem(display, 1, 1, message, Severity.WARNING)))
    return found


def _summary(entry: Entry) -> str:
    metrics = ", ".join(f"{key} {value}" for key, value in entry["metrics"].items())
    rules = ", ".join(f"under {rule} {status}" for rule, status in entry["status"].items())
    return f"{metrics}; {rules}; {len(entry['history'])} status period(s)"


# A new chip's figure this many times beyond every accepted chip of its kind is almost surely a slip.
FAR = 3.0
MIN_PEERS = 3


def _far_outside(linked: Linked, chip_id: str, locked: dict[str, Entry]) -> list[Problem]:
    """Each figure of a new chip far beyond the accepted chips of its kind (a data-centre GPU with a phone's die)."""
    chips = linked.dataset.chips
    chip = chips[chip_id]
    peers = [c for c in chips.values() if c.id in locked and c.kind == chip.kind]  # accepted: not another new one
    ranges: dict[str, list[float]] = {}
    holders: dict[str, set[str]] = {}
    for peer in peers:
        for loc, value, _ in iter_figures(peer):
            ranges.setdefault(str(loc[0]), []).append(value)
            holders.setdefault(str(loc[0]), set()).add(peer.id)
    origin = linked.dataset.origins[("chips", chip_id)]
    problems = []
    for loc, value, bound in iter_figures(chip):
        known = ranges.get(str(loc[0]), [])
        if str(loc[0]) == "throughput" or len(known) < MIN_PEERS or min(known) / FAR <= value <= max(known) * FAR:
            continue  # throughput: formats from FP4 to FP64 differ by far more than a slip
        unit = f" {bound.unit}" if bound.unit else ""
        message = (
            f"{origin.name}.{loc[0]}: {number(value)}{unit} is far outside the accepted {chip.kind} chips "
            f"({len(holders[str(loc[0])])} give it: {number(min(known))}–{number(max(known))}{unit}): check it for a "
            "slipped decimal point or a wrong unit before `make lock` accepts it"
        )
        problems.append(origin.problem(loc, message, severity=Severity.WARNING))
    return problems


def _changes(before: Entry, after: Entry) -> list[str]:
    out = []
    for part in ("status", "metrics"):
        for key in sorted(set(before.get(part, {})) | set(after[part])):
            old, new = before.get(part, {}).get(key, "none"), after[part].get(key, "none")
            if old != new:
                out.append(f"{'status under ' if part == 'status' else ''}{key} {old} → {new}")
    if before.get("history") != after["history"]:
        gone = [p for p in before.get("history", []) if p not in after["history"]]
        came = [p for p in after["history"] if p not in before.get("history", [])]
        out.append(f"status history {' | '.join(gone) or 'none'} → {' | '.join(came) or 'none'}")
    if out:
        for key in sorted(after["inputs"]):
            old, new = before.get("inputs", {}).get(key), after["inputs"][key]
            if old != new:
                out.append(f"input {key} {_said(old)} → {_said(new)}")
    return out


def _said(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    return "none" if value is None else str(value).lower()
