"""The Content-Security-Policy every page carries: the site's own scripts and styles, plus the theme's inline scripts by hash.

Static hosts may not set headers, so the policy is a `<meta>` tag, the first thing in each page's head (the
overrides' `main.html` writes it from `config.extra.csp`). The hashes are computed at build time from the theme's own
templates, never from the pages: a record string that slipped through escaping as a `<script>` would not match one,
and the browser would refuse to run it. Each engine's policy comes from its own copy of the theme: MkDocs uses
Material's templates, Zensical its own (`python -m generator zensical --theme-templates`).
"""

from __future__ import annotations

import base64
import hashlib
import re
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

# The theme's partials that write inline scripts (Material 9 and Zensical's classic variant share them).
INLINE_PARTIALS = (
    "partials/javascripts/base.html",
    "partials/javascripts/palette.html",
    "partials/javascripts/content.html",
)  # announce.html, outdated.html and consent.html are only included for features this site does not turn on
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def scope(site_url: str) -> str:
    """The path the theme keeps its settings under (`__md_scope`): the site's root, the same on every page.

    Material otherwise derives it from each page's relative base URL ("../.."), which would give every folder depth
    a script of its own; both resolve to the site's root.
    """
    return urlsplit(site_url).path or "/"


def digest(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def material_templates() -> Path:
    return Path(str(resources.files("material") / "templates"))


def theme_scripts(theme: dict[str, Any], extra: dict[str, Any], custom_dir: Path | None, templates: Path) -> list[str]:
    """The inline scripts the theme writes into pages, rendered from its partials with the site's settings."""
    folders = [str(custom_dir)] if custom_dir else []
    folders.append(str(templates))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folders), autoescape=True)
    config = {"theme": theme, "extra": extra}
    context = {"config": config, "features": theme.get("features") or [], "base_url": extra.get("scope", "/")}
    scripts: list[str] = []
    for name in INLINE_PARTIALS:
        try:
            text = env.get_template(name).render(**context)
        except jinja2.TemplateNotFound:
            continue
        scripts += _INLINE_SCRIPT.findall(text)
    return scripts


def policy(scripts: list[str], *, inline_styles: bool = False) -> str:
    """Only the site's own files, and the given inline scripts by hash; no plug-ins, frames or foreign hosts.

    `inline_styles` admits style elements the theme's own script writes at run time (Zensical's search dialog styles
    its shadow root that way); they cannot run script.
    """
    hashes = " ".join(sorted({digest(s) for s in scripts}))
    styles = "'self' 'unsafe-inline'" if inline_styles else "'self'"
    return (
        f"default-src 'self'; script-src 'self' {hashes}; style-src {styles}; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def site_policy(
    theme: dict[str, Any], extra: dict[str, Any], custom_dir: Path | None, templates: Path, *, inline_styles: bool = False
) -> str:
    """The policy for a site built with the theme whose templates are in `templates` (Material's, or Zensical's)."""
    return policy(theme_scripts(theme, extra, custom_dir, templates), inline_styles=inline_styles)
