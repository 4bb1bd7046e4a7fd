"""The Jinja environment every page is rendered with, and the filters that escape data for where it lands."""

from __future__ import annotations

import html
import json
from typing import Any

import jinja2
from markupsafe import Markup

from . import escape
from .numbers import number


def _finalize(value: Any) -> Any:
    """Every `{{ }}` is escaped as Markdown text unless a template marked it safe."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, float):
        return number(value)
    return escape.text(value)


def yaml_string(value: object) -> Markup:
    """A front-matter string: themes print it into HTML unescaped, and JSON strings are valid YAML."""
    return Markup(json.dumps(html.escape(" ".join(str(value).split())), ensure_ascii=False))


def jsonld_string(value: object) -> Markup:
    """JSON-LD for a `<script>` element, as a front-matter string; `</` is escaped so it cannot close the script."""
    return Markup(json.dumps(json.dumps(value, ensure_ascii=False).replace("</", "<\\/"), ensure_ascii=False))


def make_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        # One environment per build: no need to check the template files for changes on every page.
        auto_reload=False,
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        finalize=_finalize,
    )
    env.filters.update(
        jsonld=jsonld_string,
        yaml=yaml_string,
        text=escape.text,
        attr=escape.attr,
        url=escape.url,
        markdown=escape.markdown,
        num=number,
    )
    return env
