"""The Jinja environment every page is rendered with, and the filters that escape data for where it lands."""

from __future__ import annotations

import html
import json
from types import CodeType
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


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory, for environments made anew per build (ours, and MkDocs' theme's).

    Jinja checks each entry against a checksum of the source, so an edited template is compiled again.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED = MemoryBytecodeCache()
_STORY_CODE: dict[str, CodeType] = {}


def make_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        # One environment per build: no need to check the template files for changes on every page.
        auto_reload=False,
        # Across builds (a live preview's rebuilds) the compiled templates are kept; an edited one is compiled again.
        bytecode_cache=COMPILED,
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
        attr=escape.attr,
        markdown=escape.markdown,
        num=number,
    )
    return env


def from_string(env: jinja2.Environment, source: str) -> jinja2.Template:
    """A narrative page's template, compiled once per text: rebuilds after a YAML edit skip compiling every story.

    Every environment from `make_environment` compiles alike, so the code is shared between them.
    """
    code = _STORY_CODE.get(source)
    if code is None:
        if len(_STORY_CODE) > 256:  # a long preview session: forget the texts of earlier edits
            _STORY_CODE.clear()
        code = _STORY_CODE[source] = env.compile(source)
    return env.template_class.from_code(env, code, env.make_globals(None))
