"""The MkDocs adapter: a thin layer over the loader, the renderer and the manifest.

Everything that can fail on an author's input happens in `on_config`, which
MkDocs runs before it cleans `site_dir`: a broken course stops the build with
every problem listed and leaves the previous site untouched. Later events only
hand over what was already made.
"""

from __future__ import annotations

import logging
import os
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from . import manifest
from .config import CourseConfig
from .loader import WATCHED_DIRS, CourseError, load_course
from .model import Course
from .pages import Layout, NavItem, Page, Renderer

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

ASSETS = ("course.css", "course.js")
ASSET_DIR = "assets/mkdocs-course"


class CoursePlugin(BasePlugin[CourseConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.course: Course | None = None
        self.layout = Layout()
        self.pages: list[Page] = []
        self.nav: list[NavItem] = []
        self.root = Path()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this object alive across `mkdocs serve`
        # rebuilds; nothing else is needed here yet.
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.root = Path(self.config.course_dir).resolve() if self.config.course_dir else config_dir
        self.layout = Layout(self.config.prefix.strip("/"))
        try:
            self.course = load_course(self.root)
        except CourseError as exc:
            raise PluginError(f"The course in {self.root} has problems; nothing was built.\n{exc.report()}") from None
        overrides = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        renderer = Renderer(self.course, layout=self.layout, overrides=overrides)
        self.pages = renderer.pages()
        self.nav = renderer.nav()
        for asset in ASSETS:
            url = f"{ASSET_DIR}/{asset}"
            target = config.extra_css if asset.endswith(".css") else config.extra_javascript
            if url not in [str(x) for x in target]:
                target.append(url)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        clashes = [page.uri for page in self.pages if files.get_file_from_path(page.uri) is not None]
        if clashes:
            raise PluginError(
                "These files in docs_dir have the same path as course pages: "
                + ", ".join(clashes)
                + ". Rename them, or set the plugin's `prefix` option to put the course in a folder."
            )
        authors_pages = sorted(f.src_uri for f in files.documentation_pages())
        for page in self.pages:
            files.append(File.generated(config, page.uri, content=page.markdown))
        package_assets = resources.files("mkdocs_course") / "assets"
        for asset in ASSETS:
            files.append(File.generated(config, f"{ASSET_DIR}/{asset}", content=(package_assets / asset).read_bytes(), inclusion=InclusionLevel.NOT_IN_NAV))
        if self.config.nav and not config.nav:
            config.nav = [_nav_entry(item) for item in self.nav] + _authors_nav(authors_pages)
        return files

    @event_priority(-50)  # after other plugins wrote their files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.course is not None
        data = manifest.manifest(self.course, self.layout, directory_urls=config.use_directory_urls)
        path = Path(config.site_dir) / self.layout.prefix / manifest.MANIFEST_NAME
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(manifest.dumps(data), encoding="utf-8")

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        for name in WATCHED_DIRS:
            folder = self.root / name
            if folder.is_dir():
                server.watch(os.fspath(folder))
        return server


def _nav_entry(item: NavItem) -> Any:
    # Nav titles come from the author's YAML and MkDocs' theme environment does
    # not autoescape, so they are escaped here. Escaping alone is not enough:
    # Material's <title> runs them through `striptags`, which unescapes
    # `&lt;/title&gt;` back into markup. Angle brackets become look-alikes.
    title = str(escape(item.title.replace("<", "\u2039").replace(">", "\u203a")))
    if item.children:
        return {title: [_nav_entry(child) for child in item.children]}
    return {title: item.uri}


def _authors_nav(uris: list[str]) -> list[Any]:
    """The site's own pages after the course: top-level ones, then one section per folder."""
    top = [u for u in uris if "/" not in u]
    folders: dict[str, list[str]] = {}
    for uri in uris:
        if "/" in uri:
            folders.setdefault(uri.split("/", 1)[0], []).append(uri)
    sections = [{name.replace("-", " ").replace("_", " ").capitalize(): pages} for name, pages in folders.items()]
    return [*top, *sections]
