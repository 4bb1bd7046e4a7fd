"""The thin MkDocs adapter: run the core once per build and hand its files to MkDocs."""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from . import csp
from .load import ParseCache
from .nav import site_nav
from .output import Raster
from .pages import is_record_page
from .pipeline import Build, build, error_site, safe_path, with_error_banner, with_lock_banners
from .raster import Drawing, cores
from .render.memo import PageMemo
from .settings import Settings
from .templating import MemoryBytecodeCache

log = logging.getLogger("mkdocs.plugins.explainer")
# MkDocs polls what `mkdocs serve` watches every 0.5 s, a third of the edit loop's budget; the content and the
# templates are polled this often instead.
POLL_SECONDS = 0.05
# After a change MkDocs waits until 0.1 s pass without another before rebuilding; a poll reports all of a save's
# changes at once, so the wait only delays the rebuild.
SETTLE_SECONDS = 0.02


class ExplainerConfig(Config):
    content = config_options.Type(str, default="content")
    max_age_days = config_options.Type(int, default=365)
    # The nav section that lists the collections' index pages; any collection it lacks is added at its end.
    data_nav = config_options.Type(str, default="Browse the records")


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    """Validates the content before MkDocs cleans the site folder, then serves the rendered pages."""

    def __init__(self) -> None:
        self.result = Build()
        self.last_good: Build | None = None
        self.serving = False
        self.cache: Path | None = None
        self.written: dict[str, str] = {}  # what the serve cache holds, so unchanged pages are not read back
        self.published: dict[str, str] = {}  # each generated file's place in the site folder, for dropping a removed one
        self.theme_code = MemoryBytecodeCache()
        # Kept across `mkdocs serve` rebuilds, like the theme's compiled templates: an edit re-reads and re-renders
        # only what it touched.
        self.parses = ParseCache()
        self.pages = PageMemo()
        self.content = Path("content")
        self.drawing: Drawing | None = None  # the charts' PNGs, drawn on the spare cores while MkDocs builds pages
        self.pngs: dict[Raster, bytes] = {}  # while serving: each PNG drawn, so an edit redraws only changed charts

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds, and with it the last good build.
        self.serving = command == "serve"
        if self.serving and dirty:
            # `mkdocs serve --dirty` rebuilds only pages whose source is newer than their output: back the
            # generated pages with files that are rewritten only when their text changes.
            self.cache = Path(tempfile.mkdtemp(prefix="explainer-serve-"))

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if config.nav is not None:
            config.nav = site_nav(config.nav, self.config.data_nav)
        self.content = Path(config.config_file_path or ".").parent / self.config.content
        self.result = build(
            self.content,
            Settings(today=date.today(), max_age_days=self.config.max_age_days, site_url=config.site_url or ""),
            cache=self.parses if self.serving else None,
            memo=self.pages if self.serving else None,
        )
        if self.serving:
            log.debug(f"record pages rendered again: {len(self.pages.rendered)}")
        for problem in self.result.warnings:
            log.warning(problem.format())
        if self.result.errors:
            report = "\n".join(p.format() for p in self.result.errors)
            if self.serving:
                # A typo while previewing: keep serving the last good pages with the errors on top of each, or,
                # when the preview starts on broken content, a page of the errors until they are fixed.
                log.error(f"{len(self.result.errors)} error(s) in content:\n{report}")
                if self.last_good is not None:
                    files = with_error_banner(self.last_good.files, self.result.errors)
                else:
                    files = error_site(self.result.errors)
                last = self.last_good or Build()
                self.result = Build(files, last.rasters, linked=last.linked)
            else:
                # Raised before MkDocs cleans site_dir, so the last good site stays.
                raise PluginError(f"{len(self.result.errors)} error(s) in content:\n{report}")
        else:
            self.last_good = self.result
            self._start_drawing()
            if self.serving and self.result.unaccepted:
                # The preview shows on each chip page what `make lock` would accept, not only the terminal.
                files = with_lock_banners(self.result.files, self.result.unaccepted)
                self.result = replace(self.result, files=files)
        config.extra["scope"] = csp.scope(config.site_url or "")
        custom_dir = config.theme.custom_dir
        features = {"features": list(config.theme.get("features") or [])}
        templates = csp.material_templates()
        config.extra["csp"] = csp.site_policy(features, dict(config.extra), Path(custom_dir) if custom_dir else None, templates)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for file in [f for f in files if f.is_documentation_page()]:
            files.remove(file)  # narrative pages are Jinja sources; their rendered form replaces them
        linked = self.result.linked
        published = {}
        for path, text in self.result.files.items():
            record = linked is not None and is_record_page(path, linked)
            inclusion = InclusionLevel.NOT_IN_NAV if record else InclusionLevel.UNDEFINED
            if self.cache is None:
                file = File.generated(config, path, content=text, inclusion=inclusion)
            else:
                file = File.generated(config, path, abs_src_path=str(self._write_if_changed(path, text)), inclusion=inclusion)
            files.append(file)
            published[path] = file.abs_dest_path
        self._drop_removed(published)
        return files

    def _start_drawing(self) -> None:
        todo = {path: r for path, r in self.result.rasters.items() if r not in self.pngs}
        self.drawing = Drawing(todo, workers=max(1, cores() - 1)) if todo else None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        drawn = self.drawing.collect() if self.drawing else {}
        self.drawing = None
        by_raster = {r: drawn[path] for path, r in self.result.rasters.items() if path in drawn}
        self.pngs = {**self.pngs, **by_raster} if self.serving else {}
        site = Path(config.site_dir)
        for path, r in self.result.rasters.items():
            target = site / safe_path(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(by_raster.get(r) or self.pngs[r])
            self.published[path] = str(target)

    def on_build_error(self, *, error: Exception) -> None:
        if self.drawing is not None:
            self.drawing.cancel()
            self.drawing = None

    def _drop_removed(self, published: dict[str, str]) -> None:
        """`mkdocs serve --dirty` never empties the site folder: remove the pages of records deleted since last build."""
        for path in self.published.keys() - published.keys():
            Path(self.published[path]).unlink(missing_ok=True)
            if self.cache is not None:
                (self.cache / safe_path(path)).unlink(missing_ok=True)
                self.written.pop(path, None)
        self.published = published

    @property
    def showing_errors_only(self) -> bool:
        """Started on broken content and not yet built: every address shows the page of errors."""
        return self.serving and self.last_good is None

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # MkDocs makes a new theme environment per build: while serving, its rebuilds reuse the compiled templates.
        if self.serving:
            env.bytecode_cache = self.theme_code
        return env

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # watchdog gives each watch the observer's polling interval when it is scheduled; MkDocs offers no setting.
        if isinstance(getattr(server.observer, "_timeout", None), float):
            server.observer._timeout = POLL_SECONDS
        if isinstance(getattr(server, "build_delay", None), float):
            server.build_delay = min(server.build_delay, SETTLE_SECONDS)
        server.watch(str(self.content))
        server.watch(str(Path(__file__).parent / "templates"))
        serve_request = server._serve_request

        def error_page_everywhere(environ: dict[str, Any], start_response: Any) -> Any:
            # Until the content first builds, the site is one page of errors: every address answers with it (and
            # its reload script), so the page the editor was on shows the errors and then itself once fixed.
            found = serve_request(environ, start_response)
            if found is None and self.showing_errors_only:
                return serve_request({**environ, "PATH_INFO": server.mount_path}, start_response)
            return found

        server._serve_request = error_page_everywhere
        return server

    def _write_if_changed(self, relative: str, text: str) -> Path:
        assert self.cache is not None
        target = self.cache / safe_path(relative)
        if self.written.get(relative) != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            self.written[relative] = text
        return target

    def on_shutdown(self) -> None:
        if self.cache is not None:
            shutil.rmtree(self.cache, ignore_errors=True)
