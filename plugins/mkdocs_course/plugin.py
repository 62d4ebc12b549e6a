"""The MkDocs adapter: a thin layer over the loader, the renderer and the manifest.

Everything that can fail on an author's input happens in `on_config`, which
MkDocs runs before it cleans `site_dir`: a broken course stops the build with
every problem listed and leaves the previous site untouched. Later events only
hand over what was already made.
"""

from __future__ import annotations

import logging
import os
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

from . import guide, ical, manifest, pdf, printing, schema
from .config import CourseConfig
from .export import ASSET_DIR, ASSETS  # shared with `course export`: same assets, same order
from .loader import WATCHED_DIRS, CourseError, FileCache, load_course
from .model import Course
from .pages import Layout, NavItem, Page, Renderer, url_for

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

# From this many lessons on, Material renders only the open branch of the nav
# (`navigation.prune`): the full nav in every page makes a build quadratic.
LONG_COURSE = 60


class CoursePlugin(BasePlugin[CourseConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.course: Course | None = None
        self.layout = Layout()
        self.pages: list[Page] = []
        self.nav: list[NavItem] = []
        self.feeds: dict[str, bytes] = {}  # cohort calendar files by site path
        self.root = Path()
        self.pdf_browser: str | None = None  # set when this build makes workbook PDFs
        self.file_cache: FileCache | None = None  # validated YAML kept between `mkdocs serve` rebuilds
        self.page_dir: Path | None = None  # where `mkdocs serve` keeps the generated pages
        self.course_failed = False  # the last on_config stopped on course problems

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this object alive across `mkdocs serve`
        # rebuilds, so a rebuild re-reads only the YAML files that changed, and
        # pages go to a folder outside the watched ones, rewritten only when
        # their text changed: `mkdocs serve --dirty` then rebuilds just those
        # (a page made with File.generated always counts as changed).
        self.command = command
        if command == "serve":
            self.file_cache = FileCache()
            self.page_dir = Path(tempfile.mkdtemp(prefix="mkdocs-course-pages-"))

    def on_shutdown(self) -> None:
        if self.page_dir is not None:
            shutil.rmtree(self.page_dir, ignore_errors=True)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.root = Path(self.config.course_dir).resolve() if self.config.course_dir else config_dir
        self.layout = Layout(self.config.prefix.strip("/"))
        try:
            self.course = load_course(self.root, cache=self.file_cache)
        except CourseError as exc:
            # on_config runs before site_dir is cleaned, so the last good build is
            # still there; under `mkdocs serve` it stays up (see `_keep_last_good`).
            self.course_failed = True
            still = "\nThe last good version of the site is still being served; save a fix to rebuild." if getattr(self, "command", None) == "serve" else ""
            raise PluginError(f"The course in {self.root} has problems; nothing was built.\n{exc.report()}{still}") from None
        self._prune_long_nav(config)
        overrides = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        self.pdf_browser = self._pdf_browser()
        renderer = Renderer(self.course, layout=self.layout, overrides=overrides, directory_urls=config.use_directory_urls, pdf=self.config.pdf_paper if self.pdf_browser else None)
        self.pages = renderer.pages()
        self.nav = renderer.nav()
        self._refuse_clashes(config)
        # One iCalendar feed per cohort, beside its schedule page.
        self.feeds = {
            self.layout.cohort_calendar(cohort): ical.feed(self.course, cohort, layout=self.layout, site_url=config.site_url, directory_urls=config.use_directory_urls)
            for cohort in self.course.cohorts
        }
        for asset in ASSETS:
            url = f"{ASSET_DIR}/{asset}"
            target = config.extra_css if asset.endswith(".css") else config.extra_javascript
            if url not in [str(x) for x in target]:
                target.append(url)
        if f"{ASSET_DIR}/{printing.PRINT_CSS}" not in [str(x) for x in config.extra_css]:
            config.extra_css.append(f"{ASSET_DIR}/{printing.PRINT_CSS}")
        return config

    def _prune_long_nav(self, config: MkDocsConfig) -> None:
        assert self.course is not None
        theme = config.theme
        features = list(theme["features"]) if "features" in theme else []
        if theme.name != "material" or len(self.course.lessons) < LONG_COURSE or {"navigation.prune", "navigation.expand"} & set(features):
            return
        theme["features"] = [*features, "navigation.prune"]
        log.info(f"The course has {len(self.course.lessons)} lessons: turned on Material's `navigation.prune` so each page carries only its open branch of the nav.")

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
        for page in self.pages:
            files.append(self._page_file(page, config))
        package_assets = resources.files("mkdocs_course") / "assets"
        for asset in ASSETS:
            files.append(File.generated(config, f"{ASSET_DIR}/{asset}", content=(package_assets / asset).read_bytes(), inclusion=InclusionLevel.NOT_IN_NAV))
        assert self.course is not None
        for uri, feed in self.feeds.items():
            files.append(File.generated(config, uri, content=feed, inclusion=InclusionLevel.NOT_IN_NAV))
        files.append(File.generated(config, f"{ASSET_DIR}/{printing.PRINT_CSS}", content=printing.print_css(self.course), inclusion=InclusionLevel.NOT_IN_NAV))
        # The JSON Schemas, published so editors can fetch them from the site too.
        for name, text in schema.schemas().items():
            uri = "/".join(p for p in (self.layout.prefix, schema.SCHEMA_DIR, name) if p)
            files.append(File.generated(config, uri, content=text, inclusion=InclusionLevel.NOT_IN_NAV))
        if self.config.nav and not config.nav:
            config.nav = [_nav_entry(item) for item in self.nav] + _authors_nav(authors_pages)
        return files

    def _page_file(self, page: Page, config: MkDocsConfig) -> File:
        if self.page_dir is None:
            return File.generated(config, page.uri, content=page.markdown)
        path = self.page_dir / page.uri
        data = page.markdown.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return File(page.uri, src_dir=os.fspath(self.page_dir), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)

    def on_page_markdown(self, markdown: str, **kwargs: Any) -> str:
        # Author-guide pages hold markers for text generated from the model (guide.py).
        return guide.expand(markdown)

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
        ]
        try:
            pdf.make_pdfs(jobs, paper=self.config.pdf_paper, browser=self.pdf_browser)
        except pdf.PdfError as exc:
            raise PluginError(str(exc)) from None
        log.info(f"Made {len(jobs)} workbook PDF{'s' if len(jobs) != 1 else ''} ({self.config.pdf_paper}).")

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        for name in WATCHED_DIRS:
            folder = self.root / name
            if folder.is_dir():
                server.watch(os.fspath(folder))
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
