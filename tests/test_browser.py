"""The built site in a real browser: search, console, third-party requests, accessibility, keyboard, phone widths.

Uses Debian's Chromium through Playwright (no browser download). Without Chromium these tests skip,
except under CI=true where a missing browser is a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).parent.parent
# Debian's Chromium by default; CHROMIUM points elsewhere (GitHub's runners ship Google Chrome).
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
HAVE_BROWSER = Path(CHROMIUM).exists()

if not HAVE_BROWSER and os.environ.get("CI") == "true":
    raise RuntimeError("CI=true but Chromium is missing: .ci/run must install Debian's chromium")
pytestmark = pytest.mark.skipif(not HAVE_BROWSER, reason="Chromium is not installed (apt-get install chromium)")

PAGE_TYPES = {
    "home": "",
    "record": "chips/nvidia-h20/",
    "index": "chips/",
    "timeline": "timeline/",
    "comparison": "chips/compare/",
    "checker": "chips/check/",
    "claim": "claims/controls-began-under-trump/",
    "narrative": "controls/",
    "downloads": "downloads/",
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("browser-site")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url}
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(site)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"]
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_page_loads_without_console_errors_or_foreign_requests(page: Any, site_url: str, kind: str) -> None:
    errors: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: foreign.append(request.url) if _foreign(request.url, site_url) else None)
    response = page.goto(site_url + PAGE_TYPES[kind], wait_until="networkidle")
    assert response is not None and response.status == 200
    assert errors == []
    assert foreign == []


def _foreign(url: str, site_url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme not in ("data", "blob", "about") and parts.netloc != urlsplit(site_url).netloc


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_serious_accessibility_violations(page: Any, site_url: str, kind: str) -> None:
    assert AXE.exists(), "run `npm ci --prefix tests/browser` to install axe-core"
    page.goto(site_url + PAGE_TYPES[kind], wait_until="networkidle")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    serious = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {v['nodes'][0]['target']})"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_phone_width_has_no_horizontal_scroll(browser: Any, site_url: str, kind: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(site_url + PAGE_TYPES[kind], wait_until="networkidle")
    widths = tab.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    context.close()
    assert widths[0] <= widths[1], f"page is {widths[0]}px wide in a {widths[1]}px viewport"


@pytest.mark.parametrize(
    ("query", "title", "path"),
    [
        ("H20", "Nvidia H20", "chips/nvidia-h20/"),
        ("华为", "Huawei", "companies/huawei/"),
        ("百度", "Baidu", "companies/baidu/"),
        ("nvidia-h20", "Nvidia H20", "chips/nvidia-h20/"),
        ("Entity List", "Entity List", "glossary/entity-list/"),
    ],
)
def test_search_finds_records_and_opens_them(page: Any, site_url: str, query: str, title: str, path: str) -> None:
    page.goto(site_url, wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    page.keyboard.press("End")  # Chinese text arrives as one insertion; a key press makes the search listen
    result = page.locator(f".md-search-result__item > a[href*='/{path}']").first
    result.wait_for(timeout=10_000)
    result.click()
    page.wait_for_url(f"**/{path}**")
    assert title in page.locator("h1").first.inner_text()


def test_timeline_filters_work_with_the_keyboard(page: Any, site_url: str) -> None:
    page.goto(site_url + "timeline/", wait_until="networkidle")
    total = page.locator(".timeline-item").count()
    page.focus(".timeline-filters summary")
    page.keyboard.press("Enter")  # open the filters
    page.keyboard.press("Tab")  # the first checkbox: United States
    assert page.evaluate("() => document.activeElement.value") == "us"
    page.keyboard.press("Space")
    hidden_us = page.evaluate("() => [...document.querySelectorAll('.timeline-item[data-actor=\"us\"]')].every(li => li.hidden)")
    assert hidden_us
    status = page.locator(".timeline-filter-status").inner_text()
    shown = total - page.locator(".timeline-item[data-actor='us']").count()
    assert status == f"Showing {shown} of {total} records."
    page.keyboard.press("Space")
    assert page.locator(".timeline-filter-status").inner_text() == f"Showing {total} of {total} records."


def test_chip_checker_works_with_the_keyboard(page: Any, site_url: str) -> None:
    page.goto(site_url + "chips/check/", wait_until="networkidle")
    page.focus("#cc-throughput")
    page.keyboard.type("148")
    page.keyboard.press("Tab")  # bit length stays 16-bit
    page.keyboard.press("Tab")
    page.keyboard.type("814")
    page.keyboard.press("Tab")
    page.keyboard.type("900")
    page.keyboard.press("Enter")
    result = page.locator("#chip-checker-result").inner_text()
    assert "TPP: 2,368" in result
    assert "ECCN 3A090 (October 2023 rule): Not controlled" in result
    page.fill("#cc-throughput", "312")
    page.fill("#cc-area", "826")
    page.fill("#cc-io", "400")
    page.keyboard.press("Enter")
    result = page.locator("#chip-checker-result").inner_text()
    assert "ECCN 3A090 (October 2022 rule): Not controlled" in result
    assert "ECCN 3A090 (October 2023 rule): Controlled (3A090.a)" in result


def test_checker_answers_for_a_chip_on_a_date(page: Any, site_url: str) -> None:
    page.goto(site_url + "chips/check/", wait_until="networkidle")
    page.select_option("#cc-chip", "nvidia-h20")
    assert page.input_value("#cc-throughput") == "296"  # the chip's figures fill the form
    page.fill("#cc-day", "2025-04-08")
    result = page.locator("#chip-checker-result").inner_text()
    assert "US export rules: No licence needed" in result
    page.fill("#cc-day", "2025-04-09")
    result = page.locator("#chip-checker-result").inner_text()
    assert "US export rules: Licence required" in result
    assert "Licence requirement imposed on Nvidia H20" in result
    page.fill("#cc-day", "2025-09-01")
    result = page.locator("#chip-checker-result").inner_text()
    assert "US export rules: Licences granted to some buyers" in result
    assert "China: Purchases discouraged" in result
