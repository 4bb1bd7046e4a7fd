"""Lighthouse scores for every page type of a built site, served compressed as a static host serves it.

    python benchmarks/lighthouse.py [--site site] [--check]

Needs Lighthouse (`npm ci --prefix benchmarks/lighthouse`, which `make lighthouse` runs) and Chromium. Lighthouse
emulates a mid-range phone on a slow 4G connection; its timings move with the machine's load, so the scores are
printed, and `--check` fails only if a page falls under 95 for performance or 100 for anything else.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
PAGE_TYPES = {
    "home": "",
    "story chapter": "controls/",
    "chapter with charts": "spillovers/",
    "chapter with verdicts": "controls-working/",
    "chip": "chips/nvidia-h20/",
    "measure": "measures/bis-2019-huawei-entity-list/",
    "company": "companies/huawei/",
    "claim": "claims/controls-began-under-trump/",
    "sector": "sectors/solar/",
    "source": "sources/reuters-2026-02-24-china-no-h200-chips-yet/",
    "glossary term": "glossary/entity-list/",
    "collection index": "sources/",
    "timeline": "timeline/",
    "chip comparison": "chips/compare/",
    "checker": "chips/check/",
    "what's new": "whats-new/",
    "downloads": "downloads/",
    "not found": "404.html",  # Lighthouse refuses a 404 status; the same page, asked for by name
}
COMPRESSED = {"text/html", "text/css", "application/javascript", "text/javascript", "application/json", "image/svg+xml"}


class _Compressing(http.server.SimpleHTTPRequestHandler):
    """Gzip for text, as GitHub Pages and other static hosts serve it."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return None
        data = path.read_bytes()
        kind = self.guess_type(str(path))
        if "gzip" in self.headers.get("Accept-Encoding", "") and kind.split(";")[0] in COMPRESSED:
            data = gzip.compress(data)
            compressed = True
        else:
            compressed = False
        self.send_response(200)
        self.send_header("Content-Type", kind)
        if compressed:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(data)

    def log_message(self, *args: Any) -> None:
        pass


def audit(url: str, chromium: str, out: Path) -> dict[str, Any]:
    flags = "--headless=new --no-sandbox --disable-background-networking"
    command = [str(LIGHTHOUSE), url, "--quiet", f"--chrome-flags={flags}", "--output=json", f"--output-path={out}"]
    command.append("--only-categories=" + ",".join(CATEGORIES))
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": chromium}, capture_output=True)
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    timings = {m: report["audits"][m]["displayValue"].replace("\xa0", " ") for m in METRICS}
    return {**scores, **timings}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--check", action="store_true", help="fail if a page misses a target")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None or not LIGHTHOUSE.exists():
        print("needs chromium and Lighthouse: run `make lighthouse`", file=sys.stderr)
        return 2
    handler = functools.partial(_Compressing, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    print("| page type | " + " | ".join(CATEGORIES + METRICS) + " |")
    print("|---" * (1 + len(CATEGORIES) + len(METRICS)) + "|")
    missed = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind, path in PAGE_TYPES.items():
            result = audit(base + path, chromium, Path(tmp) / "report.json")
            print(f"| {kind} | " + " | ".join(str(result[k]) for k in CATEGORIES + METRICS) + " |", flush=True)
            missed += [f"{kind}: {c} {result[c]}" for c, target in TARGETS.items() if result[c] < target]
    server.shutdown()
    if missed:
        print("under target: " + "; ".join(missed), file=sys.stderr)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
