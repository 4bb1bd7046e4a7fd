"""Computed results reviewed like code: every chip's metrics, verdicts and status history, kept in a lock file.

A one-character slip in a spec can flip what the site publishes about a chip. The lock file holds what the
engine computed when an editor last accepted it; a build reports every difference as "before → after" with the
inputs that changed, and a strict build (CI's) fails until `python -m generator lock` accepts the change.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import Problem, Severity
from .explain import fmt_interval
from .link import Linked
from .metrics import METRICS
from .numbers import number
from .status import readable

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


def check_lock(content: Path, linked: Linked) -> list[Problem]:
    """A warning for every chip whose computed results differ from the lock (so `--strict` fails until accepted)."""
    path = content / LOCK_FILE
    display = str(path)
    if not path.is_file():
        return [Problem(display, 1, 1, f"no lock file of computed results yet; {ACCEPT}", Severity.WARNING)]
    try:
        locked = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return [Problem(display, 1, 1, f"the lock file cannot be read ({exc}); run `make lock` to write it anew")]
    now = computed(linked)
    problems = []
    for chip_id, after in now.items():
        before = locked.get(chip_id)
        origin = linked.dataset.origins[("chips", chip_id)]
        if before is None:
            message = f"{chip_id}: a new chip, not yet in {LOCK_FILE}; {ACCEPT}"
        else:
            changes = _changes(before, after)
            if not changes:
                continue
            message = f"{chip_id}: computed results changed: {'; '.join(changes)}; {ACCEPT}"
        problems.append(origin.problem(("id",), message, severity=Severity.WARNING))
    for chip_id in sorted(set(locked) - set(now)):
        problems.append(
            Problem(display, 1, 1, f"{chip_id}: in the lock file but no longer in the data; {ACCEPT}", Severity.WARNING)
        )
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
