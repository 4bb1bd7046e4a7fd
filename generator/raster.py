"""PNG copies of the charts, drawn at build time by resvg: no browser, no network, the machine's own fonts.

A PNG takes tens of milliseconds, a hundred charts some seconds: more than the rest of the generator. So the
writers draw them in worker processes; the MkDocs plugin starts them as the build begins and collects them when
MkDocs has written its pages, so that they cost the spare core, not the build's time.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import resvg_py

from .output import Raster

# Where fonts live on Debian and Ubuntu, macOS and Windows: resvg reads the same places.
FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path("/Library/Fonts"),
    Path("/System/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
FONT_FILES = ("*.ttf", "*.otf", "*.ttc")


class RasterError(Exception):
    """The charts' PNGs cannot be drawn as they should be."""


def check_fonts() -> None:
    """Refuse to draw PNGs with no font to write their text in (resvg would leave every label out)."""
    for folder in FONT_DIRS:
        if folder.is_dir() and any(next(folder.rglob(pattern), None) for pattern in FONT_FILES):
            return
    raise RasterError(
        "no fonts to write the charts' PNG text in (looked in "
        + ", ".join(str(f) for f in FONT_DIRS)
        + "): install a sans-serif font, e.g. `apt-get install fonts-dejavu-core` on Debian or Ubuntu"
    )


def png(raster: Raster) -> bytes:
    """The SVG drawn as a PNG at `zoom` times its size, on white."""
    # The SVG names a font stack; resvg takes the first face the machine has, DejaVu Sans as the generic default.
    drawn = resvg_py.svg_to_bytes(svg_string=raster.svg, zoom=raster.zoom, background="#ffffff", sans_serif_family="DejaVu Sans")
    return bytes(drawn)


class Drawing:
    """PNGs being drawn in worker processes; `collect` waits for them."""

    def __init__(self, rasters: Mapping[str, Raster], workers: int) -> None:
        if rasters:
            check_fonts()
        # spawn, not fork: the MkDocs server runs threads, which a forked child must not inherit mid-lock.
        self._pool = ProcessPoolExecutor(max_workers=max(1, workers), mp_context=multiprocessing.get_context("spawn"))
        self._pending: dict[str, Future[bytes]] = {path: self._pool.submit(png, r) for path, r in rasters.items()}

    def collect(self) -> dict[str, bytes]:
        try:
            return {path: future.result() for path, future in self._pending.items()}
        finally:
            self._pool.shutdown()

    def cancel(self) -> None:
        self._pool.shutdown(cancel_futures=True)


def draw_all(rasters: Mapping[str, Raster]) -> dict[str, bytes]:
    """Every PNG, now, on every core (for `render --out` and the Zensical project, which wait for them anyway)."""
    if not rasters:
        return {}
    return Drawing(rasters, workers=cores()).collect()


def cores() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
