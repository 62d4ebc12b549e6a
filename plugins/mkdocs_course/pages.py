"""Rendering a Course into pages: Markdown text at site-relative paths.

Nothing here knows about MkDocs (decision D2): the plugin hands these pages to
MkDocs as generated files, and `course export` writes the same pages to a
folder for any other engine. Links between pages are relative `.md` links,
which every Markdown site engine resolves.

Templates are looked up by name, first in the site's `custom_dir/course/`, then
in the package, so a site can override any one of them.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from . import model

TEMPLATE_OVERRIDE_DIR = "course"  # inside a theme's custom_dir


@dataclass(frozen=True)
class Page:
    """One generated page. `uri` is '/'-separated and relative to the site root."""

    uri: str
    title: str
    markdown: str


@dataclass(frozen=True)
class NavItem:
    title: str
    uri: str | None = None
    children: tuple[NavItem, ...] = ()


# --- where each page lives -------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """The page paths of a course. `prefix` puts every course page in a folder."""

    prefix: str = ""

    def _at(self, *parts: str) -> str:
        return posixpath.join(self.prefix, *parts) if self.prefix else posixpath.join(*parts)

    @property
    def home(self) -> str:
        return self._at("index.md")

    @property
    def summary(self) -> str:
        return self._at("summary.md")

    @property
    def routines(self) -> str:
        return self._at("routines", "index.md")

    @property
    def worksheets(self) -> str:
        return self._at("worksheets", "index.md")

    @property
    def facilitator(self) -> str:
        return self._at("facilitator", "index.md")

    def module(self, module: model.Module) -> str:
        return self._at(module.id, "index.md")

    def lesson(self, lesson: model.Lesson) -> str:
        return self._at(lesson.module_id, f"{lesson.id}.md")

    def routine(self, routine_id: str) -> str:
        return self._at("routines", f"{routine_id}.md")

    def worksheet(self, worksheet_id: str) -> str:
        return self._at("worksheets", f"{worksheet_id}.md")


def url_for(uri: str, *, directory_urls: bool = True) -> str:
    """The site-relative URL a page at `uri` is served from (as MkDocs does it)."""
    stem, _ = posixpath.splitext(uri)
    if not directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) == "index":
        parent = posixpath.dirname(stem)
        return parent + "/" if parent else ""
    return stem + "/"


# --- text in templates --------------------------------------------------------------------

_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_UNSAFE_LINK = re.compile(r"\]\(\s*(?:javascript|vbscript|data):", re.I)


def safe_markdown(text: str) -> Markup:
    """Author Markdown with raw HTML neutralised.

    Course text is Markdown, never HTML: a `<script>` or `<img onerror=...>` in a
    lesson must show as text, not run in a learner's browser where their private
    answers live. Code spans and fences are left alone because Markdown already
    shows their contents literally.
    """
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\0{len(kept) - 1}\0"

    text = _FENCE.sub(keep, text)
    text = _CODE_SPAN.sub(keep, text)
    text = _TAG_START.sub("&lt;", text)
    text = _UNSAFE_LINK.sub("](#unsafe-link-removed:", text)
    text = re.sub(r"\0(\d+)\0", lambda m: kept[int(m.group(1))], text)
    return Markup(text)


def plain_text(text: Any) -> Markup:
    """Plain text for HTML or Markdown: escaped, and no Markdown syntax at line start."""
    return escape(str(text))


# --- the renderer ---------------------------------------------------------------------------


class Renderer:
    """Renders every page of one course. Built once per build; templates compile once."""

    def __init__(self, course: model.Course, *, layout: Layout | None = None, overrides: Path | None = None):
        self.course = course
        self.layout = layout or Layout()
        loaders: list[jinja2.BaseLoader] = []
        if overrides is not None and (overrides / TEMPLATE_OVERRIDE_DIR).is_dir():
            loaders.append(jinja2.FileSystemLoader(overrides / TEMPLATE_OVERRIDE_DIR))
        loaders.append(jinja2.PackageLoader("mkdocs_course", "templates"))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=False,  # output is Markdown; every value goes through `text` or `md`
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(text=plain_text, md=safe_markdown, plural=lambda n, word: f"{n} {word}{'' if n == 1 else 's'}")
        self.env.globals.update(course=course, layout=self.layout)

    def pages(self) -> list[Page]:
        c, lay = self.course, self.layout
        out = [
            self._page(lay.home, c.title, "home.md.j2"),
            self._page(lay.summary, "Course summary", "summary.md.j2"),
            self._page(lay.routines, "Daily routines", "routines.md.j2"),
            self._page(lay.worksheets, "Worksheets", "worksheets.md.j2"),
            self._page(lay.facilitator, "Facilitator guide", "facilitator.md.j2"),
        ]
        for module in c.modules:
            out.append(self._page(lay.module(module), module.title, "module.md.j2", module=module))
            for lesson in module.lessons:
                out.append(
                    self._page(
                        lay.lesson(lesson),
                        lesson.title,
                        "lesson.md.j2",
                        lesson=lesson,
                        module=module,
                        routine=c.routine_by_id[lesson.data.routine],
                        previous=c.previous(lesson),
                        next=c.next(lesson),
                        coming_up=c.coming_up(lesson),
                        worksheets=[c.worksheet_by_id[w] for w in lesson.data.worksheets],
                    )
                )
        for routine in c.routines:
            out.append(self._page(lay.routine(routine.id), routine.title, "routine.md.j2", routine=routine, lessons=c.lessons_practising(routine.id)))
        for sheet in c.worksheets:
            out.append(self._page(lay.worksheet(sheet.id), sheet.title, "worksheet.md.j2", worksheet=sheet, lessons=c.lessons_using(sheet.id)))
        return out

    def _page(self, uri: str, title: str, template: str, **context: Any) -> Page:
        def link(target: str) -> str:
            return posixpath.relpath(target, posixpath.dirname(uri) or ".")

        text = self.env.get_template(template).render(page_uri=uri, link=link, **context)
        return Page(uri, title, text)

    def nav(self) -> list[NavItem]:
        c, lay = self.course, self.layout
        modules = [
            NavItem(
                f"{i}. {m.title}",
                children=(NavItem("Overview", lay.module(m)), *(NavItem(f"Day {lesson.day}: {lesson.title}", lay.lesson(lesson)) for lesson in m.lessons)),
            )
            for i, m in enumerate(c.modules, 1)
        ]
        return [
            NavItem("Home", lay.home),
            *modules,
            NavItem("Daily routines", children=(NavItem("All routines", lay.routines), *(NavItem(r.title, lay.routine(r.id)) for r in c.routines))),
            NavItem("Worksheets", children=(NavItem("All worksheets", lay.worksheets), *(NavItem(w.title, lay.worksheet(w.id)) for w in c.worksheets))),
            NavItem("Course summary", lay.summary),
            NavItem("Facilitator guide", lay.facilitator),
        ]


def render(course: model.Course, *, layout: Layout | None = None, overrides: Path | None = None) -> tuple[list[Page], list[NavItem]]:
    renderer = Renderer(course, layout=layout, overrides=overrides)
    return renderer.pages(), renderer.nav()


def nav_uris(items: Iterable[NavItem]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item.uri:
            out.append(item.uri)
        out.extend(nav_uris(item.children))
    return out
