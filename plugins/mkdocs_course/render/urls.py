"""Where each page and file of a course lives in a site, and the links between them.

The one URL scheme of the course: the plugin, `course export`, the manifest and the
browser's track data all take paths from `Layout` and links from `url_for` and
`relative_url`, so a page never moves in one place and not another.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

from .. import model
from ..model.cohort import Cohort
from . import printing

ASSET_DIR = "assets/mkdocs-course"  # the package's browser assets in a site, beside the theme's own


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

    def figure(self, name: str) -> str:
        """A picture a lesson shows (course/figures/): a file of the site, not a page."""
        return self._at("figures", name)

    # Printable workbooks (print packs, `printing.py`): pages, and a PDF of each beside them.

    @property
    def workbooks(self) -> str:
        return self._at("workbooks", "index.md")

    def workbook(self, pack: printing.Pack) -> str:
        return self._at("workbooks", f"{pack.id}.md")

    def workbook_pdf(self, pack: printing.Pack, course: model.Course) -> str:
        return self._at("workbooks", pack.pdf_name(course))

    # Cohorts: learner pages under cohorts/, facilitator pages under facilitator/.

    @property
    def cohorts(self) -> str:
        return self._at("cohorts", "index.md")

    def cohort_schedule(self, cohort: Cohort) -> str:
        return self._at("cohorts", f"{cohort.id}.md")

    def cohort_calendar(self, cohort: Cohort) -> str:
        """The cohort's iCalendar feed: a file, not a page (served at this path as is)."""
        return self._at("cohorts", f"{cohort.id}.ics")

    def cohort_guide(self, cohort: Cohort) -> str:
        return self._at("facilitator", cohort.id, "index.md")

    def cohort_session(self, cohort: Cohort, session_id: str) -> str:
        """A session's run sheet to adapt and print, with who came (session_sheets.py)."""
        return self._at("facilitator", cohort.id, "sessions", f"{session_id}.md")

    def cohort_pack(self, cohort: Cohort) -> str:
        return self._at("facilitator", cohort.id, "pack.md")

    def cohort_pack_pdf(self, cohort: Cohort) -> str:
        """The printable pack as a PDF (made only with the plugin's `pdf` option)."""
        return self._at("facilitator", cohort.id, f"{cohort.id}-pack.pdf")

    # The learner's daily track (track.py, assets/track.js), and the Atom feed of lessons.

    @property
    def today(self) -> str:
        return self._at("today.md")

    @property
    def progress(self) -> str:
        return self._at("progress.md")

    @property
    def journal(self) -> str:
        return self._at("journal.md")

    @property
    def certificate(self) -> str:
        return self._at("certificate.md")

    @property
    def about(self) -> str:
        return self._at("about.md")

    @property
    def feed(self) -> str:
        """The Atom feed of the daily lessons: a file, served at this path as is."""
        return self._at("feed.xml")


def url_for(uri: str, *, directory_urls: bool = True) -> str:
    """The site-relative URL a page at `uri` is served from (as MkDocs does it)."""
    stem, ext = posixpath.splitext(uri)
    if ext != ".md":
        return uri  # a file such as a calendar feed is served at its own path
    if not directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) == "index":
        parent = posixpath.dirname(stem)
        return parent + "/" if parent else ""
    return stem + "/"


def relative_path(target: str, start: str) -> str:
    """`posixpath.relpath` for normalised '/'-separated site paths.

    The standard one makes both paths absolute against the process's working
    folder first; a build asks for thousands of links, so this skips that.
    """
    to = [p for p in target.split("/") if p and p != "."]
    base = [p for p in start.split("/") if p and p != "."]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


@functools.lru_cache(maxsize=65536)  # pages link to the same few pages thousands of times in a build
def relative_url(target: str, *, page: str, directory_urls: bool = True) -> str:
    """A link from the page at `page` to `target` (page or file uris) for raw HTML.

    Markdown links to `.md` files are rewritten by the site engine, but links
    inside raw HTML are not, so those need the served URL, relative to the page's.
    """
    here = url_for(page, directory_urls=directory_urls)
    there = url_for(target, directory_urls=directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here)
    rel = relative_path(there or ".", base or ".")
    if there.endswith("/") or not there:
        rel = "./" if rel == "." else rel + "/"
    return rel
