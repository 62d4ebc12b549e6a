"""Another build of the same site inside a running one: a translation's (languages.py), a package's (packaging.py)."""

from __future__ import annotations

from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from .workers import PLAIN_BUILDS

PLUGIN = "course"


def fresh_config(**options: Any) -> MkDocsConfig:
    """mkdocs.yml loaded again, with `options` over it and plugin objects of its own.

    MkDocs keeps one object per plugin that has `on_startup` (ours, and others') across every
    config it loads, so that `mkdocs serve` rebuilds reuse them; a nested build must not
    share the running build's plugins, which are in the middle of their own build.
    """
    option = dict(MkDocsConfig._schema)["plugins"]
    kept = option.plugin_cache
    option.plugin_cache = {}
    try:
        return load_config(**options)
    finally:
        option.plugin_cache = kept


def course_plugin(config: MkDocsConfig, *, within: str | None) -> Any:
    """The course plugin of a nested build's config, to tell it what it builds.

    `within` is the running build's command: a nested build of `mkdocs build` builds its
    course pages ahead as that one does (workers.py); one of `mkdocs serve` does not.
    """
    plugin = config.plugins[PLUGIN]
    plugin.command = "nested" if within in PLAIN_BUILDS else None
    return plugin
