"""The MkDocs adapter: a thin layer over the loader, the renderer and the manifest.

Everything that can fail on an author's input happens in `on_config`, which
MkDocs runs before it cleans `site_dir`: a broken course stops the build with
every problem listed and leaves the previous site untouched. Later events only
hand over what was already made.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, get_files

from . import feed, guide, ical, manifest, pdf, printing, rawhtml, schema, search
from .config import CourseConfig
from .export import ASSET_DIR, ASSETS, PAGE_ASSETS  # shared with `course export`: same assets, same order
from .loader import WATCHED_DIRS, CourseError, FileCache, load_course
from .model import Course
from .pages import TEMPLATE_OVERRIDE_DIR, Layout, MemoryBytecodeCache, NavItem, Page, Renderer, relative_url, url_for

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

# From this many lessons on, Material renders only the open branch of the nav
# (`navigation.prune`): the full nav in every page makes a build quadratic.
LONG_COURSE = 60
# How often `mkdocs serve` looks for changes in the course's folders (see on_serve).
COURSE_POLL_SECONDS = 0.1
# Small fixes to Material's own templates, shipped with the plugin (see `_theme_fixes`).
THEME_FIXES = "theme"


class CoursePlugin(BasePlugin[CourseConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.course: Course | None = None
        self.layout = Layout()
        self.pages: list[Page] = []
        self.nav: list[NavItem] = []
        self.feeds: dict[str, bytes] = {}  # cohort calendar files by site path
        self.lesson_feed = ""  # the Atom feed of the daily lessons (feed.xml)
        self.root = Path()
        self.pdf_browser: str | None = None  # set when this build makes workbook PDFs
        self.file_cache: FileCache | None = None  # validated YAML kept between `mkdocs serve` rebuilds
        self.page_dir: Path | None = None  # where `mkdocs serve` keeps the generated pages
        self.theme_code: MemoryBytecodeCache | None = None  # the theme's compiled templates, kept between rebuilds
        self.course_failed = False  # the last on_config stopped on course problems
        self.html_blocks: dict[str, rawhtml.SetAside] = {}  # by page uri: our HTML, kept out of MkDocs' Markdown
        self.written: dict[str, tuple[rawhtml.SetAside, str]] = {}  # under serve: each page file as last written, and its Markdown
        self.search_entries: list[dict[str, Any]] | None = None  # the theme's search index, which we fill for course pages

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this object alive across `mkdocs serve`
        # rebuilds, so a rebuild re-reads only the YAML files that changed, and
        # pages go to a folder outside the watched ones, rewritten only when
        # their text changed: `mkdocs serve --dirty` then rebuilds just those
        # (a page made with File.generated always counts as changed).
        self.command = command
        self.dirty = dirty
        if command == "serve":
            self.file_cache = FileCache()
            self.page_dir = Path(tempfile.mkdtemp(prefix="mkdocs-course-pages-"))
            self.theme_code = MemoryBytecodeCache()

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # MkDocs makes a new theme environment for every rebuild; keep its compiled templates.
        if self.theme_code is not None and env.bytecode_cache is None:
            env.bytecode_cache = self.theme_code
        return env

    def on_shutdown(self) -> None:
        if self.page_dir is not None:
            shutil.rmtree(self.page_dir, ignore_errors=True)
        # MkDocs may hand this same object to a later build in the same process.
        self.command, self.file_cache, self.page_dir, self.theme_code = None, None, None, None
        self.written = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.root = Path(self.config.course_dir).resolve() if self.config.course_dir else config_dir
        self.layout = Layout(self.config.prefix.strip("/"))
        last_course, last_pages, last_key = self.course, self.pages, getattr(self, "render_key", None)
        try:
            self.course = load_course(self.root, cache=self.file_cache)
        except CourseError as exc:
            # on_config runs before site_dir is cleaned, so the last good build is
            # still there; under `mkdocs serve` it stays up (see `_keep_last_good`).
            self.course_failed = True
            still = "\nThe last good version of the site is still being served; save a fix to rebuild." if getattr(self, "command", None) == "serve" else ""
            raise PluginError(f"The course in {self.root} has problems; nothing was built.\n{exc.report()}{still}") from None
        self._long_course(config)
        self._theme_fixes(config)
        overrides = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        self.pdf_browser = self._pdf_browser()
        renderer = Renderer(self.course, layout=self.layout, overrides=overrides, directory_urls=config.use_directory_urls, pdf=self.config.pdf_paper if self.pdf_browser else None)
        self.render_key = (self.root, self.layout, config.use_directory_urls, self.config.pdf_paper if self.pdf_browser else None, _templates_stamp(overrides))
        keep = self._unchanged_lesson_pages(last_course, last_pages) if self.render_key == last_key else None
        self.pages = renderer.pages(keep=keep)
        if self.file_cache is not None:
            self.file_cache.fresh.clear()  # only now: after a failed build, its edits still count as new
        self.nav = renderer.nav()
        self._refuse_clashes(config)
        # One iCalendar feed per cohort, beside its schedule page.
        self.feeds = {
            self.layout.cohort_calendar(cohort): ical.feed(self.course, cohort, layout=self.layout, site_url=config.site_url, directory_urls=config.use_directory_urls)
            for cohort in self.course.cohorts
        }
        self._make_lesson_feed(config)
        for asset in ASSETS:
            url = f"{ASSET_DIR}/{asset}"
            target = config.extra_css if asset.endswith(".css") else config.extra_javascript
            if url not in [str(x) for x in target]:
                target.append(url)
        if f"{ASSET_DIR}/{printing.PRINT_CSS}" not in [str(x) for x in config.extra_css]:
            config.extra_css.append(f"{ASSET_DIR}/{printing.PRINT_CSS}")
        return config

    def _make_lesson_feed(self, config: MkDocsConfig) -> None:
        assert self.course is not None
        lay = self.layout
        site_url = (config.site_url or "").rstrip("/")

        def url(uri: str) -> str:
            # Readers need absolute links; without a site_url they resolve these against the feed's own address.
            if site_url:
                return f"{site_url}/{url_for(uri, directory_urls=config.use_directory_urls)}"
            return relative_url(uri, page=lay.feed, directory_urls=config.use_directory_urls)

        sources = [p for name in WATCHED_DIRS if (self.root / name).is_dir() for p in (self.root / name).rglob("*.yml")]
        self.lesson_feed = feed.atom_feed(self.course, url=url, lesson_uri=lay.lesson, home_uri=lay.home, feed_uri=lay.feed, updated=feed.updated_at(sources))

    def _unchanged_lesson_pages(self, last: Course | None, pages: list[Page]) -> dict[str, Page] | None:
        """Under `mkdocs serve --dirty`: the lesson pages of the last build that this edit cannot change.

        A lesson page shows its own lesson, its neighbours' titles and teasers,
        and course-wide facts (titles, routines, worksheets, cohorts, day
        numbers) that only other files, or a new order of lessons, can change.
        So when nothing but lesson files was read again and the order is the
        same, the other lesson pages are still right and are not rendered again.
        Like MkDocs' own dirty builds this trades a full check for speed; plain
        `mkdocs serve` and `mkdocs build` render every page.
        """
        if self.file_cache is None or not getattr(self, "dirty", False) or last is None or self.course is None:
            return None
        lessons = {lesson.source: lesson for lesson in self.course.lessons}
        fresh = {p.relative_to(self.root).as_posix() for p in self.file_cache.fresh}
        order = [(lesson.id, lesson.source) for lesson in self.course.lessons]
        if not fresh <= lessons.keys() or order != [(lesson.id, lesson.source) for lesson in last.lessons]:
            return None
        edited = [lessons[source] for source in fresh]
        stale = {x.id for lesson in edited for x in (lesson, self.course.previous(lesson), self.course.next(lesson)) if x is not None}
        built = {page.uri: page for page in pages}
        keep = {uri: built[uri] for lesson in self.course.lessons if lesson.id not in stale and (uri := self.layout.lesson(lesson)) in built}
        # Routine, worksheet and workbook pages show lessons only by title, day,
        # routine and worksheets: while an edit leaves those alone, they stand too.
        before = {lesson.source: lesson for lesson in last.lessons}
        if all(_listed_as(lessons[source]) == _listed_as(before[source]) for source in fresh):
            lay = self.layout
            others = [lay.routine(r.id) for r in self.course.routines] + [lay.worksheet(w.id) for w in self.course.worksheets]
            others += [lay.workbook(pack) for pack in printing.packs(self.course)]
            keep.update({uri: built[uri] for uri in others if uri in built})
        return keep

    def _long_course(self, config: MkDocsConfig) -> None:
        """A long course: Material renders only the open branch of the nav, and `mkdocs serve` users hear of `--dirty`."""
        assert self.course is not None
        if len(self.course.lessons) < LONG_COURSE:
            return
        if getattr(self, "command", None) == "serve" and not getattr(self, "dirty", True) and not getattr(self, "hinted", False):
            self.hinted = True
            log.info("A long course is rebuilt in full after every edit; `mkdocs serve --dirty` rebuilds only the pages the edit changed.")
        theme = config.theme
        features = list(theme["features"]) if "features" in theme else []
        if theme.name != "material" or {"navigation.prune", "navigation.expand"} & set(features):
            return
        theme["features"] = [*features, "navigation.prune"]
        if getattr(self, "told_prune", False):
            return  # said once is enough under `mkdocs serve`
        self.told_prune = True
        log.info(f"The course has {len(self.course.lessons)} lessons: turned on Material's `navigation.prune` so each page carries only its open branch of the nav.")

    def _theme_fixes(self, config: MkDocsConfig) -> None:
        """Put the package's fixes to Material's partials (`theme/partials/`) in the theme's template path.

        They go after the site's own custom_dir, so a site that overrides the same
        partial keeps its own. Each file says what it fixes (accessibility, valid HTML).
        """
        if config.theme.name != "material":
            return
        fixes = os.fspath(resources.files("mkdocs_course") / THEME_FIXES)
        if fixes in config.theme.dirs:
            return
        custom = os.path.abspath(config.theme.custom_dir) if config.theme.custom_dir else None
        at = 1 if custom and config.theme.dirs and os.path.abspath(config.theme.dirs[0]) == custom else 0
        config.theme.dirs.insert(at, fixes)

    def _pdf_browser(self) -> str | None:
        """The browser that prints workbook PDFs in this build, or None: checked before anything is built."""
        if not self.config.pdf:
            return None
        if getattr(self, "command", "build") == "serve":
            log.info("Workbook PDFs are not made under `mkdocs serve`; `mkdocs build` makes them.")
            return None
        try:
            return pdf.check_ready(self.config.pdf_browser)
        except pdf.PdfError as exc:
            raise PluginError(str(exc)) from None

    def _refuse_clashes(self, config: MkDocsConfig) -> None:
        """Stop if a page of the site's own has the URL of a course page.

        Checked here rather than in on_files because MkDocs cleans site_dir in
        between: failing later would leave no site at all.
        """
        taken = {url_for(page.uri, directory_urls=config.use_directory_urls): page.uri for page in self.pages}
        clashes = [
            f"{f.src_uri} (URL /{f.url} is the course page {taken[f.url]})"
            for f in get_files(config).documentation_pages()
            if f.url in taken
        ]
        if clashes:
            raise PluginError(
                "These pages in docs_dir have the same URL as course pages: "
                + ", ".join(clashes)
                + ". Rename or move them, or set the plugin's `prefix` option to put the course in a folder."
            )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        authors_pages = sorted(f.src_uri for f in files.documentation_pages())
        self.html_blocks = {}
        self.search_entries = _material_search_entries(config)
        for page in self.pages:
            files.append(self._page_file(page, config))
        package_assets = resources.files("mkdocs_course") / "assets"
        for asset in ASSETS + PAGE_ASSETS:
            files.append(File.generated(config, f"{ASSET_DIR}/{asset}", content=(package_assets / asset).read_bytes(), inclusion=InclusionLevel.NOT_IN_NAV))
        assert self.course is not None
        for uri, calendar in self.feeds.items():
            files.append(File.generated(config, uri, content=calendar, inclusion=InclusionLevel.NOT_IN_NAV))
        files.append(File.generated(config, self.layout.feed, content=self.lesson_feed, inclusion=InclusionLevel.NOT_IN_NAV))
        files.append(File.generated(config, f"{ASSET_DIR}/{printing.PRINT_CSS}", content=printing.print_css(self.course), inclusion=InclusionLevel.NOT_IN_NAV))
        # The JSON Schemas, published so editors can fetch them from the site too.
        for name, text in schema.schemas().items():
            uri = "/".join(p for p in (self.layout.prefix, schema.SCHEMA_DIR, name) if p)
            files.append(File.generated(config, uri, content=text, inclusion=InclusionLevel.NOT_IN_NAV))
        if self.config.nav and not config.nav:
            config.nav = [_nav_entry(item) for item in self.nav] + _authors_nav(authors_pages)
        return files

    def _page_file(self, page: Page, config: MkDocsConfig) -> File:
        # Our HTML blocks skip MkDocs' Markdown and come back in on_page_content (rawhtml.py says why).
        last = self.written.get(page.uri)
        aside = self.html_blocks[page.uri] = last[0] if last is not None and last[1] == page.markdown else rawhtml.set_aside(page.markdown)
        if self.page_dir is None:
            return File.generated(config, page.uri, content=aside.markdown)
        path = self.page_dir / page.uri
        if last is None or last[1] != page.markdown or not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(aside.markdown, encoding="utf-8")
            self.written[page.uri] = (aside, page.markdown)
        return File(page.uri, src_dir=os.fspath(self.page_dir), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)

    def on_page_markdown(self, markdown: str, *, page: Any, **kwargs: Any) -> str:
        if self.search_entries is not None and page.file.src_uri in self.html_blocks:
            # Course pages are indexed by search.py in on_page_context, not by Material's HTML parser.
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        # Author-guide pages hold markers for text generated from the model (guide.py).
        return guide.expand(markdown)

    def on_page_context(self, context: Any, *, page: Any, **kwargs: Any) -> Any:
        if self.search_entries is not None and page.file.src_uri in self.html_blocks:
            for entry in search.entries(page.content or "", page_title=page.title or ""):
                location = f"{page.url}#{entry.anchor}" if entry.anchor else page.url
                self.search_entries.append({"location": location, "title": entry.title, "text": entry.text})
        return context

    def on_page_content(self, html: str, *, page: Any, **kwargs: Any) -> str:
        aside = self.html_blocks.get(page.file.src_uri)
        return aside.restore(html) if aside is not None else html

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        # Feed readers and browsers discover the lesson feed from any page's <head>.
        assert self.course is not None
        href = relative_url(self.layout.feed, page=page.file.src_uri, directory_urls=config.use_directory_urls)
        link = f'<link rel="alternate" type="application/atom+xml" title="{escape(self.course.title)}: daily lessons" href="{escape(href)}">'
        return compact_sidebars(output.replace("</head>", link + "</head>", 1))

    @event_priority(-50)  # after other plugins wrote their files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.course is not None
        if self.pdf_browser:
            self._make_pdfs(config)
        data = manifest.manifest(self.course, self.layout, directory_urls=config.use_directory_urls, pdf=self.pdf_browser is not None)
        path = Path(config.site_dir) / self.layout.prefix / manifest.MANIFEST_NAME
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(manifest.dumps(data), encoding="utf-8")

    def _make_pdfs(self, config: MkDocsConfig) -> None:
        assert self.course is not None and self.pdf_browser is not None
        site = Path(config.site_dir)
        jobs = [
            pdf.PdfJob(
                site / _built_file(self.layout.workbook(pack), config.use_directory_urls),
                site / self.layout.workbook_pdf(pack, self.course),
                title=f"{self.course.title}: workbook, {pack.title.lower() if pack.module is None else pack.title}",
            )
            for pack in printing.packs(self.course)
        ] + [
            pdf.PdfJob(
                site / _built_file(self.layout.cohort_pack(cohort), config.use_directory_urls),
                site / self.layout.cohort_pack_pdf(cohort),
                title=f"{self.course.title}: {cohort.name}, facilitator pack",
            )
            for cohort in self.course.cohorts
        ]
        try:
            pdf.make_pdfs(jobs, paper=self.config.pdf_paper, browser=self.pdf_browser)
        except pdf.PdfError as exc:
            raise PluginError(str(exc)) from None
        log.info(f"Made {len(jobs)} PDF{'s' if len(jobs) != 1 else ''} of workbooks and cohort packs ({self.config.pdf_paper}).")

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # MkDocs polls what it watches every 0.5 s. The course folders are polled
        # every 0.1 s: an author waits on a lesson edit, and a poll of a few
        # hundred YAML files costs about a millisecond. The interval is the one
        # watchdog gives each folder as it is scheduled.
        observer = getattr(server, "observer", None)
        interval = getattr(observer, "_timeout", None)
        if isinstance(interval, (int, float)):
            observer._timeout = min(interval, COURSE_POLL_SECONDS)  # type: ignore[union-attr]
        try:
            for name in WATCHED_DIRS:
                folder = self.root / name
                if folder.is_dir():
                    server.watch(os.fspath(folder))
        finally:
            if isinstance(interval, (int, float)):
                observer._timeout = interval  # type: ignore[union-attr]
        server.builder = self._keep_last_good(server.builder)
        return server

    def _keep_last_good(self, rebuild: Any) -> Any:
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


_SIDEBARS = ('<div class="md-sidebar md-sidebar--primary"', "<article")
_INDENT = re.compile(r"\n\s+")


def compact_sidebars(html: str) -> str:
    """Material's nav and table of contents without the indentation its templates leave.

    Half of those sidebars' bytes are blank lines and indentation, on every page
    of the site. Between a newline and the next text or tag, whitespace renders
    as one space whatever its length, and nothing in the sidebars is
    preformatted, so collapsing it changes no pixel. The article is left as is.
    """
    start = html.find(_SIDEBARS[0])
    end = html.find(_SIDEBARS[1], start)
    if start < 0 or end < 0:
        return html
    return html[:start] + _INDENT.sub("\n", html[start:end]) + html[end:]


def _listed_as(lesson: Any) -> tuple[Any, ...]:
    """What routine, worksheet and workbook pages show of a lesson."""
    return (lesson.title, lesson.data.routine, tuple(lesson.data.worksheets))


def _material_search_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    """The entry list of Material's search index in this build, or None without Material's search plugin.

    Material's plugin makes the index in its on_config and writes every entry
    in the list to search/search_index.json after the build.
    """
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if type(index).__module__.startswith("material.") and isinstance(getattr(index, "entries", None), list):
            return index.entries
    return None


def _templates_stamp(overrides: Path | None) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and times of a site's template overrides: an edited one means every page renders again."""
    folder = overrides / TEMPLATE_OVERRIDE_DIR if overrides is not None else None
    if folder is None or not folder.is_dir():
        return ()
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file()))


def _built_file(uri: str, directory_urls: bool) -> str:
    """The HTML file MkDocs writes for the page at `uri`."""
    url = url_for(uri, directory_urls=directory_urls)
    return url + "index.html" if url.endswith("/") or not url else url


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
    # A folder's index.md goes first: it is the section's own page (navigation.indexes).
    sections = [{name.replace("-", " ").replace("_", " ").capitalize(): sorted(pages, key=lambda u: (not u.endswith("/index.md"), u))} for name, pages in folders.items()]
    return [*top, *sections]
