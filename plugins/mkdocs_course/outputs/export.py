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
from pathlib import Path
from typing import Any

import yaml
from markupsafe import escape

from .. import __version__, model
from ..render.pages import NavItem, Renderer
from ..render.urls import ASSET_DIR, Layout
from .site import DEFAULT_LOGO, FAVICON, site

EXPORT_MARKER = ".course-export.json"
DOCS_DIR = "docs"


class ExportError(Exception):
    """The folder cannot take an export (it holds files that are not an earlier export)."""


def files(course: model.Course, *, layout: Layout | None = None, overrides: Path | None = None, root: Path | None = None) -> dict[str, str | bytes]:
    """Every file of the export: path relative to the export folder -> content. `root`, the
    course's folder, dates the lesson feed's entries (feed.changed_at); without it they carry no history."""
    built = site(course, Renderer(course, layout=layout or Layout(), overrides=overrides), root=root)
    out: dict[str, str | bytes] = {f"{DOCS_DIR}/{page.uri}": page.markdown for page in built.pages}
    # The feeds' links are relative to each feed: an export knows no site_url.
    out.update({f"{DOCS_DIR}/{uri}": content for uri, content in built.files.items()})
    mkdocs_nav = [nav_entry(item) for item in built.nav]
    out["nav.yml"] = _yaml({"nav": mkdocs_nav}, "the navigation alone, as mkdocs.yml's `nav:`")
    out["SUMMARY.md"] = summary(built.nav)
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
            "extra_css": built.styles,
            "extra_javascript": built.scripts,
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
