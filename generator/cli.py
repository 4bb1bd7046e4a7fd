"""`python -m generator check | render | lock | release | zensical | schema`: the command line, without MkDocs."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from . import releases
from .errors import Problem
from .export import schemas
from .lock import Review, reviews, write_lock
from .pipeline import build, write_tree
from .settings import Settings
from .zensical import write_project

DEFAULT_CONTENT = Path("content")


def _settings(args: argparse.Namespace) -> Settings:
    return Settings(today=args.today or date.today(), max_age_days=args.max_age_days, site_url=os.environ.get("SITE_URL", ""))


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem.format(), file=sys.stderr)


def _print_reviews(heading: str, found: list[Review]) -> None:
    """Each new or changed chip's computed results, so that what the lock accepts is read, not only diffed."""
    if found:
        print(heading, file=sys.stderr)
        for review in found:
            print("\n".join(review.lines()), file=sys.stderr)


def _check(args: argparse.Namespace) -> int:
    result = build(args.content, _settings(args))
    _print_problems(result.problems)
    if result.linked is not None:
        _print_reviews("What `make lock` would accept:", reviews(args.content, result.linked))
    errors, warnings = len(result.errors), len(result.warnings)
    if errors or (args.strict and warnings):
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
        return 1
    records = sum(len(r) for r in result.linked.dataset.records.values()) if result.linked else 0
    print(f"ok: {records} records, {len(result.files)} files, {warnings} warning(s)")
    return 0


def _render(args: argparse.Namespace) -> int:
    result = build(args.content, _settings(args))
    _print_problems(result.problems)
    if result.errors:
        print(f"{len(result.errors)} error(s); nothing written", file=sys.stderr)
        return 1
    write_tree(result.files, args.out, result.rasters)
    print(f"wrote {len(result.files) + len(result.rasters)} files to {args.out}")
    return 0


def _lock(args: argparse.Namespace) -> int:
    result = build(args.content, _settings(args))
    if result.errors or result.linked is None:
        _print_problems(result.errors)
        print(f"{len(result.errors)} error(s); the lock file was not written", file=sys.stderr)
        return 1
    found = reviews(args.content, result.linked)
    _print_reviews("Accepting:", found)
    path = write_lock(args.content, result.linked)
    print(f"wrote the computed results of {len(result.linked.dataset.chips)} chip(s) to {path}: {len(found)} new or changed")
    return 0


def _release(args: argparse.Namespace) -> int:
    settings = _settings(args)
    result = build(args.content, settings)
    if result.errors or result.linked is None:
        _print_problems(result.errors)
        print(f"{len(result.errors)} error(s); no release was cut", file=sys.stderr)
        return 1
    try:
        path, changes = releases.cut(args.content, result.linked, result.releases, settings.today)
    except releases.ReleaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    records = sum(len(r) for r in result.linked.records.values())
    print(f"wrote {path}: the release of {settings.today.isoformat()}, {records} records")
    if changes.previous is None:
        print("the first release: every record is new")
    else:
        counts = (len(changes.added), len(changes.changed), len(changes.retired), len(changes.reverified))
        print(f"since {changes.previous}: %d added, %d changed, %d retired, %d re-verified only" % counts)
        for change in changes.changed:
            print(f"  {change.key}: {', '.join(f.path for f in change.fields)}")
    return 0


def _zensical(args: argparse.Namespace) -> int:
    result = write_project(args.config, args.out, args.today or date.today(), args.theme_templates)
    _print_problems(result.problems)
    if args.theme_templates is None:
        print("note: no --theme-templates: the pages carry no Content-Security-Policy", file=sys.stderr)
    if result.errors:
        print(f"{len(result.errors)} error(s); nothing written", file=sys.stderr)
        return 1
    print(f"wrote a Zensical project to {args.out}: `zensical build -f {args.out / 'mkdocs.yml'}` builds {args.out / 'site'}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    files = {f"{name}.schema.json": json.dumps(schema, ensure_ascii=False, indent=2) + "\n" for name, schema in schemas().items()}
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} schemas to {args.out}")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="explainer", description="Check and render the explainer's content.")
    sub = top.add_subparsers(dest="command", required=True)

    def content_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="content folder (default: content)")
        p.add_argument("--max-age-days", type=int, default=365, help="warn when a record was verified longer ago")
        p.add_argument("--today", type=date.fromisoformat, default=None, help="the date to check against (YYYY-MM-DD)")

    check = sub.add_parser("check", help="report every problem in the content")
    content_options(check)
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.set_defaults(run=_check)
    render = sub.add_parser("render", help="write the rendered Markdown tree")
    content_options(render)
    render.add_argument("--out", type=Path, required=True, help="output folder, replaced atomically")
    render.set_defaults(run=_render)
    lock = sub.add_parser("lock", help="accept the computed results (metrics, verdicts, status histories) into the lock file")
    content_options(lock)
    lock.set_defaults(run=_lock)
    release = sub.add_parser("release", help="cut a dated release of the data: write content/releases/<today>.json")
    content_options(release)
    release.set_defaults(run=_release)
    zensical = sub.add_parser("zensical", help="write the rendered tree and a Zensical configuration from mkdocs.yml")
    zensical.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs configuration (default: mkdocs.yml)")
    zensical.add_argument("--out", type=Path, required=True, help="project folder; Zensical builds it into OUT/site")
    zensical.add_argument("--today", type=date.fromisoformat, default=None, help="the date to check against (YYYY-MM-DD)")
    zensical.add_argument(
        "--theme-templates",
        type=Path,
        default=None,
        help="Zensical's templates folder (its package's templates/): the Content-Security-Policy hashes its inline scripts",
    )
    zensical.set_defaults(run=_zensical)
    schema = sub.add_parser("schema", help="write a JSON Schema per collection")
    schema.add_argument("--out", type=Path, required=True, help="output folder")
    schema.set_defaults(run=_schema)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    code: int = args.run(args)
    return code
