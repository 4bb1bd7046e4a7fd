"""The Zensical adapter: a folder that Zensical builds into the site MkDocs builds with the explainer plugin.

Zensical reads mkdocs.yml but runs no MkDocs plugins, so this writes what the plugin hands MkDocs:

    OUT/docs/       the rendered tree (pages, data files, scripts, styles), as `render --out` writes it
    OUT/overrides/  the theme overrides, less those written for Material's markup alone
    OUT/mkdocs.yml  mkdocs.yml without the plugin, with the full navigation and the footer's newest fact

`zensical build -f OUT/mkdocs.yml` then builds OUT/site. Never imports MkDocs or Zensical.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from . import csp
from .nav import site_nav
from .pipeline import Build, build, write_tree
from .settings import Settings

PLUGIN = "explainer"
ENGINE = "Zensical"
# Material's search partial, overridden to name its dialog: Zensical's search is another dialog, already named,
# and its script finds none of Material's search markup.
MATERIAL_ONLY = ("partials/search.html",)


@dataclass(frozen=True)
class PluginOptions:
    """The explainer plugin's options in mkdocs.yml; the defaults are the plugin's (ExplainerConfig)."""

    content: str = "content"
    max_age_days: int = 365
    data_nav: str = "Browse the records"


class EnvTag:
    """`!ENV NAME` or `!ENV [NAME, ..., default]`, kept as written for Zensical to resolve."""

    def __init__(self, value: str | list[Any]) -> None:
        self.value = value

    def resolve(self) -> Any:
        """The value as MkDocs reads it: the first variable that is set, else the last item (a list's default)."""
        names = self.value if isinstance(self.value, list) else [self.value]
        for name in names[:-1] if isinstance(self.value, list) else names:
            if str(name) in os.environ:
                return os.environ[str(name)]
        return names[-1] if isinstance(self.value, list) else None


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_env(loader: yaml.SafeLoader, node: yaml.Node) -> EnvTag:
    if isinstance(node, yaml.SequenceNode):
        return EnvTag(loader.construct_sequence(node))
    return EnvTag(str(loader.construct_scalar(node)))  # type: ignore[arg-type]


def _represent_env(dumper: yaml.SafeDumper, data: EnvTag) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence("!ENV", data.value, flow_style=True)
    return dumper.represent_scalar("!ENV", data.value)


_Loader.add_constructor("!ENV", _construct_env)
_Dumper.add_representer(EnvTag, _represent_env)


def load_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as data, `!ENV` tags kept."""
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    if not isinstance(config, dict):
        raise ValueError(f"{path}: expected a mapping")
    return config


def plugin_options(config: dict[str, Any]) -> PluginOptions:
    """The explainer plugin's options, whether `plugins` is a list or a mapping."""
    plugins = config.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else [_plugin_entry(p) for p in plugins]
    for name, options in entries:
        if name == PLUGIN:
            return PluginOptions(**(options or {}))
    return PluginOptions()


def _plugin_entry(item: str | dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    if isinstance(item, str):
        return item, None
    ((name, options),) = item.items()
    return str(name), options


def zensical_config(
    config: dict[str, Any],
    site_url: str = "",
    custom_dir: Path | None = None,
    templates: Path | None = None,
) -> dict[str, Any]:
    """The same site configuration for the rendered tree: no plugin, every collection in the nav, the extras it sets."""
    out = dict(config)
    options = plugin_options(config)
    out["docs_dir"] = "docs"
    out["site_dir"] = "site"
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        out["plugins"] = {name: value for name, value in plugins.items() if name != PLUGIN}
    else:
        out["plugins"] = [p for p in plugins if _plugin_entry(p)[0] != PLUGIN]
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = "overrides"
    # Material's look; Zensical's own default is its new "modern" one.
    theme.setdefault("variant", "classic")
    out["theme"] = theme
    if config.get("nav"):
        out["nav"] = site_nav(config["nav"], options.data_nav)
    extra = {**(config.get("extra") or {}), "built_with": ENGINE}
    extra["scope"] = csp.scope(site_url)
    if templates is not None:  # without Zensical's own templates its inline scripts are unknown: no policy
        extra["csp"] = csp.site_policy(theme, extra, custom_dir, templates, inline_styles=True)
    out["extra"] = extra
    return out


def write_project(config_file: Path, out: Path, today: date, theme_templates: Path | None = None) -> Build:
    """Run the generator and write the Zensical project into `out`; on content errors write nothing.

    `theme_templates` is Zensical's templates folder, from which the pages' Content-Security-Policy is computed.
    """
    config = load_config(config_file)
    options = plugin_options(config)
    root = config_file.parent
    site_url = config.get("site_url")
    site_url = site_url.resolve() if isinstance(site_url, EnvTag) else site_url
    settings = Settings(today=today, max_age_days=options.max_age_days, site_url=str(site_url or ""))
    result = build(root / options.content, settings)
    if result.errors:
        return result
    out.mkdir(parents=True, exist_ok=True)
    write_tree(result.files, out / "docs", result.rasters)
    custom_dir = (config.get("theme") or {}).get("custom_dir")
    if custom_dir:
        overrides = out / "overrides"
        shutil.rmtree(overrides, ignore_errors=True)
        shutil.copytree(root / custom_dir, overrides)
        for name in MATERIAL_ONLY:
            (overrides / name).unlink(missing_ok=True)
    site_config = zensical_config(
        config,
        settings.site_url,
        root / custom_dir if custom_dir else None,
        theme_templates,
    )
    text = yaml.dump(site_config, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    header = f"# Written by `python -m generator zensical` from {config_file.name}: edit that instead.\n"
    (out / "mkdocs.yml").write_text(header + text, encoding="utf-8")
    return result
