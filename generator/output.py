"""The one collection of output files: every page, static file and data file is added here, and each path once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


class OutputClashError(Exception):
    """Two writers claimed one output path (or two Markdown pages one address): one would silently replace the other."""


@dataclass(frozen=True)
class Raster:
    """A PNG still to be drawn from an SVG: the writers render it (`generator.raster`), off the page builders' path."""

    svg: str
    zoom: float


def address(path: str) -> str:
    """Where a file is served: Markdown pages by their address ('a.md' and 'a/index.md' are both /a/), others as is."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    return "/" if stem == "index" else stem.removesuffix("/index") + "/"


class Output:
    """Files by path, refusing a second write to a path or an address, like Pelican's writer without `override`."""

    def __init__(self) -> None:
        self._files: dict[str, str] = {}
        self._rasters: dict[str, Raster] = {}
        self._writers: dict[str, tuple[str, str]] = {}  # address -> (path, who wrote it)

    def add(self, files: Mapping[str, str | Raster], writer: str) -> None:
        for path, text in files.items():
            where = address(path)
            first = self._writers.get(where)
            if first is not None:
                first_path, first_writer = first
                same = "" if first_path == path else f" ({first_path} and {path} are both served there)"
                raise OutputClashError(f"{where} is written twice{same}: first by {first_writer}, then by {writer}")
            self._writers[where] = (path, writer)
            if isinstance(text, Raster):
                self._rasters[path] = text
            else:
                self._files[path] = text

    @property
    def files(self) -> dict[str, str]:
        """The text files: pages, scripts, styles, data."""
        return dict(self._files)

    @property
    def rasters(self) -> dict[str, Raster]:
        """The images still to be drawn."""
        return dict(self._rasters)
