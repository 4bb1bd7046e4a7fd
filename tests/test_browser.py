"""The built site in a real browser: search, console, third-party requests, accessibility, keyboard, phone widths.

Uses Debian's Chromium through Playwright (no browser download). Without Chromium these tests skip,
except under CI=true where a missing browser is a failure.
"""

from __future__ import annotations

import functools
import html
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import FIXTURE, ROOT, axe_violations, require_axe

from generator.pages import PAGES

# Debian's Chromium by default; CHROMIUM points elsewhere (GitHub's runners ship Google Chrome).
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
HAVE_BROWSER = Path(CHROMIUM).exists()

if not HAVE_BROWSER and os.environ.get("CI") == "true":
    raise RuntimeError("CI=true but Chromium is missing: .ci/run must install Debian's chromium")
pytestmark = pytest.mark.skipif(not HAVE_BROWSER, reason="Chromium is not installed (apt-get install chromium)")

PAGE_TYPES = {
    "home": "",
    "record": "chips/nvidia-h20/",
    "index": "chips/",
    "claim": "claims/controls-began-under-trump/",
    "narrative": "controls/",
    "chapter-charts": "spillovers/",
    "chapter-verdicts": "controls-working/",
    # Every page the registry declares (the checker, the comparison, the timeline, What's new, downloads…).
    **{page.url: page.url + "/" for page in PAGES if page.in_nav},
}
CHAPTERS = ["controls/", "huawei/", "chip-gap/", "spillovers/", "controls-working/"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _server(folder: Path) -> http.server.ThreadingHTTPServer:
    """A server of `folder` on a free port of this machine (not yet serving)."""
    return http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))


def _address(server: http.server.ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"


def _serve(server: http.server.ThreadingHTTPServer) -> Iterator[str]:
    """Serve in the background until the fixture that yields from this ends; yields the address."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield _address(server)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("browser-site")
    server = _server(site)
    url = _address(server)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url}
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(site)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    yield from _serve(server)


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
    require_axe()
    page.goto(site_url + PAGE_TYPES[kind], wait_until="networkidle")
    violations = axe_violations(page)
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
    # each test it fails, once, as the chip pages say it
    assert "3A090.b test 1: TPP 2,368 is 32 (1%) below 2,400\n" in result
    assert result.count("TPP 2,368 is 2,432 (51%) below 4,800") == 2  # 3A090.a under each rule
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
    assert result.startswith("Nvidia H20 (HGX) on 9 April 2025\n")  # the day as the site writes days
    assert "US export rules: Licence required" in result
    assert "Licence requirement imposed on Nvidia H20" in result
    page.fill("#cc-day", "2025-09-01")
    result = page.locator("#chip-checker-result").inner_text()
    assert "US export rules: Licences granted to some buyers" in result
    assert "China: Purchases discouraged" in result
    # a picked chip reads as its page does: the engine's figures and reasons
    assert "Not controlled under ECCN 3A090 (October 2023 rule): no test catches it." in result
    page.select_option("#cc-chip", "nvidia-a800")
    result = page.locator("#chip-checker-result").inner_text()
    assert "TPP: 3,488–4,992" in result  # the sources disagree, and the range says so


def test_checker_answers_for_a_chinese_chip_as_its_page_does(page: Any, site_url: str) -> None:
    page.goto(site_url + "chips/check/", wait_until="networkidle")
    page.select_option("#cc-chip", "huawei-ascend-910b")
    result = page.locator("#chip-checker-result").inner_text()
    assert "US export rules:" not in result
    assert "China: No restriction recorded" in result
    assert "Huawei Technologies is a Chinese company: US export rules do not decide" in result
    page.select_option("#cc-chip", "")  # typed figures: the named measures do not apply
    page.fill("#cc-throughput", "148")
    result = page.locator("#chip-checker-result").inner_text()
    assert "measures that name particular chips apply when you pick the chip" in result


# -- the explainer as a reader meets it ------------------------------------------------------------------------


def _phone(browser: Any) -> Any:
    return browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)


@pytest.mark.parametrize("width", [1280, 375])
def test_home_orients_with_a_start_button_above_the_fold(browser: Any, site_url: str, width: int) -> None:
    context = _phone(browser) if width < 600 else browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.goto(site_url, wait_until="networkidle")
    start = tab.locator("a.md-button--primary", has_text="Start the story")
    box = start.bounding_box()
    height = tab.viewport_size["height"]
    assert box is not None and box["y"] + box["height"] <= height, "the start button is below the fold"
    assert tab.locator(".key-figure").count() >= 3
    assert tab.locator(".key-figure .key-number").first.inner_text().strip()
    assert tab.locator(".chart-figure svg.chart:visible").count() >= 1
    assert tab.locator(".chapter-card").count() == len(CHAPTERS)
    assert tab.locator("#whats-new + ul li").count() >= 3
    start.click()
    tab.wait_for_url("**/controls/")
    context.close()


@pytest.mark.parametrize("path", CHAPTERS)
def test_each_chapter_opens_with_points_a_chart_and_its_place(page: Any, site_url: str, path: str) -> None:
    page.goto(site_url + path, wait_until="networkidle")
    number = CHAPTERS.index(path) + 1
    assert f"Chapter {number} of {len(CHAPTERS)}" in page.locator(".chapter-kicker").inner_text()
    points = page.locator(".admonition.abstract li")
    assert "What you need to know" in page.locator(".admonition.abstract .admonition-title").inner_text()
    assert points.count() == 3
    charts = page.locator(".chart-figure svg.chart:visible")
    assert charts.count() >= 1
    first = charts.first
    # An image, or a group when its marks are links to the events (the timeline strip).
    assert first.get_attribute("role") == ("group" if first.locator("a").count() else "img")
    assert first.get_attribute("aria-labelledby")
    assert first.locator(":scope > title").count() == 1 and first.locator(":scope > desc").count() == 1
    assert "Source" in first.inner_html()  # the source line is inside the picture
    assert page.locator(".chart-figure details table").count() >= 1
    assert not re.search(r"\d\.\d+e[+-]\d", first.inner_html())  # numbers for people, never 2.5e+06
    assert (page.locator(".chapter-nav a[rel=prev]").count() == 1) == (number > 1)
    assert (page.locator(".chapter-nav a[rel=next]").count() == 1) == (number < len(CHAPTERS))


def test_phone_charts_are_drawn_for_the_phone(browser: Any, site_url: str) -> None:
    context = _phone(browser)
    tab = context.new_page()
    tab.goto(site_url + "chip-gap/", wait_until="networkidle")
    chart = tab.locator(".chart-figure svg.chart:visible").first
    assert "chart-narrow" in (chart.get_attribute("class") or "")
    box = chart.bounding_box()
    assert box is not None and box["width"] <= 375
    sizes = tab.evaluate(
        "() => [...document.querySelectorAll('svg.chart-narrow text')].filter(t => t.getClientRects().length)"
        ".map(t => t.getBoundingClientRect().height)"
    )
    assert sizes and min(sizes) >= 10, "chart text too small to read on a phone"
    context.close()


@pytest.mark.parametrize("path", ["chips/compare/", "chips/nvidia-h20/", "rules/eccn-3a090-2023/", "sectors/solar/"])
def test_no_table_is_wider_than_its_column_at_1280(page: Any, site_url: str, path: str) -> None:
    page.goto(site_url + path, wait_until="networkidle")
    column = page.evaluate("() => document.querySelector('.md-content__inner').clientWidth")
    widths = page.evaluate("() => [...document.querySelectorAll('.md-content table')].map(t => t.scrollWidth)")
    assert widths and max(widths) <= column


@pytest.mark.parametrize(("path", "answer"), [("chips/nvidia-h20/", "Result"), ("chips/compare/", "Oct 2023")])
def test_answer_columns_stay_visible_on_a_phone(browser: Any, site_url: str, path: str, answer: str) -> None:
    context = _phone(browser)
    tab = context.new_page()
    tab.goto(site_url + path, wait_until="networkidle")
    heading = tab.locator(f".md-content th:text-is('{answer}')").first
    heading.scroll_into_view_if_needed()
    box = heading.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 375, f"{answer} column is off-screen"
    context.close()


def test_citations_have_no_comma_across_words_and_show_their_source_on_hover(page: Any, site_url: str) -> None:
    page.goto(site_url, wait_until="networkidle")
    text = page.locator(".md-content").inner_text()
    assert "servers," not in text.replace("servers,\n", "servers,")  # the separator rule no longer draws a comma
    ref = page.locator(".md-content sup a.footnote-ref:visible").first
    ref.hover()
    tooltip = page.locator(".explainer-tip[role=tooltip]")
    tooltip.wait_for(timeout=5_000)
    note = page.evaluate("id => document.getElementById(id).innerText", (ref.get_attribute("href") or "#").lstrip("#"))
    assert tooltip.inner_text().strip() and tooltip.inner_text().strip() in note  # the source, without the back link
    assert ref.get_attribute("aria-describedby") == tooltip.get_attribute("id")
    page.keyboard.press("Escape")
    assert tooltip.count() == 0


def test_no_script_holds_up_the_first_paint_and_page_scripts_load_where_used(page: Any, site_url: str) -> None:
    page.goto(site_url + "controls/", wait_until="networkidle")
    scripts = page.evaluate("() => [...document.scripts].filter(s => s.src).map(s => [s.src, s.defer])")
    assert scripts and all(deferred for _, deferred in scripts), scripts
    assert not any(src.endswith(("checker.js", "timeline.js")) for src, _ in scripts)
    for path, script in [("chips/check/", "checker.js"), ("timeline/", "timeline.js")]:
        page.goto(site_url + path, wait_until="networkidle")
        assert page.evaluate(f"() => [...document.scripts].some(s => s.src.endsWith('/assets/{script}'))")


def test_glossary_marks_the_first_mention_only_and_opens_on_tap(browser: Any, site_url: str) -> None:
    context = _phone(browser)
    tab = context.new_page()
    tab.goto(site_url + "chip-gap/", wait_until="networkidle")
    titles = tab.evaluate("() => [...document.querySelectorAll('.md-content abbr')].map(a => a.title)")
    assert titles and len(titles) == len(set(titles))
    mark = tab.locator(".md-content abbr").first
    mark.scroll_into_view_if_needed()
    definition = mark.get_attribute("title")
    mark.tap()
    tooltip = tab.locator(".explainer-tip[role=tooltip]")
    tooltip.wait_for(timeout=5_000)
    assert tooltip.inner_text() == definition
    box = tooltip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375  # on the screen of a phone
    tab.mouse.click(5, 700)  # a tap elsewhere closes it and gives the mark its title back
    assert tooltip.count() == 0 and mark.get_attribute("title") == definition
    context.close()


@pytest.mark.parametrize("path", ["chips/nvidia-h20/", "claims/controls-foster-domestic-industry/", "sectors/solar/"])
def test_record_pages_show_no_ids_raw_values_or_open_research_notes(page: Any, site_url: str, path: str) -> None:
    page.goto(site_url + path, wait_until="networkidle")
    text = page.locator(".md-content").inner_text()
    assert "datacenter-accelerator" not in text
    assert not re.search(r"^Id\b", text, re.M)
    for block in page.locator("details.note").all():
        assert block.get_attribute("open") is None
        assert "Research notes" in block.locator("summary").inner_text()


def test_a_claim_leads_with_its_verdict_apart_from_confidence(page: Any, site_url: str) -> None:
    page.goto(site_url + "claims/controls-foster-domestic-industry/", wait_until="networkidle")
    badge = page.locator(".verdict-line .verdict")
    assert badge.inner_text().startswith("Verdict: ")
    assert page.locator(".confidence").inner_text().startswith("Confidence: ")
    assert badge.bounding_box()["y"] < page.locator(".confidence").bounding_box()["y"]
    assert "Evidence that supports the claim" in " ".join(page.locator("h2").all_inner_texts())


@pytest.mark.parametrize("query", ["Huawei", "Ascend", "H20"])
def test_broad_queries_rank_the_story_first_with_types_and_sentences(page: Any, site_url: str, query: str) -> None:
    page.goto(site_url, wait_until="networkidle")
    # One query, not one per keystroke: results for "H" or "Hu" would be replaced under the assertions.
    page.locator("input.md-search__input").fill(query)
    page.keyboard.press("End")  # the search listens to key presses
    page.locator(".md-search-result__item > a").first.wait_for(timeout=10_000)
    href, label = page.evaluate(
        """() => {
            const first = document.querySelector(".md-search-result__item > a");
            return [first.getAttribute("href"), getComputedStyle(first.querySelector("h1"), "::before").content];
        }"""
    )
    assert any(f"/{chapter}" in href for chapter in CHAPTERS), href
    assert "Story chapter" in label
    snippets = " ".join(page.locator(".md-search-result__item").all_inner_texts())
    assert "Fact Value" not in snippets and "The data in this chart" not in snippets


def test_chinese_in_running_text_is_found(page: Any, site_url: str) -> None:
    page.goto(site_url, wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type("芯片")
    page.keyboard.press("End")
    page.locator(".md-search-result__item > a").first.wait_for(timeout=10_000)
    assert page.locator(".md-search-result__item").count() >= 1


def test_timeline_filters_are_in_the_address(page: Any, site_url: str) -> None:
    page.goto(site_url + "timeline/?actor=china", wait_until="networkidle")
    assert page.locator(".timeline-item[data-actor='us']:visible").count() == 0
    assert page.locator(".timeline-item[data-actor='china']:visible").count() > 0
    assert page.locator(".chart-figure svg.chart:visible").count() == 1  # the lanes by actor
    marks = "() => [...document.querySelectorAll('.chart-figure svg [data-actor]')].filter(m => m.style.display !== 'none')"
    assert set(page.evaluate(marks + ".map(m => m.dataset.actor)")) == {"china"}  # the chart follows the filters
    page.locator("input[name='kind'][value='rule']").uncheck()
    assert "kind=" in page.url and "rule" not in page.url.split("kind=")[1].split("&")[0]


def test_every_page_links_the_feed_and_a_canonical_address(page: Any, site_url: str) -> None:
    page.goto(site_url + "chips/nvidia-h20/", wait_until="networkidle")
    feed = page.locator("link[rel=alternate][type='application/atom+xml']")
    assert feed.count() == 1
    assert page.locator("link[rel=canonical]").get_attribute("href") == site_url + "chips/nvidia-h20/"
    assert page.locator("meta[property='og:url']").get_attribute("content") == site_url + "chips/nvidia-h20/"
    response = page.request.get(site_url + "feed.xml")
    assert response.ok and b"<feed" in response.body()


def test_not_found_page_links_the_chapters(page: Any, site_url: str) -> None:
    page.goto(site_url + "404.html", wait_until="networkidle")
    links = page.locator(".chapter-list a")
    assert links.count() == len(CHAPTERS)


# Records a policy violation on the page into window.__csp before any of the page's own scripts run.
VIOLATIONS = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation', "
    "e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));"
)


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_every_page_type_carries_the_policy_and_breaks_none_of_it(page: Any, site_url: str, kind: str) -> None:
    page.add_init_script(VIOLATIONS)
    page.goto(site_url + PAGE_TYPES[kind], wait_until="networkidle")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert policy is not None and "script-src 'self' 'sha256-" in policy and "unsafe-inline" not in policy
    assert page.evaluate("window.__csp") == []


HOSTILE = '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'


@pytest.fixture(scope="module")
def hostile_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site with a chip named by a hostile string, built with the generator's escaping switched off."""
    root = tmp_path_factory.mktemp("hostile")
    content = root / "content"
    shutil.copytree(FIXTURE, content)
    chips = content / "chips.yaml"
    chips.write_text(chips.read_text(encoding="utf-8").replace("name: Example X1", f"name: '{HOSTILE}'", 1), encoding="utf-8")
    site = root / "site"
    server = _server(site)
    url = _address(server)
    config = root / "mkdocs.yml"
    config.write_text(
        f"site_name: Hostile\nsite_url: {url}\ndocs_dir: {content / 'pages'}\nsite_dir: {site}\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'theme_overrides'}\n"
        f"plugins:\n  - explainer:\n      content: {content}\n"
        "markdown_extensions: [admonition, attr_list, md_in_html, footnotes, tables, pymdownx.details]\n",
        encoding="utf-8",
    )
    script = (
        "from generator import escape\n"
        "escape.text = escape.attr = escape.markdown = lambda value, *a, **k: value  # escaping removed on purpose\n"
        "from mkdocs.commands.build import build\nfrom mkdocs.config import load_config\n"
        f"build(load_config({str(config)!r}))\n"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False)
    assert built.returncode == 0, built.stderr
    yield from _serve(server)


def test_a_hostile_record_string_cannot_run_script_even_unescaped(page: Any, hostile_site_url: str) -> None:
    page.add_init_script(VIOLATIONS)
    page.goto(hostile_site_url + "chips/example-x1/", wait_until="networkidle")
    html = page.content()
    assert "<script>window.__pwned = 1</script>" in html, "escaping was not switched off: the test proves nothing"
    assert 'onerror="window.__pwned = 2"' in html
    assert page.evaluate("window.__pwned") is None
    blocked = page.evaluate("window.__csp")
    assert any(v.startswith("script-src") for v in blocked), blocked


@pytest.fixture(scope="module")
def host_url(site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A reader's own page on another origin, embedding the lead chart with the snippet the chapter offers."""
    chapter = urllib.request.urlopen(site_url + "chip-gap/").read().decode()
    found = re.search(r'data-chart="chip-gap".*?<pre><code>(.*?)</code></pre>', chapter, re.S)
    assert found, "the chapter offers no embed snippet for the lead chart"
    folder = tmp_path_factory.mktemp("host")
    (folder / "index.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'><link rel='icon' href='data:,'>"
        "<title>My article</title></head>"
        f"<body style='margin:0'><h1>My article</h1>{html.unescape(found[1])}</body></html>",
        encoding="utf-8",
    )
    server = _server(folder)
    yield from _serve(server)


@pytest.mark.parametrize(("width", "shown", "hidden"), [(375, "phone", "wide"), (1280, "wide", "phone")])
def test_embedded_chart_loads_in_an_iframe_and_follows_the_width(
    browser: Any, site_url: str, host_url: str, width: int, shown: str, hidden: str
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    context.on("request", lambda request: requests.append(request.url))
    tab.goto(host_url, wait_until="networkidle")
    frame = tab.frame_locator("iframe")
    assert frame.locator(f"svg.{shown}").is_visible() and not frame.locator(f"svg.{hidden}").is_visible()
    drawn = frame.locator(f"svg.{shown}").bounding_box()
    assert drawn is not None and drawn["width"] >= min(width, 720) - 40  # the drawing fills the frame's width
    assert frame.get_by_role("link", name=re.compile("the chart, its data and its sources")).is_visible()
    inner = tab.frames[1]
    assert inner.evaluate("document.documentElement.scrollHeight") <= tab.locator("iframe").bounding_box()["height"] + 1
    assert errors == []
    # Only the reader's page and the chart's own page: no fonts, scripts or trackers from anywhere else.
    assert {urlsplit(url).netloc for url in requests} == {urlsplit(host_url).netloc, urlsplit(site_url).netloc}
    context.close()
