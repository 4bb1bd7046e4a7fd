"""End-to-end: MkDocs builds the real site and a hostile fixture into tmp_path."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import FIXTURE

ROOT = Path(__file__).parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
COLLECTIONS = ["measures", "chips", "companies", "customers", "sectors", "claims", "glossary", "sources"]


def mkdocs_build(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--config-file", str(config), "--site-dir", str(site)],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )


def test_real_site_has_home_indexes_records_and_search(real_site: Path) -> None:
    assert (real_site / "index.html").is_file()
    assert (real_site / "timeline" / "index.html").is_file()
    for collection in COLLECTIONS:
        assert (real_site / collection / "index.html").is_file(), collection
    for page in ["chips/huawei-ascend-910b", "companies/huawei", "measures/bis-2019-huawei-entity-list", "sectors/solar"]:
        assert (real_site / page / "index.html").is_file(), page
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "chips/huawei-ascend-910b/" in locations


def test_record_pages_stay_out_of_the_navigation(real_site: Path) -> None:
    home = (real_site / "index.html").read_text(encoding="utf-8")
    nav_links = re.findall(r'<a href="([^"]*)" class="md-nav__link', home)
    assert "chips/" in nav_links
    assert not [
        link for link in nav_links if link.startswith("chips/") and link not in ("chips/", "chips/compare/", "chips/check/")
    ]


def test_data_downloads_are_published(real_site: Path) -> None:
    data = json.loads((real_site / "data" / "explainer.json").read_text(encoding="utf-8"))
    assert set(data) >= set(COLLECTIONS)
    huawei = next(c for c in data["companies"] if c["id"] == "huawei")
    assert any(e["measure"] == "bis-2019-huawei-entity-list" for e in huawei["entity_list"])
    assert (real_site / "data" / "chips.csv").read_text(encoding="utf-8").startswith("id,")
    schema = json.loads((real_site / "data" / "schema" / "chips.schema.json").read_text(encoding="utf-8"))
    assert schema["type"] == "array"


def test_one_notion_of_how_current_the_page_says_how_far_its_facts_run(real_site: Path) -> None:
    home = (real_site / "index.html").read_text(encoding="utf-8")
    assert "Its facts run to" in home and "Facts up to" not in home


def test_no_third_party_fonts(real_site: Path) -> None:
    html = (real_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>"]


def fixture_project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "content")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[: config.index("\nnav:")] + "\n"
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "theme_overrides", tmp_path / "theme_overrides")
    return tmp_path


def test_hostile_strings_are_text_in_the_built_html(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    companies = project / "content" / "companies.yaml"
    text = companies.read_text(encoding="utf-8").replace("name: Acme Cloud", f"name: '{HOSTILE[0]} {HOSTILE[1]}'")
    companies.write_text(text, encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", project / "site")
    assert result.returncode == 0, result.stderr
    pages = list((project / "site").rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for hostile in HOSTILE:
            assert hostile not in html, page
    record = (project / "site" / "companies" / "acme-cloud" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in record


def test_failed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    site = project / "site"
    assert mkdocs_build(project / "mkdocs.yml", site).returncode == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (project / "content" / "glossary.yaml").write_text("- id: tpp\n  term: TPP\n", encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", site)
    assert result.returncode == 1
    assert "content/glossary.yaml:1:3: error: glossary[tpp]: missing required field 'definition'" in result.stderr
    assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(str(values[key]))
        if tag == "a" and values.get("href"):
            self.hrefs.append(str(values["href"]))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_and_anchor_resolves(real_site: Path) -> None:
    pages = {p: _parse(p) for p in real_site.rglob("*.html")}
    broken = []
    checked = 0
    for page, links in pages.items():
        base = "/" + page.relative_to(real_site).as_posix()
        for href in links.hrefs:
            parts = urlsplit(urljoin(base, href))
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            checked += 1
            target = real_site / unquote(parts.path).lstrip("/")
            if parts.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{base}: {href}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{base}: {href} (no anchor)")
    assert checked > 10 * len(pages)
    assert broken == []


def test_checker_uses_the_published_thresholds(real_site: Path) -> None:
    page = (real_site / "chips" / "check" / "index.html").read_text(encoding="utf-8")
    embedded = re.search(r'<script type="application/json" id="chip-checker-rules">(.*?)</script>', page, re.S)
    assert embedded is not None
    published = json.loads((real_site / "data" / "rules.json").read_text(encoding="utf-8"))
    assert json.loads(embedded.group(1).replace("<\\/", "</")) == published


INLINE_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def test_no_page_has_an_inline_event_handler(real_site: Path) -> None:
    """The Content-Security-Policy admits no inline handlers, so none may be written (they would silently not run)."""
    offenders = [str(p.relative_to(real_site)) for p in real_site.rglob("*.html") if INLINE_HANDLER.search(p.read_text("utf-8"))]
    assert offenders == []
