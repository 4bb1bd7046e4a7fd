"""Escaping for each place a YAML string can land in generated Markdown."""

from __future__ import annotations

import functools
import html
import re
from urllib.parse import quote

from markupsafe import Markup

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~^])")
_BULLET = re.compile(r"^([-+=>])(?=\s|$)")
_NUMBERED = re.compile(r"^(\d+)([.)])(?=\s|$)")
_UNSAFE_TARGET = re.compile(
    r"\]\(\s*<?\s*(?!https?:|mailto:|[#./a-zA-Z0-9_-]*(?:[#/?)\s>]|$))[^\s()>]*(?:\([^\s()]*\))?[^\s()>]*", re.IGNORECASE
)


def text(value: object) -> Markup:
    """Plain text for Markdown, table cells included: no markup of any kind survives, and it stays on one line."""
    return _text(str(value))


@functools.lru_cache(maxsize=65536)
def _text(value: str) -> Markup:
    # Names and titles recur in every link to a record: escape each once.
    escaped = html.escape(" ".join(value.split()), quote=False)
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped)
    escaped = _BULLET.sub(r"\\\1", escaped)
    return Markup(_NUMBERED.sub(r"\1\\\2", escaped))


def attr(value: object) -> Markup:
    """Text for an HTML attribute value written in a template."""
    return Markup(html.escape(str(value)))  # quotes included


def url(value: str) -> Markup:
    """An address for a Markdown link target `(...)`."""
    return Markup(quote(value, safe=":/?#@!$&'*+,;=%~"))  # parentheses are not safe: they would end the link


def markdown(value: str) -> Markup:
    """An editor's Markdown field: Markdown stays, raw HTML and attribute lists become text."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;")
    escaped = escaped.replace("{", "\\{").replace("}", "\\}")
    return Markup(_UNSAFE_TARGET.sub("](#", escaped))
