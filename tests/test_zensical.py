"""Zensical builds the same site as MkDocs: the same pages, the same text, identical downloads, the same search hits.

Zensical runs from its own venv (`make site-zensical` installs .venv-zensical; ZENSICAL may name another
executable). Without it the parity tests skip, except under CI=true, where a missing Zensical is a failure.
The differences the theme imposes are listed in the README (section "Zensical"); the normalising below names
each piece of theme markup it sets aside.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import os
import posixpath
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import pytest
from conftest import ROOT, axe_violations, require_axe
from test_browser import PAGE_TYPES, VIOLATIONS
from test_site import fixture_project

from generator import zensical
from generator.cli import main
from generator.plugin import ExplainerConfig

ZENSICAL = Path(os.environ.get("ZENSICAL") or ROOT / ".venv-zensical" / "bin" / "zensical")
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"


def _need(path: Path, what: str) -> None:
    if not path.exists():
        message = f"{what} is missing at {path}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {message}")
        pytest.skip(message)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built the way `make site-zensical` builds it."""
    _need(ZENSICAL, "Zensical (`make site-zensical` installs it)")
    project = tmp_path_factory.mktemp("zensical")
    templates = subprocess.run(
        [str(ZENSICAL.parent / "python"), "-c", "import pathlib, zensical; print(pathlib.Path(zensical.__file__).parent)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    write = [sys.executable, "-m", "generator", "zensical", "--config", str(ROOT / "mkdocs.yml"), "--out", str(project)]
    write += ["--theme-templates", str(Path(templates) / "templates")]
    written = subprocess.run(write, capture_output=True, text=True, check=False)
    assert written.returncode == 0, written.stderr
    build = [str(ZENSICAL), "build", "--strict", "--clean", "--config-file", str(project / "mkdocs.yml")]
    built = subprocess.run(build, cwd=project, capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stdout + built.stderr
    return project / "site"


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


class _Page(HTMLParser):
    """A page's article as text and links, with its title, Open Graph tags and JSON-LD.

    Theme markup set aside: tags (their text is kept), whitespace runs, links without an address (Zensical
    opens the article with a skip target, `<a id="__skip">`), and how a link is spelt: each is read as the
    address it leads to (Zensical writes `../../timeline/` where MkDocs writes `../` for the same page, `/` for `/.`).
    """

    def __init__(self, address: str) -> None:
        super().__init__(convert_charrefs=True)
        self.address = address
        self.depth = 0
        self.text: list[str] = []
        self.links: list[str] = []
        self.head: dict[str, str] = {}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if self.depth:
            self.depth += tag == "article"
            if tag == "a" and values.get("href"):
                parts = urlsplit(urljoin(self.address, values["href"]))
                path = parts.path.removesuffix(".") if parts.path.endswith("/.") else parts.path
                self.links.append(urlunsplit(parts._replace(path=path)))
        elif tag == "article" and "md-content__inner" in values.get("class", ""):
            self.depth = 1
        elif tag == "meta" and values.get("property", "").startswith("og:"):
            self.head[values["property"]] = values.get("content", "")
        elif tag == "title" or (tag == "script" and values.get("type") == "application/ld+json"):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "article":
            self.depth -= 1
        self._in = None

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)
        elif self._in:
            self.head[self._in] = self.head.get(self._in, "") + data

    def summary(self) -> dict[str, Any]:
        return {"text": " ".join("".join(self.text).split()), "links": self.links, "head": self.head}


def _read(site: Path, page: str) -> dict[str, Any]:
    parser = _Page(f"http://site/{page}")
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser.summary()


def test_both_engines_build_the_same_pages(real_site: Path, zensical_site: Path) -> None:
    assert _pages(zensical_site) == _pages(real_site)
    assert len(_pages(real_site)) > 800


def test_record_and_story_pages_carry_the_same_text(real_site: Path, zensical_site: Path) -> None:
    different = []
    for page in sorted(_pages(real_site)):
        ours, theirs = _read(real_site, page), _read(zensical_site, page)
        for part in ("text", "links", "head"):
            if ours[part] != theirs[part]:
                different.append(f"{page}: {part}")
    assert different == []
    assert "华为" in _read(zensical_site, "companies/huawei/index.html")["text"]
    assert '"@type": "ClaimReview"' in _read(zensical_site, "claims/controls-began-under-trump/index.html")["head"]["script"]
    assert "The story in brief" in _read(zensical_site, "index.html")["text"]


def test_data_downloads_feeds_scripts_and_styles_are_identical(real_site: Path, zensical_site: Path) -> None:
    """Every file the generator writes besides the pages is published byte for byte by both engines."""
    rendered = zensical_site.parent / "docs"
    ours = [p.relative_to(rendered).as_posix() for p in rendered.rglob("*") if p.is_file() and p.suffix != ".md"]
    assert {"data/explainer.json", "data/chips.csv", "assets/checker.js", "assets/explainer.css"} <= set(ours)
    missing = [name for name in ours if not (real_site / name).is_file() or not (zensical_site / name).is_file()]
    assert missing == []
    assert [name for name in ours if (real_site / name).read_bytes() != (zensical_site / name).read_bytes()] == []


def test_footer_names_the_engine_and_leaves_dates_to_each_page(real_site: Path, zensical_site: Path) -> None:
    ours, theirs = ((site / "index.html").read_text(encoding="utf-8") for site in (real_site, zensical_site))
    promise = "each page says how far its facts run."
    assert promise in ours and promise in theirs and "Facts up to" not in ours + theirs
    assert "Built with MkDocs and Material for MkDocs" in ours
    assert "Built with Zensical" in theirs


def _plain(markup: str) -> str:
    """Index text as a reader sees it: Zensical indexes a <noscript> block's markup as escaped text, and only
    MkDocs' index carries the zero-width spaces that split Chinese into words for its search."""
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(markup)).replace("\u200b", "").split())


def test_search_indexes_hold_the_same_sections(real_site: Path, zensical_site: Path) -> None:
    ours = {d["location"]: d for d in json.loads((real_site / "search" / "search_index.json").read_bytes())["docs"]}
    theirs = {d["location"]: d for d in json.loads((zensical_site / "search.json").read_bytes())["items"]}
    assert sorted(theirs) == sorted(ours)
    assert [loc for loc in ours if _plain(ours[loc]["title"]) != _plain(theirs[loc]["title"])] == []
    assert [loc for loc in ours if _plain(ours[loc]["text"]) != _plain(theirs[loc]["text"])] == []


# Each query, and the page both engines' search must list for it.
QUERIES = [
    ("H20", "chips/nvidia-h20/"),
    ("Ascend 910B", "chips/huawei-ascend-910b/"),
    ("华为", "companies/huawei/"),
    ("百度", "companies/baidu/"),
    ("Entity List", "glossary/entity-list/"),
]
# How far down the results a page may be: Zensical 0.0.73 ignores the pages' search boost (README).
RESULTS = 50


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need(Path(CHROMIUM), "Chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def served(real_site: Path, zensical_site: Path) -> Iterator[dict[str, str]]:
    servers = {}
    for engine, site in (("mkdocs", real_site), ("zensical", zensical_site)):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers[engine] = server
    yield {engine: f"http://127.0.0.1:{server.server_address[1]}/" for engine, server in servers.items()}
    for server in servers.values():
        server.shutdown()
        server.server_close()


def search(page: Any, url: str, engine: str, query: str, wanted: str) -> int | None:
    """The rank at which the engine's own search box lists `wanted` for `query` (None past RESULTS)."""
    page.goto(url, wait_until="networkidle")
    if engine == "zensical":
        page.locator(".md-search__button").click()  # opens Zensical's search dialog (a shadow root Playwright pierces)
        results = page.locator("a[role=option]")
    else:
        page.locator("input.md-search__input").click()
        results = page.locator(".md-search-result__item > a")
    page.keyboard.type(query)
    page.keyboard.press("End")  # Chinese text arrives as one insertion; a key press makes the search listen
    results.first.wait_for(timeout=10_000)
    seen: list[str] = []
    while len(seen) < RESULTS:
        seen = results.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
        pages = list(dict.fromkeys(path.lstrip("/") for path in seen))
        if wanted in pages:
            return pages.index(wanted) + 1
        count = len(seen)
        # Both engines render more results as the list scrolls; the list may re-render under the cursor.
        for _ in range(5):  # the next results arrive a little after the scroll; wait for them before giving up
            page.evaluate("links => links.length && links[links.length - 1].scrollIntoView()", results.element_handles())
            page.wait_for_timeout(400)
            if results.count() > count:
                break
        else:
            return None
    return None


@pytest.mark.parametrize(("query", "wanted"), QUERIES)
def test_search_finds_the_same_pages_in_both_engines(browser: Any, served: dict[str, str], query: str, wanted: str) -> None:
    ranks = {}
    for engine, url in served.items():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        ranks[engine] = search(context.new_page(), url, engine, query, wanted)
        context.close()
    assert None not in ranks.values(), ranks


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_zensical_pages_load_cleanly_and_accessibly(browser: Any, served: dict[str, str], kind: str) -> None:
    """What test_browser checks of the MkDocs site, for the Zensical one: no script errors, nothing fetched
    from another host, no serious axe violation."""
    url = served["zensical"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: None if request.url.startswith((url, "data:", "blob:")) else foreign.append(request.url))
    require_axe()
    page.add_init_script(VIOLATIONS)
    page.goto(url + PAGE_TYPES[kind], wait_until="networkidle")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert policy is not None and "script-src 'self' 'sha256-" in policy
    assert page.evaluate("window.__csp") == [], "the Zensical page breaks its Content-Security-Policy"
    violations = axe_violations(page)
    context.close()
    assert (errors, foreign) == ([], [])
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []


def test_zensical_config_is_mkdocs_yml_without_the_plugin() -> None:
    config = zensical.load_config(ROOT / "mkdocs.yml")
    out = zensical.zensical_config(config)
    assert out["plugins"] == [p for p in config["plugins"] if not (isinstance(p, dict) and "explainer" in p)]
    assert [next(iter(p)) if isinstance(p, dict) else p for p in out["plugins"]] == ["search"]
    assert (out["docs_dir"], out["site_dir"], out["theme"]["custom_dir"]) == ("docs", "site", "overrides")
    assert out["theme"]["variant"] == "classic" and out["theme"]["features"] == config["theme"]["features"]
    assert out["extra"] == {"built_with": "Zensical", "scope": "/"}  # no templates: no policy
    outer = next(item["Data and updates"] for item in out["nav"] if "Data and updates" in item)
    records = next(item["Browse the records"] for item in outer if "Browse the records" in item)
    assert {"Sources": "sources/index.md"} in records  # every collection's index, as the plugin completes the nav
    assert out["markdown_extensions"] == config["markdown_extensions"]
    assert isinstance(out["site_url"], zensical.EnvTag) and out["site_url"].value == ["SITE_URL", "http://127.0.0.1:8000/"]


def test_zensical_project_keeps_env_tags_and_drops_material_only_overrides(tmp_path: Path) -> None:
    result = zensical.write_project(ROOT / "mkdocs.yml", tmp_path, date(2026, 11, 28))
    assert result.errors == []
    text = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_url: !ENV [SITE_URL, 'http://127.0.0.1:8000/']" in text
    plugins = zensical.load_config(tmp_path / "mkdocs.yml")["plugins"]
    assert [next(iter(p)) if isinstance(p, dict) else p for p in plugins] == ["search"]
    assert (tmp_path / "docs" / "data" / "explainer.json").is_file()
    assert (tmp_path / "overrides" / "main.html").is_file()
    assert not (tmp_path / "overrides" / "partials" / "search.html").exists()


def test_nothing_is_written_on_content_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = fixture_project(tmp_path / "project")
    (project / "content" / "glossary.yaml").write_text("- id: tpp\n  term: TPP\n", encoding="utf-8")
    assert main(["zensical", "--config", str(project / "mkdocs.yml"), "--out", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()
    assert "glossary.yaml:1:3: error: glossary[tpp]: missing required field 'definition'" in capsys.readouterr().err


def test_plugin_options_default_as_the_plugin_does() -> None:
    defaults = zensical.PluginOptions()
    plugin = ExplainerConfig()
    plugin.load_dict({})
    assert not plugin.validate()[0]
    assert (defaults.content, defaults.max_age_days, defaults.data_nav) == (
        plugin["content"],
        plugin["max_age_days"],
        plugin["data_nav"],
    )


@pytest.mark.parametrize("page", ["index.html", "controls/index.html", "chips/check/index.html", "timeline/index.html"])
def test_both_engines_load_the_same_deferred_scripts(real_site: Path, zensical_site: Path, page: str) -> None:
    """Each page's scripts resolve to the same files (the theme's bundle aside) and none holds up the first paint."""

    def scripts(site: Path) -> list[str]:
        tags = re.findall(r"<script([^>]*)\bsrc=\"([^\"]+)\"", (site / page).read_text(encoding="utf-8"))
        assert all("defer" in attributes for attributes, _ in tags), tags
        resolved = [posixpath.normpath(posixpath.join(posixpath.dirname(page), src)) for _, src in tags]
        return [path for path in resolved if "/javascripts/bundle." not in path]

    assert scripts(zensical_site) == scripts(real_site)
    assert ("assets/checker.js" in scripts(real_site)) == (page == "chips/check/index.html")
