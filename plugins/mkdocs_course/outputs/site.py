"""Every file of a course's site, made in one place.

The MkDocs plugin, `course export` and any other runner take a course's site from
`site()` and add nothing of their own: the pages (Markdown, from the `Renderer`),
the browser assets in the order every page loads them, one iCalendar feed per
cohort, the Atom feed of lessons, `course.json`, the JSON Schemas, and the list of
workbook PDFs to print once the pages are HTML. A new output is one module here
and one line below; no runner needs to learn of it.

Nothing here imports MkDocs (decision D2): a runner turns `Site` into its engine's
files (the plugin into MkDocs `File`s, the export into a folder).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .. import model
from ..model import i18n, schema
from ..render import lms, printing, review, track
from ..render.pages import NavItem, Page, Renderer
from ..render.urls import ASSET_DIR, Layout, relative_url, url_for
from . import feed, ical, manifest

# The browser assets every page loads, in order (later CSS wins; the track's data before
# the scripts, which read it), in ASSET_DIR of the site.
ASSETS = ("course.css", "cohort.css", printing.PRINT_CSS, track.DATA_SCRIPT, "course.js", "checks.js", "cohort.js", "track.js")
# Of those, the ones made with each build from the course; the rest ship in the package.
GENERATED_ASSETS = (track.DATA_SCRIPT, printing.PRINT_CSS, review.DATA_SCRIPT)
PACKAGE_ASSETS = tuple(a for a in ASSETS if a not in GENERATED_ASSETS)
# Assets only some pages load, with their own tag (track_macros.md.j2): the views of the track,
# Today's review (its data is generated, below), and the favicon.
PAGE_ASSETS = ("track-views.js", review.CODE_SCRIPT, "favicon.svg")


@dataclass(frozen=True)
class Printable:
    """A workbook or cohort pack to print, by site paths: the page that shows it, the PDF beside it,
    and its title. A runner turns it into a `pdf.PdfJob` once the page is built HTML."""

    page: str  # the page's uri (Markdown path)
    pdf: str  # the PDF's path in the site
    title: str


@dataclass(frozen=True)
class Site:
    """A course's whole site, before any engine: paths are relative to the site root."""

    pages: list[Page]
    files: dict[str, str | bytes]  # every other file: assets, calendars, the lesson feed, course.json, schemas
    nav: list[NavItem]  # the learner's nav
    apart: list[NavItem]  # course pages kept out of the learner's nav (facilitators', cohorts')
    styles: list[str]  # what every page loads, in order
    scripts: list[str]
    pdfs: list[Printable]  # to print from the built pages, when the runner makes PDFs


def site(
    course: model.Course,
    renderer: Renderer,
    *,
    pages: list[Page] | None = None,
    site_url: str | None = None,
    root: Path | None = None,
    pdf: bool = False,
) -> Site:
    """The site of `course` as `renderer` draws it.

    `pages`, if given, are the renderer's pages already made (the plugin renders them
    itself, reusing unchanged ones under `mkdocs serve`).
    `site_url` makes the feeds' links absolute; without it they are relative to each
    feed. `root`, the course's folder, dates the lesson feed's entries by their files'
    history (feed.changed_at). `pdf`: the runner will print the workbooks, so
    `course.json` lists their PDFs.
    """
    layout = renderer.layout
    directory_urls = renderer.directory_urls
    pages = pages if pages is not None else renderer.pages()
    files: dict[str, str | bytes] = {}
    package = resources.files("mkdocs_course") / "assets"
    for name in PACKAGE_ASSETS + PAGE_ASSETS:
        files[f"{ASSET_DIR}/{name}"] = (package / name).read_bytes()
    files[f"{ASSET_DIR}/{printing.PRINT_CSS}"] = printing.print_css(course)
    files[f"{ASSET_DIR}/{track.DATA_SCRIPT}"] = renderer.track_script()
    files[f"{ASSET_DIR}/{review.DATA_SCRIPT}"] = review.review_script(course)
    scripts = [f"{ASSET_DIR}/{a}" for a in ASSETS if a.endswith(".js")]
    if renderer.lms in lms.SCORM:
        # Inside a SCORM package only: the script that reports to the platform, after the track's (render/lms.py).
        files[f"{ASSET_DIR}/{lms.DATA_SCRIPT}"] = lms.lms_script(course, renderer.lms)
        files[f"{ASSET_DIR}/{lms.CODE_SCRIPT}"] = (package / lms.CODE_SCRIPT).read_bytes()
        scripts += [f"{ASSET_DIR}/{lms.DATA_SCRIPT}", f"{ASSET_DIR}/{lms.CODE_SCRIPT}"]
    # The pictures lessons show, as the loader read and checked them.
    for name, (data, _, _) in course.figures.items():
        files[layout.figure(name)] = data
    # One iCalendar feed per cohort, beside its schedule page.
    for cohort in course.cohorts:
        files[layout.cohort_calendar(cohort)] = ical.feed(course, cohort, layout=layout, site_url=site_url, directory_urls=directory_urls)
    files[layout.feed] = _lesson_feed(course, layout, site_url=site_url, directory_urls=directory_urls, root=root)
    prefix = f"{layout.prefix}/" if layout.prefix else ""
    files[f"{prefix}{manifest.MANIFEST_NAME}"] = manifest.dumps(manifest.manifest(course, layout, directory_urls=directory_urls, pdf=pdf))
    # The JSON Schemas, published so editors can fetch them from the site too.
    for name, text in schema.schemas().items():
        files[f"{prefix}{schema.SCHEMA_DIR}/{name}"] = text
    return Site(
        pages=pages,
        files=files,
        nav=renderer.nav(),
        apart=renderer.apart(),
        styles=[f"{ASSET_DIR}/{a}" for a in ASSETS if a.endswith(".css")],
        scripts=scripts,
        pdfs=pdf_jobs(course, layout),
    )


def pdf_jobs(course: model.Course, layout: Layout) -> list[Printable]:
    """Every printable workbook and cohort pack, as a page to print to a PDF beside it."""
    _ = i18n.translator(course.data.language).gettext  # the PDFs' titles, in the course's language
    return [
        Printable(layout.workbook(pack), layout.workbook_pdf(pack, course),
                  (_("%(course)s: workbook, whole course") if pack.module is None else _("%(course)s: workbook, %(pack)s")) % {"course": course.title, "pack": pack.title})
        for pack in printing.packs(course)
    ] + [Printable(layout.cohort_pack(cohort), layout.cohort_pack_pdf(cohort), _("%(course)s: %(cohort)s, facilitator pack") % {"course": course.title, "cohort": cohort.name}) for cohort in course.cohorts]


def _lesson_feed(course: model.Course, layout: Layout, *, site_url: str | None, directory_urls: bool, root: Path | None) -> str:
    base = (site_url or "").rstrip("/")

    def url(uri: str) -> str:
        # Readers need absolute links; without a site_url they resolve these against the feed's own address.
        if base:
            return f"{base}/{url_for(uri, directory_urls=directory_urls)}"
        return relative_url(uri, page=layout.feed, directory_urls=directory_urls)

    changed = feed.changed_at(root, [lesson.source for lesson in course.lessons]) if root is not None else {}
    return feed.atom_feed(course, url=url, lesson_uri=layout.lesson, home_uri=layout.home, feed_uri=layout.feed, updated=changed)


def built_file(uri: str, directory_urls: bool) -> str:
    """The HTML file an engine writes for the page at `uri`."""
    url = url_for(uri, directory_urls=directory_urls)
    return url + "index.html" if url.endswith("/") or not url else url
