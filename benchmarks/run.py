"""Benchmark harness: stage timings, full MkDocs build against the engine baseline, memory, page sizes; Zensical.

    python benchmarks/run.py --sizes 100 1000 10000 [--json FILE] [--zensical PATH] [--check]

The engine baseline builds the same rendered Markdown with MkDocs and the generator out of the loop
(`python -m generator render`, then MkDocs on that tree), so the generator's share is a ratio measured
side by side. With `--zensical`, the same content is also built the way `make site-zensical` builds it
(`python -m generator zensical`, then `zensical build --clean`, so Zensical's cache never helps) and set
beside the MkDocs build. Absolute times are printed, never asserted; `--check` enforces the ratio and
memory targets.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth  # noqa: E402

from generator.pipeline import Stopwatch, build  # noqa: E402
from generator.settings import Settings  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
TODAY = date(2026, 11, 28)


@dataclass
class Row:
    records: int
    load_s: float = 0.0
    validate_s: float = 0.0
    link_s: float = 0.0
    render_s: float = 0.0
    build_s: float = 0.0
    baseline_s: float = 0.0
    build_peak_mb: float = 0.0
    baseline_peak_mb: float = 0.0
    pages: int = 0
    html_mb: float = 0.0
    median_record_kb: float = 0.0
    search_index_mb: float = 0.0
    build_cpu_s: float = 0.0
    # Zensical: the generator writing the project, then `zensical build`; the fastest pair counts.
    zensical_write_s: float = 0.0
    zensical_build_s: float = 0.0
    zensical_cpu_s: float = 0.0
    zensical_peak_mb: float = 0.0
    zensical_pages: int = 0
    zensical_search_index_mb: float = 0.0

    @property
    def zensical_s(self) -> float:
        return self.zensical_write_s + self.zensical_build_s

    @property
    def zensical_ratio(self) -> float:
        return self.zensical_s / self.build_s if self.build_s else 0.0

    @property
    def generator_s(self) -> float:
        return self.load_s + self.validate_s + self.link_s + self.render_s

    @property
    def ratio(self) -> float:
        return self.build_s / self.baseline_s if self.baseline_s else 0.0

    @property
    def generator_share(self) -> float:
        return self.generator_s / self.build_s if self.build_s else 0.0


@dataclass
class Run:
    seconds: float
    peak_mb: float
    cpu_s: float  # user + system, across all of the process's threads


def timed_run(command: list[str], cwd: Path) -> Run:
    """Run a command; return wall seconds, the child's peak resident memory in MB and its CPU seconds."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    return Run(elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def project(folder: Path, records: int) -> Path:
    """A site project: synthetic content, the real theme overrides and mkdocs.yml."""
    synth.write(records, folder / "content")
    shutil.copytree(ROOT / "theme_overrides", folder / "theme_overrides")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def baseline_config(folder: Path) -> Path:
    """The same site configuration without the generator: MkDocs reads the rendered tree as plain docs."""
    lines = (folder / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    out, skip = [], False
    for line in lines:
        if line.strip().startswith("- explainer"):
            skip = True
            continue
        if skip and line.startswith("      "):
            continue
        skip = False
        out.append("docs_dir: rendered" if line.startswith("docs_dir:") else line)
    config = folder / "mkdocs-baseline.yml"
    config.write_text("\n".join(out) + "\n", encoding="utf-8")
    return config


def stages(content: Path, row: Row) -> None:
    stopwatch = Stopwatch()
    result = build(content, Settings(today=TODAY), stopwatch)
    assert not result.errors, result.errors[:3]
    row.load_s, row.validate_s, row.link_s, row.render_s = (stopwatch.seconds[s] for s in ("load", "validate", "link", "render"))


def measure_site(site: Path, row: Row) -> None:
    pages = list(site.rglob("*.html"))
    row.pages = len(pages)
    row.html_mb = sum(p.stat().st_size for p in pages) / 1e6
    records = [p.stat().st_size for p in pages if p.parent.parent.name in synth.SHARES and p.parent.name != p.parent.parent.name]
    row.median_record_kb = statistics.median(records) / 1e3 if records else 0.0
    row.search_index_mb = (site / "search" / "search_index.json").stat().st_size / 1e6


def measure_zensical_site(site: Path, row: Row) -> None:
    row.zensical_pages = sum(1 for _ in site.rglob("*.html"))
    row.zensical_search_index_mb = (site / "search.json").stat().st_size / 1e6


def table(rows: list[Row]) -> str:
    head = (
        "| records | load s | validate s | link s | render s | generator s | mkdocs build s | engine baseline s | "
        "build / baseline | generator share | peak MB | pages | median record page KB | search index MB |"
    )
    lines = [head, "|" + "---|" * 14]
    for r in rows:
        lines.append(
            f"| {r.records:,} | {r.load_s:.2f} | {r.validate_s:.2f} | {r.link_s:.2f} | {r.render_s:.2f} | {r.generator_s:.2f} | "
            f"{r.build_s:.1f} | {r.baseline_s:.1f} | {r.ratio:.2f}× | {r.generator_share:.1%} | {r.build_peak_mb:.0f} | "
            f"{r.pages:,} | {r.median_record_kb:.1f} | {r.search_index_mb:.1f} |"
        )
    return "\n".join(lines)


def engines_table(rows: list[Row]) -> str:
    """MkDocs and Zensical side by side: what `make site` and `make site-zensical` cost on the same content."""
    head = (
        "| records | MkDocs build s | Zensical s (generator + build) | generator s | zensical build s | Zensical / MkDocs | "
        "CPU s MkDocs / Zensical | peak MB MkDocs / Zensical | pages MkDocs / Zensical | search index MB MkDocs / Zensical |"
    )
    lines = [head, "|" + "---|" * 10]
    for r in rows:
        lines.append(
            f"| {r.records:,} | {r.build_s:.1f} | {r.zensical_s:.1f} | {r.zensical_write_s:.2f} | {r.zensical_build_s:.1f} | "
            f"{r.zensical_ratio:.2f}× | {r.build_cpu_s:.1f} / {r.zensical_cpu_s:.1f} | "
            f"{r.build_peak_mb:.0f} / {r.zensical_peak_mb:.0f} | {r.pages:,} / {r.zensical_pages:,} | "
            f"{r.search_index_mb:.1f} / {r.zensical_search_index_mb:.1f} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark the generator against the engine baseline.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each build; the fastest counts (default 2)")
    parser.add_argument("--check", action="store_true", help="fail if the generator share passes 15%% or memory passes 1 GB")
    parser.add_argument("--zensical", type=Path, help="the zensical executable: also build each size with Zensical")
    args = parser.parse_args()
    if args.zensical is not None and not args.zensical.exists():
        parser.error(f"{args.zensical} does not exist: `make site-zensical` installs it")
    with tempfile.TemporaryDirectory(prefix="explainer-bench-") as tmp:
        rows = []
        for size in args.sizes:
            rows.append(bench(size, Path(tmp), args.repeat, args.zensical.resolve() if args.zensical else None))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
            if args.zensical:
                print(engines_table(rows[-1:]).splitlines()[-1], flush=True)
    print(f"\nMachine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}\n")
    print(table(rows))
    if args.zensical:
        print()
        print(engines_table(rows))
    if args.json:
        payload = [
            {
                **asdict(r),
                "generator_s": r.generator_s,
                "ratio": r.ratio,
                "generator_share": r.generator_share,
                "zensical_s": r.zensical_s,
                "zensical_ratio": r.zensical_ratio,
            }
            for r in rows
        ]
        args.json.write_text(json.dumps({"machine": platform.platform(), "rows": payload}, indent=2) + "\n", encoding="utf-8")
    if args.check:
        failures = [f"{r.records}: generator share {r.generator_share:.1%} > 15%" for r in rows if r.generator_share > 0.15]
        failures += [f"{r.records}: peak memory {r.build_peak_mb:.0f} MB > 1024 MB" for r in rows if r.build_peak_mb > 1024]
        for failure in failures:
            print("FAIL", failure)
        return 1 if failures else 0
    return 0


def bench(records: int, workdir: Path, repeat: int, zensical: Path | None = None) -> Row:
    """Time each build `repeat` times, rotating which goes first, and keep each one's fastest run."""
    folder = project(workdir / f"n{records}", records)
    baseline_config(folder)
    row = Row(records)
    stages(folder / "content", row)
    subprocess.run(
        [sys.executable, "-m", "generator", "render", "--content", "content", "--out", "rendered", "--today", str(TODAY)],
        cwd=folder,
        env=ENV,
        check=True,
        capture_output=True,
    )
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
    full = [*mkdocs, "-f", "mkdocs.yml", "-d", "site"]
    baseline = [*mkdocs, "-f", "mkdocs-baseline.yml", "-d", "site-baseline"]
    builds: list[Run] = []
    baselines: list[Run] = []
    zensicals: list[tuple[Run, Run]] = []

    write = [sys.executable, "-m", "generator", "zensical", "--out", "zensical", "--today", str(TODAY)]
    zensical_build = [str(zensical), "build", "--clean", "--config-file", "zensical/mkdocs.yml"]

    def run_zensical() -> None:
        zensicals.append((timed_run(write, folder), timed_run(zensical_build, folder)))

    jobs = [lambda: builds.append(timed_run(full, folder)), lambda: baselines.append(timed_run(baseline, folder))]
    if zensical is not None:
        jobs.append(run_zensical)
    for attempt in range(repeat):
        for job in jobs[attempt % len(jobs) :] + jobs[: attempt % len(jobs)]:
            job()
    fastest = min(builds, key=lambda r: r.seconds)
    row.build_s, row.build_cpu_s, row.build_peak_mb = fastest.seconds, fastest.cpu_s, max(r.peak_mb for r in builds)
    row.baseline_s, row.baseline_peak_mb = min(r.seconds for r in baselines), max(r.peak_mb for r in baselines)
    measure_site(folder / "site", row)
    if zensicals:
        write, build_ = min(zensicals, key=lambda pair: pair[0].seconds + pair[1].seconds)
        row.zensical_write_s, row.zensical_build_s = write.seconds, build_.seconds
        row.zensical_cpu_s = write.cpu_s + build_.cpu_s
        row.zensical_peak_mb = max(max(w.peak_mb, b.peak_mb) for w, b in zensicals)
        measure_zensical_site(folder / "zensical" / "site", row)
    return row


if __name__ == "__main__":
    sys.exit(main())
