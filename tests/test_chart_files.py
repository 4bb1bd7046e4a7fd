"""Every chart as a thing of its own: SVG, PNG, CSV and an embed page at /charts/<name>, agreeing with its page."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import shutil
import struct
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURE

from generator import charts, raster
from generator.output import Output, OutputClashError, Raster
from generator.pipeline import build, write_tree
from generator.render.memo import PageMemo
from generator.settings import Settings

SVG = "{http://www.w3.org/2000/svg}"


class _Tables(HTMLParser):
    """Each chart figure of a page (by name) with the rows of the table inside it, and every table of the page in order
    with the chart figures that come before it."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: dict[str, list[list[str]]] = {}
        self.tables: list[tuple[tuple[str, ...], list[list[str]]]] = []  # (charts seen before it, rows)
        self._figure: str | None = None
        self._depth = 0
        self._seen: list[str] = []
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "figure" and found.get("data-chart"):
            self._figure, self._depth = found["data-chart"], 0
            self._seen.append(str(found["data-chart"]))
        if tag == "figure" and self._figure:
            self._depth += 1
        if tag == "table":
            self._rows = []
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []
        elif tag == "sup":
            self._skip += 1  # footnote markers are not part of a figure

    def handle_endtag(self, tag: str) -> None:
        if tag == "sup":
            self._skip -= 1
        elif tag in ("td", "th") and self._cell is not None and self._rows is not None:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table" and self._rows is not None:
            if self._figure:
                self.figures[self._figure] = self._rows
            else:
                self.tables.append((tuple(self._seen), self._rows))
            self._rows = None
        elif tag == "figure" and self._figure:
            self._depth -= 1
            if self._depth == 0:
                self.figures.setdefault(self._figure, [])
                self._figure = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._skip:
            self._cell.append(data)


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture(scope="module")
def shown(real_site: Path) -> dict[str, tuple[Path, _Tables]]:
    """Each chart the site shows: the first page it is on, and that page's tables."""
    found: dict[str, tuple[Path, _Tables]] = {}
    for page in sorted(real_site.rglob("index.html")):
        if "charts" in page.relative_to(real_site).parts:
            continue
        text = page.read_text(encoding="utf-8")
        if "data-chart=" not in text:
            continue
        tables = _Tables()
        tables.feed(text)
        for name in tables.figures:
            found.setdefault(name, (page, tables))
    return found


def test_every_chart_shown_is_published_and_every_published_chart_is_shown(real_site: Path, shown: dict) -> None:
    published = {p.stem for p in (real_site / "charts").glob("*.svg")}
    assert len(shown) >= 50  # story charts, the timeline, every chip, every rule and every sector series
    assert published == set(shown)
    for name in shown:
        for suffix in (".svg", ".png", ".csv", "/index.html"):
            assert (real_site / "charts" / f"{name}{suffix}").is_file(), f"{name}{suffix} missing"


def test_each_csv_is_the_table_its_page_shows(real_site: Path, shown: dict) -> None:
    for name, (page, tables) in shown.items():
        rows = _csv(real_site / "charts" / f"{name}.csv")
        inside = tables.figures[name]
        if inside:  # a story chart: its own table, one click away
            assert rows == inside, f"{name}: the CSV is not the chart's table on {page}"
            continue
        # A chip's chart: the page's next table, its periods, is the chart's data.
        assert name.startswith("sale-"), f"{name} shows no table of its data"
        after = next(table for seen, table in tables.tables if seen and seen[-1] == name)
        assert rows == after, f"{name}: the CSV is not the table of periods on {page}"


def test_each_png_is_the_svg_drawn_at_twice_its_size(real_site: Path, shown: dict) -> None:
    for name in shown:
        svg = ET.parse(real_site / "charts" / f"{name}.svg").getroot()
        width, height = int(svg.attrib["width"]), int(svg.attrib["height"])
        assert _png_size((real_site / "charts" / f"{name}.png").read_bytes()) == (2 * width, 2 * height), name


def test_each_svg_carries_its_title_source_licence_and_address(real_site: Path, shown: dict) -> None:
    for name in shown:
        svg = ET.parse(real_site / "charts" / f"{name}.svg").getroot()
        texts = [t.text or "" for t in svg.iter(f"{SVG}text")]
        title = svg.find(f"{SVG}title")
        assert title is not None and title.text and title.text.rstrip(".") in " ".join(texts), name
        assert any(t.startswith("Source") or t.startswith("Sources") for t in texts), f"{name} has no source line"
        credit = next(t for t in texts if t.endswith("CC BY 4.0"))
        assert credit.startswith("China's chips under US export controls · "), name
        # The credit names the page the chart belongs to, one of those that show it.
        assert any(credit.split(" · ")[1].endswith(where) for where in pages_showing(real_site, name)), f"{name}: {credit}"


def pages_showing(real_site: Path, name: str) -> list[str]:
    """The addresses of the pages showing the chart."""
    return [
        "/" + (p.parent.relative_to(real_site).as_posix() + "/").removeprefix("./")
        for p in real_site.rglob("index.html")
        if f'data-chart="{name}"' in p.read_text(encoding="utf-8")
    ]


def test_the_page_links_to_the_files_and_gives_an_embed_snippet(real_site: Path) -> None:
    page = (real_site / "chips" / "nvidia-h20" / "index.html").read_text(encoding="utf-8")
    for kind in ("svg", "png", "csv"):
        assert f'href="../../charts/sale-nvidia-h20.{kind}" download' in page
    snippet = re.search(r"&lt;iframe src=&quot;([^&]*)&quot;", page)
    assert snippet and snippet[1].endswith("/charts/sale-nvidia-h20/")


def test_the_embed_page_has_no_navigation_no_script_and_a_policy_matching_its_style(real_site: Path) -> None:
    page = (real_site / "charts" / "chip-gap" / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page and "md-nav" not in page
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    assert style is not None
    digest = base64.b64encode(hashlib.sha256(style[1].encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in page
    assert page.count("<svg ") == 2 and 'class="wide chart' in page and 'class="phone chart' in page


# -- the module on its own -----------------------------------------------------------------------------


def _figure(**changes: object) -> charts.Figure:
    wide = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 100" role="img" class="chart chart-wide">'
        '<title id="t">Sales, by year</title><desc id="d">Two bars.</desc><a href="../chips/x/"><rect/></a></svg>'
    )
    narrow = wide.replace("720 100", "360 200").replace("chart-wide", "chart-narrow")
    figure = charts.Figure("fig-sales", wide, narrow, ("Year", "Sales"), (("2024", "1,000"), ("2025", "2,000–2,500")))
    return charts.Figure(**{**figure.__dict__, **changes})  # type: ignore[arg-type]


def test_a_chart_is_named_by_its_drawing_and_its_files_are_at_stable_addresses() -> None:
    files = charts.files(_figure(), "story/page.md", "https://example.org/site/")
    assert sorted(files) == ["charts/sales.csv", "charts/sales.png", "charts/sales.svg", "charts/sales/index.html"]
    assert files["charts/sales.csv"] == 'Year,Sales\n2024,"1,000"\n2025,"2,000–2,500"\n'
    png = files["charts/sales.png"]
    assert isinstance(png, Raster) and png.svg == files["charts/sales.svg"] and png.zoom == 2


def test_links_inside_a_drawing_become_full_addresses_opening_in_the_whole_window() -> None:
    files = charts.files(_figure(), "page.md", "https://example.org/site/")  # served at /page/: ../chips/x/ is /chips/x/
    for name in ("charts/sales.svg", "charts/sales/index.html"):
        text = files[name]
        assert isinstance(text, str)
        assert 'href="https://example.org/site/chips/x/" target="_top"' in text, name


def test_a_drawing_without_its_own_title_and_source_gets_them_in_its_file() -> None:
    svg = charts.standalone(_figure(source="Source: the fixture."), "Site · https://example.org/a/ · CC BY 4.0")
    root = ET.fromstring(svg.split("\n", 1)[1])
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts[0] == "Sales, by year" and "Source: the fixture." in texts and texts[-1].endswith("CC BY 4.0")
    untitled = charts.standalone(_figure(), "credit")
    assert "Sales, by year" not in [t.text for t in ET.fromstring(untitled.split("\n", 1)[1]).iter(f"{SVG}text")]


def test_the_embed_snippet_is_tall_enough_for_the_phone_drawing() -> None:
    snippet = charts.embed_snippet(_figure(), "")
    # The phone drawing, 360 × 200, at 375 px wide is 208 px tall; the wide one at 680 px only 94; plus the credit.
    assert 'src="/charts/sales/"' in snippet and 'height="268"' in snippet


def test_two_writers_of_one_png_clash() -> None:
    out = Output()
    out.add({"charts/a.png": Raster("<svg/>", 2)}, "the first page")
    with pytest.raises(OutputClashError, match=r"charts/a\.png is written twice: first by the first page, then by the second"):
        out.add({"charts/a.png": Raster("<svg/>", 2)}, "the second")
    assert list(out.rasters) == ["charts/a.png"] and out.files == {}


def test_png_drawing_refuses_a_machine_without_fonts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(raster, "FONT_DIRS", (tmp_path,))
    with pytest.raises(
        raster.RasterError, match=r"no fonts to write the charts' PNG text in \(looked in .*\): install a sans-serif font"
    ):
        raster.check_fonts()


def test_a_png_has_its_text_drawn() -> None:
    """With the font missing, resvg leaves text out: a title-only drawing then comes out blank."""
    blank = raster.png(Raster('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"></svg>', 1))
    words = raster.png(
        Raster(
            '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" font-family="sans-serif">'
            '<text x="5" y="30" font-size="24">Chips</text></svg>',
            1,
        )
    )
    assert _png_size(words) == (200, 40) and words != blank and len(words) > len(blank)


def test_render_out_writes_the_pngs_and_the_preview_memo_keeps_a_reused_pages_charts(tmp_path: Path, settings: Settings) -> None:
    memo = PageMemo()
    first = build(FIXTURE, settings, memo=memo)
    again = build(FIXTURE, settings, memo=memo)
    assert again.rasters == first.rasters and memo.rendered == []  # no record page rendered again, charts kept
    assert any(path.startswith("charts/sale-") for path in first.rasters)
    write_tree(first.files, tmp_path / "out", first.rasters)
    for path, drawn in first.rasters.items():
        svg = ET.fromstring(drawn.svg.split("\n", 1)[1])
        size = _png_size((tmp_path / "out" / path).read_bytes())
        assert size == (2 * int(svg.attrib["width"]), 2 * int(svg.attrib["height"])), path


def test_two_charts_under_one_name_are_refused_at_the_second_page(tmp_path: Path, settings: Settings) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    draw = '{{{{ chart("series", "solar", ["example-share-capacity"], "{title}") }}}}\n'
    (content / "pages" / "a.md").write_text("# A\n\n" + draw.format(title="Wafers"), encoding="utf-8")
    (content / "pages" / "b.md").write_text("# B\n\nText.\n\n" + draw.format(title="Wafer capacity"), encoding="utf-8")
    (content / "pages" / "c.md").write_text("# C\n\n" + draw.format(title="Wafers"), encoding="utf-8")  # the same chart
    problems = [p.format() for p in build(content, settings).errors]
    assert problems == [
        f"{content / 'pages' / 'b.md'}:5:4: error: chart 'series-solar-example-share-capacity' is drawn here with other "
        "data than on a.md, and both would be published at /charts/series-solar-example-share-capacity/: draw it the "
        "same way on both pages, or give one other arguments\n"
        '    {{ chart("series", "solar", ["example-share-capacity"], "Wafer capacity") }}\n'
        "       ^"
    ]
    (content / "pages" / "b.md").unlink()
    # A chart whose marks link to records, drawn on two pages: the same chart, published once.
    for name in ("d.md", "e.md"):
        (content / "pages" / name).write_text('# D\n\n{{ chart("timeline-strip") }}\n', encoding="utf-8")
    result = build(content, settings)
    assert result.errors == [] and "charts/series-solar-example-share-capacity.png" in result.rasters
    assert "charts/timeline-strip.png" in result.rasters
    # A story's series and the sector page's chart of the same metric are two charts, each at its own address.
    assert "charts/sector-solar-example-share-capacity.png" in result.rasters


def test_a_records_embed_page_says_what_its_page_says_around_the_drawing(real_site: Path) -> None:
    page = (real_site / "charts" / "sale-nvidia-h20" / "index.html").read_text(encoding="utf-8")
    assert '<p class="title">Nvidia H20 (HGX): can it be sold to China?</p>' in page
    assert "<p>Source: computed by this site from the sourced measures that cover the Nvidia H20 (HGX)" in page
    rule = (real_site / "charts" / "rule-eccn-3a090-2023" / "index.html").read_text(encoding="utf-8")
    assert "<p>Shaded: 3A090.a:" in rule and rule.count("Shaded:") == 1
