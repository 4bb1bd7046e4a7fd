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
NAME = "name: Huawei Technologies"


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


def measure(rounds: int) -> list[float]:
    with tempfile.TemporaryDirectory(prefix="explainer-edit-") as tmp:
        folder = Path(tmp)
        for name in ("content", "theme_overrides"):
            shutil.copytree(ROOT / name, folder / name)
        shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
        port = _free_port()
        url = f"http://127.0.0.1:{port}/companies/huawei/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"]
        server = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(lambda: "Huawei Technologies" in _get(url))
            companies = folder / "content" / "companies.yaml"
            original = companies.read_text(encoding="utf-8")
            latencies = []
            for round_ in range(1, rounds + 1):
                marker = f"Huawei Technologies Edit{round_}"
                saved = time.perf_counter()
                companies.write_text(original.replace(NAME, f"name: {marker}", 1), encoding="utf-8")
                latencies.append(_wait(lambda m=marker: m in _get(url)) - saved)
                time.sleep(1.0)
            return latencies
        finally:
            server.terminate()
            server.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="fail if the median passes 1.5 s")
    args = parser.parse_args()
    latencies = measure(args.rounds)
    median = statistics.median(latencies)
    print("edit-loop latency (s): " + ", ".join(f"{x:.2f}" for x in latencies) + f"; median {median:.2f}")
    return 1 if args.check and median > 1.5 else 0


if __name__ == "__main__":
    sys.exit(main())
