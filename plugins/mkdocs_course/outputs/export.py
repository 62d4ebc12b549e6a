"""`course export DIR`: the course as plain Markdown, for any site engine (decision D2).

The pages are the ones the plugin hands to MkDocs, rendered by the same
`Renderer`; next to them go the browser assets, `course.json` and the JSON
Schemas. Three descriptions of the navigation come along, so the folder builds
as it is or moves elsewhere with little work:

- `mkdocs.yml`: a complete MkDocs configuration with no course plugin. MkDocs,
  ProperDocs and Zensical (which reads mkdocs.yml) build the folder directly.
- `nav.yml`: the same navigation alone, in MkDocs' `nav:` form.
- `SUMMARY.md`: the navigation as a nested Markdown list of links, the form
  mkdocs-literate-nav, mdBook and GitBook read.

A folder is only written if it is empty or holds an earlier export (it has
`EXPORT_MARKER`, which lists every file written), so an export never deletes an
author's own files; the earlier export's files are removed first, so pages of
deleted lessons do not linger.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from markupsafe import escape

from .. import __version__, model
from . import feed, ical, manifest
from ..render import printing, track
from ..model import schema
from ..render.urls import ASSET_DIR, Layout, relative_url
from ..render.pages import NavItem, Renderer

EXPORT_MARKER = ".course-export.json"
DOCS_DIR = "docs"
# The browser assets every page loads, in order (later CSS wins; the track's data before
# the scripts, which read it), in ASSET_DIR of the site. The plugin serves the same list.
ASSETS = ("course.css", "cohort.css", printing.PRINT_CSS, track.DATA_SCRIPT, "course.js", "cohort.js", "track.js")
# Of those, the ones made with each build from the course (`generated_assets`); the rest ship in the package.
GENERATED_ASSETS = (track.DATA_SCRIPT, printing.PRINT_CSS)
PACKAGE_ASSETS = tuple(a for a in ASSETS if a not in GENERATED_ASSETS)
# A course's look unless a site sets its own: an icon of Material's in the header, and our favicon.
DEFAULT_LOGO = "material/school-outline"
FAVICON = "favicon.svg"
# Assets only some pages load, with their own tag: the views of the track (track_macros.md.j2) and the favicon.
PAGE_ASSETS = ("track-views.js", "favicon.svg")


def generated_assets(renderer: Renderer) -> dict[str, str]:
    """The assets made from the course, by name: the print stylesheet and the track's data."""
    return {printing.PRINT_CSS: printing.print_css(renderer.course), track.DATA_SCRIPT: renderer.track_script()}


class ExportError(Exception):
    """The folder cannot take an export (it holds files that are not an earlier export)."""


def files(course: model.Course, *, layout: Layout | None = None, overrides: Path | None = None, root: Path | None = None) -> dict[str, str | bytes]:
    """Every file of the export: path relative to the export folder -> content. `root`, the
    course's folder, dates the lesson feed's entries (feed.changed_at); without it they carry no history."""
    layout = layout or Layout()
    renderer = Renderer(course, layout=layout, overrides=overrides)
    nav = renderer.nav()
    out: dict[str, str | bytes] = {}
    for page in renderer.pages():
        out[f"{DOCS_DIR}/{page.uri}"] = page.markdown
    for name in PACKAGE_ASSETS + PAGE_ASSETS:
        out[f"{DOCS_DIR}/{ASSET_DIR}/{name}"] = (resources.files("mkdocs_course") / "assets" / name).read_bytes()
    for name, text in generated_assets(renderer).items():
        out[f"{DOCS_DIR}/{ASSET_DIR}/{name}"] = text
    styles = [f"{ASSET_DIR}/{a}" for a in ASSETS if a.endswith(".css")]
    scripts = [f"{ASSET_DIR}/{a}" for a in ASSETS if a.endswith(".js")]
    for cohort in course.cohorts:
        out[f"{DOCS_DIR}/{layout.cohort_calendar(cohort)}"] = ical.feed(course, cohort, layout=layout)
    prefix = f"{layout.prefix}/" if layout.prefix else ""
    # The lesson feed, with links relative to itself (an export knows no site_url).
    out[f"{DOCS_DIR}/{layout.feed}"] = feed.atom_feed(
        course, url=lambda uri: relative_url(uri, page=layout.feed), lesson_uri=layout.lesson, home_uri=layout.home, feed_uri=layout.feed, updated=feed.changed_at(root, [lesson.source for lesson in course.lessons]) if root else {}
    )
    out[f"{DOCS_DIR}/{prefix}{manifest.MANIFEST_NAME}"] = manifest.dumps(manifest.manifest(course, layout))
    for name, text in schema.schemas().items():
        out[f"{DOCS_DIR}/{prefix}{schema.SCHEMA_DIR}/{name}"] = text
    mkdocs_nav = [nav_entry(item) for item in nav]
    out["nav.yml"] = _yaml({"nav": mkdocs_nav}, "the navigation alone, as mkdocs.yml's `nav:`")
    out["SUMMARY.md"] = summary(nav)
    out["mkdocs.yml"] = _yaml(
        {
            "site_name": course.title,
            "docs_dir": DOCS_DIR,
            "theme": {
                "name": "material", "language": course.data.language, "font": False, "features": ["navigation.indexes", "navigation.prune"],
                "icon": {"logo": DEFAULT_LOGO}, "favicon": f"{ASSET_DIR}/{FAVICON}",
            },
            "plugins": ["search"],
            "extra": {"generator": False},
            "extra_css": styles,
            "extra_javascript": scripts,
            "nav": mkdocs_nav,
        },
        "build it with: mkdocs build -f mkdocs.yml (no course plugin needed)",
    )
    return out


def write(course: model.Course, out: Path, *, layout: Layout | None = None, overrides: Path | None = None, root: Path | None = None) -> list[str]:
    """Write the export into `out`; returns the paths written, relative to `out`."""
    content = files(course, layout=layout, overrides=overrides, root=root)
    _clear(out)
    for rel, data in content.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", newline="\n")
    written = sorted(content)
    marker = {"generator": f"mkdocs-course {__version__}", "course": course.id, "files": written}
    (out / EXPORT_MARKER).write_text(json.dumps(marker, indent=1) + "\n", encoding="utf-8")
    return written


def _clear(out: Path) -> None:
    if not out.exists():
        return
    if not out.is_dir():
        raise ExportError(f"{out} is a file, not a folder")
    entries = list(out.iterdir())
    if not entries:
        return
    marker = out / EXPORT_MARKER
    if not marker.is_file():
        raise ExportError(f"{out} is not empty and holds no earlier export; choose an empty or new folder")
    try:
        listed = json.loads(marker.read_text(encoding="utf-8"))["files"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ExportError(f"{marker} is damaged ({exc}); delete the folder and export again") from None
    for rel in listed:
        path = (out / rel).resolve()
        if out.resolve() in path.parents and path.is_file():
            path.unlink()
    for folder in sorted((p for p in out.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def nav_title(title: str) -> str:
    """A navigation title safe to put in a theme that does not escape it.

    The same rule as the plugin's navigation: escape, and swap angle brackets
    for look-alikes because Material's `<title>` unescapes through `striptags`.
    """
    return str(escape(title.replace("<", "\u2039").replace(">", "\u203a")))


def nav_entry(item: NavItem) -> Any:
    """One item of the nav as mkdocs.yml writes it; an untitled page is its bare path, so the engine uses the page's own title."""
    if item.children:
        return {nav_title(item.title): [nav_entry(child) for child in item.children]}
    return {nav_title(item.title): item.uri} if item.titled else item.uri


def summary(nav: list[NavItem]) -> str:
    """The navigation as a nested Markdown list; links are relative to `docs/`."""
    lines = ["# Summary", ""]

    def walk(items: tuple[NavItem, ...] | list[NavItem], depth: int) -> None:
        for item in items:
            label = nav_title(item.title).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
            label = re.sub(r"^(\d+)\.", r"\1\\.", label)  # `1. Basics` would start a numbered list
            pad = "    " * depth
            lines.append(f"{pad}- [{label}]({item.uri})" if item.uri else f"{pad}- {label}")
            walk(item.children, depth + 1)

    walk(nav, 0)
    return "\n".join(lines) + "\n"


def _yaml(data: dict[str, Any], about: str) -> str:
    return f"# Written by `course export`: {about}.\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
