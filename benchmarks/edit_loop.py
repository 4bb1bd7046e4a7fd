"""Edit-loop latency: from saving a YAML change to `mkdocs serve --dirty` serving the page that carries it.

    python benchmarks/edit_loop.py [--rounds 5]

Runs on a copy of the shipped content, so the working tree is never touched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# (what, file, text to replace, page to watch, replacement for round N, text the page then shows)
EDITS = {
    "figure": (
        "content/chips/nvidia-china-chips-ascend-and-kirin.yaml",
        "memory_gb: {value: 96, source: tomshardware-nvidia-h20-l20-l2-china}",
        "chips/nvidia-h20/",
        lambda n: f"memory_gb: {{value: {96 + n}, source: tomshardware-nvidia-h20-l20-l2-china}}",
        lambda n: f"{96 + n} GB",
    ),
    "rename": (
        "content/companies/chipmakers-ai-firms-and-suppliers.yaml",
        "name: Huawei Technologies",
        "companies/huawei/",
        lambda n: f"name: Huawei Technologies Edit{n}",
        lambda n: f"Huawei Technologies Edit{n}",
    ),
    "story": (
        "content/pages/controls.md",
        "The measures recorded here start",
        "controls/",
        lambda n: f"The measures recorded here (draft {n}) start",
        lambda n: f"(draft {n}) start",
    ),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait(condition: object, seconds: float = 120) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if condition():  # type: ignore[operator]
            return time.perf_counter()
        time.sleep(0.02)
    raise TimeoutError("the page never showed the change")


def measure(rounds: int) -> dict[str, list[float]]:
    """Latencies per kind of edit: one figure on one record, renaming the most-linked company, a sentence in a story."""
    with tempfile.TemporaryDirectory(prefix="explainer-edit-") as tmp:
        folder = Path(tmp)
        for name in ("content", "theme_overrides"):
            shutil.copytree(ROOT / name, folder / name)
        shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
        port = _free_port()
        base = f"http://127.0.0.1:{port}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"]
        server = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(lambda: "Huawei Technologies" in _get(base + "companies/huawei/"))
            results: dict[str, list[float]] = {}
            for kind, (file, old, page, new, shown) in EDITS.items():
                path = folder / file
                original = path.read_text(encoding="utf-8")
                results[kind] = []
                for round_ in range(1, rounds + 1):
                    saved = time.perf_counter()
                    path.write_text(original.replace(old, new(round_), 1), encoding="utf-8")
                    expected = shown(round_)
                    results[kind].append(_wait(lambda e=expected, p=page: e in _get(base + p)) - saved)
                    time.sleep(1.0)
                path.write_text(original, encoding="utf-8")
                time.sleep(3.0)
            return results
        finally:
            server.terminate()
            server.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="fail if any kind of edit's median passes 1.5 s")
    args = parser.parse_args()
    medians = {}
    for kind, latencies in measure(args.rounds).items():
        medians[kind] = statistics.median(latencies)
        print(
            f"edit-loop latency, {kind} edit (s): " + ", ".join(f"{x:.2f}" for x in latencies) + f"; median {medians[kind]:.2f}"
        )
    return 1 if args.check and max(medians.values()) > 1.5 else 0


if __name__ == "__main__":
    sys.exit(main())
