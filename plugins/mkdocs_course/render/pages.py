"""Rendering a Course into pages: Markdown text at site-relative paths.

Nothing here knows about MkDocs (decision D2): the plugin hands these pages to
MkDocs as generated files, and `course export` writes the same pages to a
folder for any other engine. Links between pages are relative `.md` links,
which every Markdown site engine resolves.

Templates are looked up by name, first in the site's `custom_dir/course/`, then
in the package, so a site can override any one of them.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import jinja2

from .. import model
from ..model import cohort as schedule  # `cohort` names each cohort in the loops below
from ..model import dates
from ..model import i18n
from . import keys, printing, review, schedule_words, session_sheets, track
from .text import plain_text, safe_markdown
from .urls import ASSET_DIR, Layout, relative_path, relative_url, url_for

TEMPLATE_OVERRIDE_DIR = "course"  # inside a theme's custom_dir
NAV_FLAT_MAX = 10  # a module with up to this many lessons lists them directly (the shipped course's longest has 8)
NAV_LESSONS_MAX = 7  # a longer module lists groups of at most a week of days
NAV_MODULES_MAX = 12  # modules at the top of the nav; more are split into groups of modules


class PageClash(ValueError):
    """Two course pages claim one path: one would silently replace the other."""


@dataclass(frozen=True)
class Page:
    """One generated page. `uri` is '/'-separated and relative to the site root."""

    uri: str
    title: str
    markdown: str


@dataclass(frozen=True)
class NavItem:
    """One entry of a nav. `titled=False`: the engine shows the page's own title (its
    first heading), which then also names the browser tab; a section's index page is
    one, so a module's tab reads "Own your career", not "Overview"."""

    title: str
    uri: str | None = None
    children: tuple[NavItem, ...] = ()
    titled: bool = True


@dataclass(frozen=True)
class TableRow:
    """One row of a worksheet table as rendered: its number from 1, how its cells name it,
    and what its `fill` cells show (by column id; a `date` cell is filled in by the browser)."""

    number: int
    label: str
    fills: Mapping[str, str]


# How much room, in em, a table column needs to stay a column: below the sum of its
# columns a table shows each row as a card (course.css, `.course-table-fit`).
_COLUMN_EM = {"text": 8, "long_text": 10, "date": 8.5, "checkbox": 3.5, "number": 5, "choice": 8}
_FILL_EM = {"day": 3, "date": 6.5, "routine": 9, "lesson": 10}
_REMOVE_EM = 2.6
CARD_COLUMN_EM = 8  # the container query's threshold in course.css


def table_columns(field: model.TableField) -> str:
    """`--course-columns` of a table: the room it needs, in units of CARD_COLUMN_EM."""
    em = sum(_FILL_EM[c.fill] if c.fill else _COLUMN_EM[c.type] for c in field.columns)
    if field.rows != model.ROWS_PER_DAY:
        em += _REMOVE_EM
    return f"{em / CARD_COLUMN_EM:.3g}"


def _counted(words: Any, n: int, word: str) -> str:
    return i18n.counted(words, word, n)


def public_address(site_url: str | None) -> str | None:
    """`site_url` if a learner could open it from another device, else None."""
    if not site_url:
        return None
    host = (urlsplit(site_url).hostname or "").lower()
    return None if host in {"localhost", "127.0.0.1", "::1", "0.0.0.0"} or not host else site_url


@dataclass(frozen=True)
class AnswerSource:
    """Where an `answer` field's answer is written: a worksheet and one of its fields."""

    worksheet: model.Worksheet
    field: Any


def answer_source(course: model.Course, field: model.AnswerField) -> AnswerSource:
    """The worksheet and field an `answer` field shows (the loader checked that they exist)."""
    sheet_id, field_id = field.source
    sheet = course.worksheet_by_id[sheet_id]
    return AnswerSource(sheet, next(f for f in sheet.data.fields if f.id == field_id))


def answer_lines(field: Any) -> int:
    """Ruled lines for an answer shown again on paper: about as many as the field it comes from."""
    return {"long_text": getattr(field, "lines", 5), "list": getattr(field, "items", 3), "table": 5, "checklist": 3}.get(field.type, 1)


def table_rows(course: model.Course, field: model.TableField, words: Any = None) -> list[TableRow]:
    """The rows a table starts with: `rows` empty ones, or one per lesson day (`rows: days`).
    `words`: gettext for the course's language (i18n.py); the labels are English without."""
    gettext = words.gettext if words is not None else (lambda message: message)
    if field.rows != model.ROWS_PER_DAY:
        return [TableRow(n, gettext("row %(n)s") % {"n": n}, {}) for n in range(1, field.rows + 1)]

    def fill(kind: str | None, lesson: model.Lesson) -> str:
        if kind == "day":
            return str(lesson.day)
        if kind == "routine":
            return course.routine_by_id[lesson.data.routine].title
        if kind == "lesson":
            return lesson.title
        return ""

    return [TableRow(lesson.day, gettext("day %(n)s") % {"n": lesson.day}, {col.id: fill(col.fill, lesson) for col in field.columns if col.fill}) for lesson in course.lessons]


# --- the renderer ---------------------------------------------------------------------------


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory for as long as the process runs, and on disk between runs.

    Every build makes a new Renderer (and MkDocs a new theme environment); with
    this cache a `mkdocs serve` rebuild loads compiled code instead of parsing
    and compiling every template again, and so does the next `mkdocs build`,
    from Jinja's own per-user cache folder in the system's temporary folder.
    Jinja checks each entry against a hash of the template's source, so an
    edited template or override is compiled afresh.
    """

    def __init__(self, disk: jinja2.BytecodeCache | None | Literal["default"] = "default") -> None:
        self._code: dict[str, bytes] = {}
        self._disk = _disk_cache() if disk == "default" else disk

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
            return
        if self._disk is not None:
            try:
                self._disk.load_bytecode(bucket)
            except Exception:  # noqa: BLE001  a damaged cache file must never stop a build: compile again
                bucket.reset()
            if bucket.code is not None:
                self._code[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
        if self._disk is not None:
            try:
                self._disk.dump_bytecode(bucket)
            except OSError:
                pass  # a full or read-only disk only costs the next build a compile


def _disk_cache() -> jinja2.BytecodeCache | None:
    try:
        return jinja2.FileSystemBytecodeCache()  # Jinja makes the folder private to this user
    except (OSError, RuntimeError):
        return None


_COMPILED = MemoryBytecodeCache()  # only for Renderer environments, which all share one set of options


class Renderer:
    """Renders every page of one course. Built once per build; templates compile once."""

    def __init__(
        self, course: model.Course, *, layout: Layout | None = None, overrides: Path | None = None, directory_urls: bool = True,
        pdf: str | None = None, sections_apart: Iterable[NavItem] = (), site_url: str | None = None, lms: str | None = None,
    ):
        self.keep: Mapping[str, Page] = {}  # pages taken as they are (see `pages`)
        self.only: Collection[str] | None = None  # the pages rendered, when not all (see `pages`)
        self.course = course
        self.layout = layout or Layout()
        self.directory_urls = directory_urls  # only links inside raw HTML need it (see `relative_url`)
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
            auto_reload=False,  # templates do not change during a build; each build makes a new Renderer
            bytecode_cache=_COMPILED,
            extensions=["jinja2.ext.i18n"],
        )
        # The words around the course in its language (i18n.py): `_()` and `ngettext()` in templates.
        words = i18n.translator(course.data.language)
        self.words = words  # gettext for the nav's and pages' own titles
        self.env.globals.update(words=words)
        self.env.install_gettext_translations(words, newstyle=True)  # type: ignore[attr-defined]
        self.env.filters.update(text=plain_text, md=safe_markdown, plural=functools.partial(_counted, words),
                                worksheet_title=lambda sheet_id: plain_text(course.worksheet_by_id[sheet_id].title),
                                facilitator=lambda f: plain_text(f.name) + (plain_text(f" ({f.contact})") if f.contact else ""))
        self.env.globals.update(course=course, layout=self.layout)
        # Where learners find the site, printed on paper (the cohort pack's handout); None when
        # unknown. `mkdocs serve` sets a local address no learner can open: not an address.
        address = public_address(site_url)
        self.env.globals.update(site_address=address, address_of=lambda uri: f"{address.rstrip('/')}/{url_for(uri, directory_urls=directory_urls)}" if address else None)
        # The site's own sections that are not for learners (the plugin's `apart`), for the home page.
        self.env.globals.update(sections_apart=tuple(sections_apart))
        self.packs = printing.packs(course)
        # pdf: the paper size of the workbook PDFs this build makes, or None when it makes none.
        self.env.globals.update(packs=self.packs, pdf=pdf)
        # Worksheets in the order the learner meets them (the whole-course workbook's order).
        self.env.globals.update(worksheets_in_order=self.packs[0].worksheets if self.packs else ())
        # Cohort dates and times in the course's language (`model/dates.py`), and their words (`schedule_words.py`).
        locale = dates.locale_of(course.data.language)
        self.env.filters.update(
            day=functools.partial(dates.short_day, locale=locale), longday=functools.partial(dates.long_day, locale=locale),
            fullday=functools.partial(dates.full_day, locale=locale), clock=dates.clock, zone=dates.zone_name, days=functools.partial(schedule_words.day_numbers, words=words),
            cadence=functools.partial(schedule_words.cadence_words, words=words, locale=locale), day_classes=schedule_words.day_classes, month_title=functools.partial(schedule_words.month_title, locale=locale),
        )
        self.env.globals.update(storage_key=keys.key, weekday_names=schedule_words.weekday_names(locale))  # the one key format (keys.py)
        self.env.globals.update(run_sheet=schedule.run_sheet, discussion_plan=schedule.discussion_plan, session_sheet=session_sheets.session_sheet)
        self.env.globals.update(table_rows=functools.partial(table_rows, course, words=words), table_columns=table_columns)
        self.env.globals.update(answer_source=functools.partial(answer_source, course), answer_lines=answer_lines)
        # The daily track, for track.js: the same text on every page that carries it (see track.py).
        def home_url(uri: str) -> str:
            return relative_url(uri, page=self.layout.home, directory_urls=directory_urls)

        self._home_url = home_url
        self.env.globals.update(journal_parts=track.journal_parts(course), track_script=track.VIEWS_SCRIPT)
        self.env.globals.update(review_assets=[f"{ASSET_DIR}/{review.DATA_SCRIPT}", f"{ASSET_DIR}/{review.CODE_SCRIPT}"])
        # Inside a learning platform (a SCORM package, outputs/packages.py): the home page says what it receives.
        self.lms = lms
        self.env.globals.update(lms=lms)

    def track_script(self) -> str:
        """track-data.js (track.py): the track, with addresses relative to the course home."""
        data_uri = f"{ASSET_DIR}/{track.DATA_SCRIPT}"
        home = relative_url(self.layout.home, page=data_uri, directory_urls=self.directory_urls)
        return track.track_script(self.course, self.layout, self._home_url, home)

    def pages(self, *, keep: Mapping[str, Page] | None = None, only: Collection[str] | None = None) -> list[Page]:
        """Every page. Pages found in `keep` (by uri) are taken from there instead of rendered again.
        With `only`, the pages not in it are not rendered: each is its uri and title with no text
        (a share of the pages for one worker, mkdocs/workers.py `RenderAhead`)."""
        _ = self.words.gettext  # the titles in the course's language (i18n.py)
        c, lay = self.course, self.layout
        self.keep = keep or {}
        self.only = only
        out = [
            self._page(lay.home, c.title, "home.md.j2"),
            self._page(lay.summary, _("Course summary"), "summary.md.j2"),
            self._page(lay.routines, _("Daily routines"), "routines.md.j2"),
            self._page(lay.worksheets, _("Worksheets"), "worksheets.md.j2"),
            self._page(lay.facilitator, _("Facilitator guide"), "facilitator.md.j2"),
            self._page(lay.today, _("Today"), "today.md.j2"),
            self._page(lay.progress, _("Progress"), "progress.md.j2"),
            self._page(lay.journal, _("My journal"), "journal.md.j2"),
            self._page(lay.certificate, _("Certificate"), "certificate.md.j2"),
            self._page(lay.about, _("About this course"), "about.md.j2"),
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
        if self.packs:
            out.append(self._page(lay.workbooks, _("Printable workbooks"), "workbooks.md.j2"))
        for pack in self.packs:
            out.append(self._page(lay.workbook(pack), _("Workbook: %(pack)s") % {"pack": pack.title}, "workbook.md.j2", pack=pack))
        if c.cohorts:
            out.append(self._page(lay.cohorts, _("Cohorts"), "cohort_index.md.j2"))
        for cohort in c.cohorts:
            out.append(self._page(lay.cohort_schedule(cohort), _("%(cohort)s: schedule") % {"cohort": cohort.name}, "cohort_schedule.md.j2", cohort=cohort))
            out.append(self._page(lay.cohort_guide(cohort), _("%(cohort)s: facilitator guide") % {"cohort": cohort.name}, "cohort_guide.md.j2", cohort=cohort))
            for s in cohort.sessions:
                out.append(self._page(lay.cohort_session(cohort, s.id), _("%(cohort)s, session %(n)s: %(title)s") % {"cohort": cohort.name, "n": s.number, "title": s.title}, "cohort_session.md.j2", cohort=cohort, s=s))
            # The pack is a print-ready page; a build that makes PDFs prints it beside itself (outputs/site.py, pdf_jobs).
            out.append(self._page(lay.cohort_pack(cohort), _("%(cohort)s: cohort pack") % {"cohort": cohort.name}, "cohort_pack.md.j2", cohort=cohort))
        # The loader refuses every id that would take another page's place; this says so if one got through.
        uris = [page.uri for page in out]
        if len(set(uris)) != len(uris):
            twice = sorted({u for u in uris if uris.count(u) > 1})
            raise PageClash(f"two course pages would be written to the same place: {', '.join(twice)}")
        return out

    def _page(self, uri: str, title: str, template: str, **context: Any) -> Page:
        if uri in self.keep:
            return self.keep[uri]
        if self.only is not None and uri not in self.only:
            return Page(uri, title, "")
        return self._render(uri, title, template, **context)

    def _render(self, uri: str, title: str, template: str, **context: Any) -> Page:
        def link(target: str) -> str:
            return relative_path(target, posixpath.dirname(uri))

        def href(target: str) -> str:
            return relative_url(target, page=uri, directory_urls=self.directory_urls)

        text = self.env.get_template(template).render(page_uri=uri, link=link, href=href, **context)
        return Page(uri, title, text)

    def nav(self) -> list[NavItem]:
        """The learner's nav: the course and nothing else. Pages for facilitators sit apart (`apart`)."""
        _ = self.words.gettext  # the titles in the course's language (i18n.py)
        c, lay = self.course, self.layout
        modules = [NavItem(f"{i}. {m.title}", children=(NavItem(m.title, lay.module(m), titled=False), *self._lessons_nav(m))) for i, m in enumerate(c.modules, 1)]
        if len(modules) > NAV_MODULES_MAX:
            modules = [NavItem(_("Modules %(first)s–%(last)s") % {"first": a + 1, "last": b}, children=tuple(modules[a:b])) for a, b in _balanced(len(modules), NAV_MODULES_MAX)]
        return [
            NavItem(_("Home"), lay.home),
            NavItem(_("Today"), lay.today),
            NavItem(_("Progress"), lay.progress),
            NavItem(_("My journal"), lay.journal),
            *modules,
            NavItem(_("Daily routines"), children=(NavItem(_("Daily routines"), lay.routines, titled=False), *(NavItem(r.title, lay.routine(r.id)) for r in c.routines))),
            NavItem(_("Worksheets"), children=(NavItem(_("Worksheets"), lay.worksheets, titled=False), *(NavItem(w.title, lay.worksheet(w.id)) for w in self.env.globals["worksheets_in_order"]), *self._workbooks_nav())),
            NavItem(_("Course summary"), lay.summary),
            NavItem(_("Certificate"), lay.certificate),
            NavItem(_("About this course"), lay.about),
        ]

    def apart(self) -> list[NavItem]:
        """Pages that are not the learner's track, linked from the home page and the footer:
        the cohorts' schedules and everything for facilitators."""
        return [*self._cohorts_nav(), self._facilitator_nav()]

    def _lessons_nav(self, module: model.Module) -> list[NavItem]:
        """A module's lessons, in groups of at most a week of days when the module is long.

        Every nav level stays short however long the course: the theme renders
        the nav into every page, so a long level costs time and bytes on every page.
        """
        _ = self.words.gettext  # the titles in the course's language (i18n.py)
        items = [NavItem(_("Day %(day)s: %(title)s") % {"day": lesson.day, "title": lesson.title}, self.layout.lesson(lesson)) for lesson in module.lessons]
        if len(items) <= NAV_FLAT_MAX:
            return items
        # Weeks, and when a module has more weeks than a level holds, blocks of weeks, and so on:
        # each level stays short, so a lesson page's nav does not grow with its module (issue 20).
        spans = [(lesson.day, lesson.day) for lesson in module.lessons]

        def group(most: int) -> None:
            nonlocal items, spans
            ranges = _balanced(len(items), most)
            items = [NavItem(_("Days %(first)s–%(last)s") % {"first": spans[a][0], "last": spans[b - 1][1]}, children=tuple(items[a:b])) for a, b in ranges]
            spans = [(spans[a][0], spans[b - 1][1]) for a, b in ranges]

        group(NAV_LESSONS_MAX)
        while len(items) > NAV_MODULES_MAX:
            group(NAV_MODULES_MAX)
        return items

    def _workbooks_nav(self) -> list[NavItem]:
        _ = self.words.gettext  # the titles in the course's language (i18n.py)
        lay = self.layout
        if not self.packs:
            return []
        return [NavItem(_("Printable workbooks"), children=(NavItem(_("Printable workbooks"), lay.workbooks, titled=False), *(NavItem(p.title, lay.workbook(p)) for p in self.packs)))]

    def _cohorts_nav(self) -> list[NavItem]:
        _ = self.words.gettext  # the titles in the course's language (i18n.py)
        c, lay = self.course, self.layout
        if not c.cohorts:
            return []
        return [NavItem(_("Cohorts"), children=(NavItem(_("Cohorts"), lay.cohorts, titled=False), *(NavItem(k.name, lay.cohort_schedule(k)) for k in c.cohorts)))]

    def _facilitator_nav(self) -> NavItem:
        _ = self.words.gettext  # the titles in the course's language (i18n.py)
        # Facilitator pages stay under their own heading, apart from the learner track.
        c, lay = self.course, self.layout
        if not c.cohorts:
            return NavItem(_("Facilitator guide"), lay.facilitator)
        locale = dates.locale_of(c.data.language)
        per_cohort = [
            item
            for k in c.cohorts
            for item in (
                NavItem(_("Run sheets: %(cohort)s") % {"cohort": k.name}, lay.cohort_guide(k)),
                NavItem(_("Cohort pack: %(cohort)s") % {"cohort": k.name}, lay.cohort_pack(k)),
                *((NavItem(_("Sessions: %(cohort)s") % {"cohort": k.name}, children=tuple(NavItem(f"{s.number}. {s.title}, {dates.short_day(s.date, locale=locale)}", lay.cohort_session(k, s.id)) for s in k.sessions)),) if k.sessions else ()),
            )
        ]
        return NavItem(_("Facilitator guide"), children=(NavItem(_("Facilitator guide"), lay.facilitator, titled=False), *per_cohort))


def _balanced(count: int, most: int) -> list[tuple[int, int]]:
    """[start, end) ranges splitting `count` items into the fewest groups of at most `most`, as even as can be."""
    groups = -(-count // most)
    size, extra = divmod(count, groups)
    ranges, start = [], 0
    for g in range(groups):
        end = start + size + (1 if g < extra else 0)
        ranges.append((start, end))
        start = end
    return ranges


def nav_uris(items: Iterable[NavItem]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item.uri:
            out.append(item.uri)
        out.extend(nav_uris(item.children))
    return out
