"""A chart as the site shows it and as readers take it away.

Every chart is a `Figure`: its two drawings (wide and for phones) and the data it draws as a table. On a
page it comes with Download (SVG, PNG, CSV) and Embed links; `files` publishes it at stable addresses:

    charts/<name>.svg        the wide drawing on its own, with the page's address, the site and the licence built in
    charts/<name>.png        the same, rasterised at build time (a `Raster` the writers render, see `raster`)
    charts/<name>.csv        the data table, cell for cell
    charts/<name>/index.html the embed page: both drawings, one shown by the frame's width; no navigation, no script
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import posixpath
import re
from dataclasses import dataclass, field, replace

from markupsafe import Markup

from .cite import page_url
from .draw.svg import MUTED, Canvas
from .output import Raster, address
from .settings import SITE_NAME

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
FOLDER = "charts"
# Browsers pick the reader's sans-serif; the PNG renderer, which knows no system default, finds DejaVu Sans.
FONTS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif"
PNG_ZOOM = 2  # sharp on high-density screens and in print


@dataclass(frozen=True)
class Figure:
    """A chart: its drawings (`narrow` empty: the wide one serves phones too) and the data as a table (`table=False`:
    the page shows that table itself)."""

    id: str
    wide: str
    narrow: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = field(default=())
    table: bool = True
    caption: str = ""  # words the drawing lacks, shown under it (story charts carry all theirs inside)
    source: str = ""  # a drawing without its title and source line inside (a record's chart): its source line

    @property
    def name(self) -> str:
        """The chart's public name, its address under /charts/: the drawing's id without its 'fig-' or 'chart-'."""
        return re.sub(r"^(fig|chart)-", "", self.id)

    @property
    def title(self) -> str:
        return _svg_text(self.wide, "title")

    def html(self, page: str, site_url: str) -> Markup:
        """A `<figure>`: the drawings, the caption, a collapsed table of the same data, and the ways to take it away."""
        table = ""
        if self.table:
            head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in self.headers)
            body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in self.rows)
            notes = "".join(f"<p>{html.escape(n)}</p>" for n in self.notes)
            table = (
                f'<details class="chart-data"><summary>The data in this chart</summary>'
                f'<div class="chart-table"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
                f"{notes}</details>\n"
            )
        caption = f"<figcaption>{html.escape(self.caption)}</figcaption>\n" if self.caption else ""
        drawings = f"{self.wide}\n{self.narrow}\n" if self.narrow else f"{self.wide}\n"
        return Markup(
            f'<figure class="chart-figure" id="{self.id}" data-chart="{self.name}" data-search-exclude>\n'
            f"{drawings}{caption}{table}{self._takeaway(page, site_url)}</figure>"
        )

    def _takeaway(self, page: str, site_url: str) -> str:
        """Download links and the embed snippet, as a line under the chart."""
        links = " · ".join(
            f'<a href="{href(f"{FOLDER}/{self.name}.{kind}", page)}" download>{kind.upper()}</a>'
            for kind in ("svg", "png", "csv")
        )
        snippet = html.escape(embed_snippet(self, site_url))
        return (
            f'<div class="chart-takeaway"><span>Download: {links}</span>'
            f'<details class="chart-embed"><summary>Embed</summary>'
            f"<p>Paste this HTML into your page; the chart keeps its source and a link back here ({LICENCE_NAME}).</p>"
            f"<pre><code>{snippet}</code></pre></details></div>\n"
        )


def href(target: str, page: str) -> str:
    """The address of `target` (a page's Markdown path or a file's path) as a link from `page`: a chart is raw HTML,
    so its links are to addresses, not to Markdown files."""
    there = "/" + address(target).lstrip("/")
    link = posixpath.relpath(there, "/" + address(page).lstrip("/"))
    return link + "/" if there.endswith("/") else link


def _svg_text(svg: str, element: str) -> str:
    found = re.search(rf"<{element}[^>]*>(.*?)</{element}>", svg, re.S)
    return html.unescape(found[1]) if found else ""


def _size(svg: str) -> tuple[int, int]:
    found = re.search(r'viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"', svg)
    if not found:
        raise ValueError("a chart's drawing has no viewBox")
    return round(float(found[1])), round(float(found[2]))


def embed_snippet(figure: Figure, site_url: str) -> str:
    """An iframe tall enough for the taller of the two drawings at its own width, plus the credit line."""
    wide_w, wide_h = _size(figure.wide)
    height = wide_h * 680 / wide_w
    if figure.narrow:
        phone_w, phone_h = _size(figure.narrow)
        height = max(height, phone_h * 375 / phone_w)
    height += 60  # the credit line under the drawing
    src = page_url(site_url, f"{FOLDER}/{figure.name}/")
    return (
        f'<iframe src="{html.escape(src)}" title="{html.escape(figure.title)}" width="100%" '
        f'height="{round(height)}" style="border:0;max-width:720px" loading="lazy"></iframe>'
    )


def credit(page: str, site_url: str) -> str:
    """The line a chart carries away: where it comes from and under which licence."""
    return f"{SITE_NAME} · {page_url(site_url, page)} · {LICENCE_NAME}"


def standalone(figure: Figure, credit_line: str) -> str:
    """The wide drawing as a file of its own, on white, in a named font stack: the drawing nested in a frame that adds
    the title and source line where the drawing lacks them (a record's chart, whose page says them) and the credit."""
    width, height = _size(figure.wide)
    frame = Canvas(figure.id + "-file", figure.title, _svg_text(figure.wide, "desc"), width, shown=bool(figure.source))
    top = frame.y
    frame.y += height
    for words in (figure.caption, figure.source):
        frame.text_block(words, 12, fill=MUTED)
    frame.y += 4
    frame.text_block(credit_line, 11, fill=MUTED)
    inner = re.sub(r' class="[^"]*"', "", figure.wide, count=1).replace(
        "<svg ", f'<svg x="0" y="{top:.0f}" width="{width}" height="{height}" ', 1
    )
    frame.parts.append(inner)
    svg = frame.finish("")
    taller = _size(svg)[1]
    svg = re.sub(r' class="[^"]*"', "", svg, count=1).replace(
        f'viewBox="0 0 {width} {taller}"',
        f'viewBox="0 0 {width} {taller}" width="{width}" height="{taller}" font-family="{html.escape(FONTS)}"',
        1,
    )
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n"


def csv_text(figure: Figure) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(figure.headers)
    writer.writerows(figure.rows)
    return buffer.getvalue()


EMBED_STYLE = (
    "body{margin:0;font:14px/1.4 " + FONTS.replace("'", '"') + ";color:#212529;background:#fff}"
    "svg{display:block;width:100%;height:auto}"
    ".phone{display:none}"
    "@media (max-width:560px){.wide{display:none}.phone{display:block}}"
    "p{margin:4px 10px;font-size:12px;color:#495057}a{color:#3b5bdb}"
    ".title{margin:8px 10px;font-size:16px;font-weight:bold;color:#212529}"
)


def embed_page(figure: Figure, page: str, site_url: str) -> str:
    """A page an iframe shows: the drawing for the frame's width, the caption and the credit linking back."""
    style_hash = base64.b64encode(hashlib.sha256(EMBED_STYLE.encode()).digest()).decode()
    policy = f"default-src 'none'; style-src 'sha256-{style_hash}'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
    back = page_url(site_url, page) if site_url else posixpath.relpath("/" + address(page), f"/{FOLDER}/{figure.name}/")
    # With no phone drawing, the wide one shows at every width (scaled down).
    wide = figure.wide.replace('class="chart', 'class="wide chart', 1) if figure.narrow else figure.wide
    phone = figure.narrow.replace('class="chart', 'class="phone chart', 1)
    # A record's drawing leaves its title, caption and source to its page: here they are said around it.
    heading = f'<p class="title">{html.escape(figure.title)}</p>\n' if figure.source else ""
    words = "".join(f"<p>{html.escape(text)}</p>\n" for text in (figure.caption, figure.source) if text)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{html.escape(figure.title)}</title>\n"
        f"<style>{EMBED_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"{heading}{wide}\n{phone}\n{words}"
        f'<p><a href="{html.escape(back)}" target="_top">{html.escape(SITE_NAME)}: the chart, its data and its sources</a>'
        f' · <a href="{LICENCE_URL}" target="_top">{LICENCE_NAME}</a></p>\n'
        "</main>\n</body>\n</html>\n"
    )


def absolute_links(svg: str, page: str, site_url: str) -> str:
    """A drawing's links (relative to `page`) as full addresses, opening in the whole window: they work wherever
    the drawing is taken."""

    def absolute(found: re.Match[str]) -> str:
        if "://" in found[1]:
            return f'href="{found[1]}" target="_top"'
        target = posixpath.normpath(posixpath.join("/" + address(page).lstrip("/"), html.unescape(found[1])))
        return f'href="{html.escape(page_url(site_url, target.lstrip("/") + "/"))}" target="_top"'

    return re.sub(r'href="([^"]*)"', absolute, svg)


def files(figure: Figure, page: str, site_url: str) -> dict[str, str | Raster]:
    """The chart's published files (see the module's docstring), drawn on `page`."""
    figure = replace(
        figure, wide=absolute_links(figure.wide, page, site_url), narrow=absolute_links(figure.narrow, page, site_url)
    )
    svg = standalone(figure, credit(page, site_url))
    return {
        f"{FOLDER}/{figure.name}.svg": svg,
        f"{FOLDER}/{figure.name}.png": Raster(svg, PNG_ZOOM),
        f"{FOLDER}/{figure.name}.csv": csv_text(figure),
        f"{FOLDER}/{figure.name}/index.html": embed_page(figure, page, site_url),
    }
