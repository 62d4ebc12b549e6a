"""One `mkdocs serve` session: what the plugin keeps between rebuilds so an author's edit shows fast.

MkDocs keeps a plugin object alive across serve rebuilds when it defines
on_startup, and the plugin keeps one ServeSession from on_startup to
on_shutdown. The session holds:

- the validated YAML of files that did not change (loader.FileCache);
- the theme's compiled templates (MkDocs makes a new environment per rebuild);
- a folder outside the watched ones where course pages are written as files,
  rewritten only when their text changed: `mkdocs serve --dirty` then rebuilds
  only those pages (a page made with File.generated always counts as changed);
- the last good course and its pages, so a lesson edit under `--dirty`
  renders only the pages that edit can change (`kept_pages`).

It also keeps the last good site up when an edit breaks the course
(`keep_last_good`) and shows the problems on the page being previewed
(`show_problems`, assets/serve-problems.js), and polls the course folders faster than MkDocs polls
the rest (`watch_course_folders`). A plain `mkdocs build` has no session.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

from ..load.lint import course_files, lint_kept
from ..load.loader import FileCache, ParsedStore
from ..load.problems import Problem, as_json
from ..model import Course, Lesson
from ..render import printing
from ..render.pages import MemoryBytecodeCache, Page
from ..render.rawhtml import SetAside
from ..render.urls import ASSET_DIR, Layout

# How often `mkdocs serve` looks for changes in the course's folders. MkDocs
# polls what it watches every 0.5 s; an author waits on a lesson edit, and a
# poll of a few hundred YAML files costs about a millisecond.
COURSE_POLL_SECONDS = 0.1

# Under serve only: the script that shows the course's problems on the previewed page, and
# the list it reads, both in ASSET_DIR of the served site. A built site has neither.
PROBLEMS_SCRIPT = "serve-problems.js"
PROBLEMS_FILE = "serve-problems.json"


class ServeSession:
    def __init__(self, *, dirty: bool):
        self.dirty = dirty
        self.file_cache = FileCache()
        self.theme_code = MemoryBytecodeCache()
        self.page_dir = Path(tempfile.mkdtemp(prefix="mkdocs-course-pages-"))
        self.written: dict[str, tuple[SetAside, str]] = {}  # each page file as last written, and its Markdown
        self.course_failed = False  # the last rebuild stopped on course problems
        self._last: tuple[Course, list[Page], Any] | None = None  # the last good course, its pages, and how they were rendered
        self._file_warnings: dict[str, list[Problem]] | None = None  # lint of each file's own text, by course path (every file linted)

    def close(self) -> None:
        shutil.rmtree(self.page_dir, ignore_errors=True)

    # --- pages an edit cannot change ---------------------------------------------------

    def kept_pages(self, course: Course, *, root: Path, layout: Layout, render_key: Any) -> dict[str, Page] | None:
        """Under `--dirty`: the pages of the last build that this edit cannot change, by uri.

        A lesson page shows its own lesson, its neighbours' titles and teasers,
        and course-wide facts (titles, routines, worksheets, cohorts, day
        numbers) that only other files, or a new order of lessons, can change.
        So when nothing but lesson files was read again and the order is the
        same, the other lesson pages are still right and are not rendered again.
        Routine, worksheet and workbook pages show lessons only by title,
        routine and worksheets, so they stand too while an edit leaves those
        alone. Like MkDocs' own dirty builds this trades a full check for
        speed; plain `mkdocs serve` and `mkdocs build` render every page.
        """
        if not self.dirty or self._last is None or self._last[2] != render_key:
            return None
        last, pages, _ = self._last
        lessons = {lesson.source: lesson for lesson in course.lessons}
        fresh = {p.relative_to(root).as_posix() for p in self.file_cache.fresh}
        if not fresh <= lessons.keys() or [(x.id, x.source) for x in course.lessons] != [(x.id, x.source) for x in last.lessons]:
            return None
        edited = [lessons[source] for source in fresh]
        stale = {x.id for lesson in edited for x in (lesson, course.previous(lesson), course.next(lesson)) if x is not None}
        built = {page.uri: page for page in pages}
        keep = {uri: built[uri] for lesson in course.lessons if lesson.id not in stale and (uri := layout.lesson(lesson)) in built}
        before = {lesson.source: lesson for lesson in last.lessons}
        if all(_listed_as(lessons[source]) == _listed_as(before[source]) for source in fresh):
            others = [layout.routine(r.id) for r in course.routines] + [layout.worksheet(w.id) for w in course.worksheets]
            others += [layout.workbook(pack) for pack in printing.packs(course)]
            keep.update({uri: built[uri] for uri in others if uri in built})
        return keep

    def built(self, course: Course, pages: list[Page], render_key: Any) -> None:
        """A rebuild rendered `pages`: the next one compares with these."""
        self._last = (course, pages, render_key)
        self.file_cache.fresh.clear()  # only now: after a failed build, its edits still count as new

    # --- warnings ----------------------------------------------------------------------------------

    def warnings(self, course: Course, root: Path, examples: Any, parsed: ParsedStore | None = None) -> list[Problem]:
        """The course's lint warnings, as `course validate` gives them, for each rebuild.

        The rules that read a file's own text run again only on the files this rebuild read
        again (the file cache's `fresh`); what they found in the others is kept. At 365 lessons
        the whole lint takes about a quarter of a second, most of a quick preview's budget.
        """
        fresh = {p.relative_to(root).as_posix() for p in self.file_cache.fresh}
        sources = set(course_files(course))
        kept = {source: found for source, found in (self._file_warnings or {}).items() if source in sources and source not in fresh}
        warnings, found = lint_kept(course, root, examples, kept, parsed)
        self._file_warnings = {**kept, **found}
        return warnings

    # --- page files ----------------------------------------------------------------------------

    def page_file(self, page: Page, aside: SetAside, config: MkDocsConfig) -> File:
        """The page as a file in the session's folder, written only when its text changed."""
        path = self.page_dir / page.uri
        last = self.written.get(page.uri)
        if last is None or last[1] != page.markdown or not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(aside.markdown, encoding="utf-8")
            self.written[page.uri] = (aside, page.markdown)
        return File(page.uri, src_dir=os.fspath(self.page_dir), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)

    def set_aside(self, page: Page) -> SetAside | None:
        """The page's HTML blocks as set aside at the last rebuild, if its text is the same."""
        last = self.written.get(page.uri)
        return last[0] if last is not None and last[1] == page.markdown else None

    # --- the server ------------------------------------------------------------------------------

    def show_problems(self, site_dir: str | os.PathLike[str], problems: Iterable[Problem]) -> None:
        """Write the problems of this rebuild (none after a good one) where the pages' script reads them.

        A failed rebuild stops before site_dir is touched, so the last good pages, which load
        the script, are what the browser reloads; the file is all that changes.
        """
        path = Path(site_dir) / ASSET_DIR / PROBLEMS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps([as_json(p) for p in problems], ensure_ascii=False), encoding="utf-8")

    def watch_course_folders(self, server: Any, folders: Iterable[Path]) -> None:
        """Have `server` watch `folders`, polled every COURSE_POLL_SECONDS.

        Watchdog gives each watched folder the observer's interval as the
        folder is scheduled, so the interval is lowered just for these.
        """
        observer = getattr(server, "observer", None)
        interval = getattr(observer, "_timeout", None)
        faster = isinstance(interval, (int, float))
        if faster:
            observer._timeout = min(interval, COURSE_POLL_SECONDS)  # type: ignore[union-attr]
        try:
            for folder in folders:
                server.watch(os.fspath(folder))
        finally:
            if faster:
                observer._timeout = interval  # type: ignore[union-attr]

    def keep_last_good(self, rebuild: Callable[..., None]) -> Callable[..., None]:
        """The serve rebuild, made to keep serving the last good site when the course has problems.

        MkDocs 1.6 logs the PluginError, raises Abort, and then holds every page
        request until a rebuild succeeds: the browser hangs ("the server will
        appear stuck"). A course problem stops the build in on_config, before
        site_dir is cleaned, so the last good build is intact; ending that one
        failed rebuild quietly lets MkDocs serve it (and reload browsers) again.
        Any other failure keeps MkDocs' own behaviour.
        """

        def build(*args: Any, **kwargs: Any) -> None:
            self.course_failed = False
            try:
                rebuild(*args, **kwargs)
            except Abort:
                if not self.course_failed:
                    raise

        return build


def _listed_as(lesson: Lesson) -> tuple[Any, ...]:
    """What routine, worksheet and workbook pages show of a lesson."""
    return (lesson.title, lesson.data.routine, tuple(lesson.data.worksheets))
