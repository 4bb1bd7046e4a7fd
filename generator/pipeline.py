"""Runs the stages in order and writes a rendered tree atomically. Never imports MkDocs."""

from __future__ import annotations

import posixpath
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from . import escape, raster, releases
from .errors import Problem, Severity
from .export import data_files
from .link import Citer, Linked, cited_by, link
from .load import ParseCache, read_content
from .lock import check_lock
from .output import Raster
from .pages import render, reserved_problems
from .releases import History
from .render import Context, Glossary
from .render.memo import PageMemo
from .settings import Settings
from .stories import expand
from .templating import make_environment
from .validate import Dataset, validate

STATIC_PACKAGE_DIR = "static"


@dataclass
class Build:
    """The outcome of a run: files to publish (empty on errors) and every problem found."""

    files: dict[str, str] = field(default_factory=dict)
    rasters: dict[str, Raster] = field(default_factory=dict)  # the charts' PNGs, for the writers to draw
    problems: list[Problem] = field(default_factory=list)
    linked: Linked | None = None
    releases: History = field(default_factory=History)
    unaccepted: dict[str, list[Problem]] = field(default_factory=dict)  # lock warnings by the chip page they concern

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


class Stopwatch:
    """Seconds spent in each stage of a build, for the benchmarks."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
        self._last = now


def build(
    content: Path,
    settings: Settings,
    stopwatch: Stopwatch | None = None,
    *,
    cache: ParseCache | None = None,
    memo: PageMemo | None = None,
) -> Build:
    """load → validate → link → expand the stories → render. Every problem is found before anything is rendered.

    For `mkdocs serve`, `cache` keeps the parse of every file an edit left unchanged, and `memo` every record page
    whose inputs it left unchanged.
    """
    lap = stopwatch.lap if stopwatch else lambda stage: None
    loaded = read_content(content, cache)
    lap("load")
    dataset, problems = validate(loaded, settings)
    problems += reserved_problems(dataset)
    lap("validate")
    if any(p.severity is Severity.ERROR for p in problems):
        return Build(problems=sorted(problems))
    linked = link(dataset, settings.today)
    lock_findings = check_lock(content, linked)
    problems += [problem for _, problem in lock_findings]
    unaccepted: dict[str, list[Problem]] = {}
    for chip_id, problem in lock_findings:
        if chip_id is not None:
            unaccepted.setdefault(f"chips/{chip_id}.md", []).append(problem)
    history, release_problems = releases.read(content, linked)
    if release_problems:
        return Build(problems=sorted(problems + release_problems))
    env = make_environment()
    stories, story_problems = expand(linked, env, settings.site_url)
    if story_problems:
        return Build(problems=sorted(problems + story_problems))
    citers = cited_by(linked, {name: (story.title, story.cited) for name, story in stories.items()})
    problems += unused_sources(dataset, citers)
    lap("link")
    context = Context(linked, stories, citers, settings, env, Glossary(linked.dataset.glossary.values()), memo, history)
    out = render(context)
    out.add(static_files(), "the site's scripts and styles (generator/static)")
    out.add(data_files(linked, history, settings.site_url), "the data files")
    lap("render")
    return Build(out.files, out.rasters, sorted(problems), linked, history, unaccepted)


def with_error_banner(files: dict[str, str], problems: list[Problem]) -> dict[str, str]:
    """The same pages, each opening with the content errors (for the live preview)."""
    lines = "\n".join(f"    - `{p.path}:{p.line}:{p.col}` {escape.text(p.message)}" for p in problems)
    banner = f'!!! failure "{len(problems)} error(s) in content: showing the last good build"\n\n{lines}\n\n'
    return {path: _after_front_matter(text, banner) if path.endswith(".md") else text for path, text in files.items()}


def with_lock_banners(files: dict[str, str], unaccepted: dict[str, list[Problem]]) -> dict[str, str]:
    """The chip pages whose computed results the lock does not hold yet, each opening with what is not accepted."""
    out = dict(files)
    for path, problems in unaccepted.items():
        if path in out:
            lines = "\n".join(f"    - `{p.path}:{p.line}:{p.col}` {escape.text(p.message)}" for p in problems)
            banner = f'!!! warning "Not yet accepted: run make lock once you have checked these"\n\n{lines}\n\n'
            out[path] = _after_front_matter(out[path], banner)
    return out


def error_site(problems: list[Problem]) -> dict[str, str]:
    """A one-page site listing the content errors, for a live preview started on broken content."""
    blocks = "\n".join(f"```text\n{p.format()}\n```\n" for p in problems)
    page = (
        f'---\ntitle: "Content errors"\n---\n\n# {len(problems)} error(s) in content\n\n'
        "The preview shows the site as soon as these are fixed: save the file and this page reloads.\n\n"
        f"{blocks}"
    )
    return {"index.md": page}


def _after_front_matter(text: str, block: str) -> str:
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4) + 5
        return text[:end] + "\n" + block + text[end:]
    return block + text


def unused_sources(dataset: Dataset, citers: dict[str, tuple[Citer, ...]]) -> list[Problem]:
    problems = []
    for source_id in dataset.sources:
        if source_id not in citers:
            origin = dataset.origins[("sources", source_id)]
            problems.append(origin.problem(("id",), f"source '{source_id}' is cited by no page", severity=Severity.WARNING))
    return problems


def static_files() -> dict[str, str]:
    """The stylesheet and scripts every engine serves beside the pages."""
    root = resources.files("generator") / STATIC_PACKAGE_DIR
    return {f"assets/{item.name}": item.read_text(encoding="utf-8") for item in root.iterdir() if item.is_file()}


def safe_path(relative: str) -> str:
    """Refuse any path that would land outside the output folder."""
    normal = posixpath.normpath(relative)
    if normal.startswith(("/", "../")) or normal == ".." or "\\" in relative or ":" in normal:
        raise ValueError(f"refusing to write outside the output folder: {relative!r}")
    return normal


def write_tree(files: dict[str, str], out: Path, rasters: Mapping[str, Raster] | None = None) -> None:
    """Write `files` under `out`, and the PNGs drawn from `rasters`, replacing it only once everything is written."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for relative, text in files.items():
            target = staging / safe_path(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        for relative, image in raster.draw_all(rasters or {}).items():
            target = staging / safe_path(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(image)
        if out.exists():
            old = out.with_name(f".{out.name}-old")
            shutil.rmtree(old, ignore_errors=True)
            out.rename(old)
            staging.rename(out)
            shutil.rmtree(old)
        else:
            staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
