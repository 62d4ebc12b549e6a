"""The MkDocs adapter: a thin layer over the loader, the renderer and the manifest.

Everything that can fail on an author's input happens in `on_config`, which
MkDocs runs before it cleans `site_dir`: a broken course stops the build with
every problem listed and leaves the previous site untouched. Later events only
hand over what was already made.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import math
import os
import re
from pathlib import Path
from collections.abc import Mapping
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, get_files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import CountHandler

from ..load import loader, translation
from ..load.lint import course_files, lint, lint_kept
from ..load.loader import WATCHED_DIRS, CourseError, FileCache, ParsedHere, ParsedStore, check_loaded
from ..load.problems import Problem
from ..model import Course
from ..outputs import page_cache, page_inputs, pdf, scaffold, site_config
from ..outputs.export import nav_entry, nav_title
from ..outputs.site import Site, built_file, site
from ..model import i18n
from ..render import guide, inline_triggers, lms, rawhtml, sanitize, search
from ..render.pages import (
    TEMPLATE_OVERRIDE_DIR,
    MemoryBytecodeCache,
    NavItem,
    Page,
    PageClash,
    Renderer,
    nav_uris,
)
from ..render.urls import ASSET_DIR, Layout, relative_url
from . import languages, nav_memo, packaging, sitedir, theme_fixes, workers
from .config import CourseConfig
from .serve import PROBLEMS_SCRIPT, ServeSession

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

# The theme's compiled templates, kept between builds (see MemoryBytecodeCache).
THEME_CODE = MemoryBytecodeCache()


class CoursePlugin(BasePlugin[CourseConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.course: Course | None = None
        self.layout = Layout()
        self.pages: list[Page] = []
        self.page_by_uri: dict[str, Page] = {}
        self.nav: list[NavItem] = []
        self.site: Site | None = None  # every file of the course's site (outputs/site.py)
        self.root = Path()
        self.pdf_browser: str | None = None  # set when this build makes workbook PDFs
        self.serve: ServeSession | None = None  # what `mkdocs serve` keeps between rebuilds (serve.py)
        self.command: str | None = None
        self.dirty = False
        self.staging: sitedir.Staging | None = None  # where `mkdocs build` writes until the site is whole (sitedir.py)
        self.hinted = self.told_prune = False  # notices said once per serve session
        self.html_blocks: dict[str, rawhtml.SetAside] = {}  # by page uri: our HTML, kept out of MkDocs' Markdown
        self.search_entries: list[dict[str, Any]] | None = None  # the theme's search index, which we fill for course pages
        self.warnings: list[Problem] = []  # the course's lint warnings, said in the log and in serve's preview
        # On the build of a translation (languages.py), set by the course's own build: the
        # translation's language and the course's own.
        self.language: str | None = None
        self.original: str | None = None
        self.site_named_after_course: str | None = None  # "title" or "head" (its part before a colon), set by languages.py
        self.feed_title = escape("")  # the lesson feed's name, in every page's <head>
        self.right_to_left = False
        self.package: str | None = None  # on the build of a package for learning platforms (packaging.py): which
        self.nav_made: Any = None  # MkDocs' Navigation of this build, for the workers' second pass (workers.py)
        self.ahead = False  # the course's pages are built ahead in this build, in workers or from the cache (workers.py)
        self.workers = 0  # processes building them (0: this one)
        self.page_cache: page_cache.PageCache | None = None  # what earlier builds made of them (page_cache.py)
        self.parsed: ParsedStore | None = None  # the course files parsed this build (loader.ParsedStore), for lint
        self.stamp = ""  # what every course page of this build reads besides its own inputs
        self.populated: dict[str, str] = {}  # the first pass's keys of the course's pages (workers.populate_ahead)
        self.page_keys: dict[str, str] = {}  # each course page's key in the page cache, by uri (page_inputs.py)
        self.asides: dict[str, rawhtml.SetAside] = {}  # their HTML blocks set aside, kept with them
        self.collector: tuple[int, ...] | None = None  # the cycle collector's thresholds before this build (workers.collect_seldom)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this object alive across `mkdocs serve`
        # rebuilds; the session keeps what makes a rebuild fast (serve.py).
        self.command = command
        self.dirty = dirty
        self.collector = workers.collect_seldom(command)
        if self.serve is not None:
            self.serve.close()
        self.serve = ServeSession(dirty=dirty) if command == "serve" else None
        if command == "serve" and dirty:
            # `mkdocs serve --dirty` is the quick preview the plugin recommends; MkDocs warns on each
            # dirty build, and with `strict: true` that warning alone stops it. It is kept as a notice.
            _DIRTY_NOTICE.install()

    @event_priority(-100)  # last: the workers of the second pass fork with the environment as every plugin left it
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        workers.finish("populate")  # every page's Markdown is HTML by now
        # MkDocs makes a new theme environment for every build; keep its compiled templates.
        if env.bytecode_cache is None:
            env.bytecode_cache = self.serve.theme_code if self.serve is not None else THEME_CODE
        if self.nav_made is not None:
            nav_memo.install(env, self.nav_made)  # each nav item rendered once per place, not once per page
        # The footer line of every page (theme/partials/copyright.html).
        assert self.course is not None
        env.globals["course_footer"] = site_config.footer(self.course, self.layout, [*self.apart, *self.sections_apart], directory_urls=config.use_directory_urls)
        if self.ahead:
            pages = self._course_pages(files, config)
            # The site this build replaces (sitedir.py): its unchanged page files are linked, not written.
            old_site = os.fspath(self.staging.site) if self.staging is not None and workers.may_link(config) else None
            workers.build_ahead(pages, config, files, self.nav_made, env, workers=self.workers, cache=self.page_cache, stamp=page_cache.digest(self.stamp, env.globals["course_footer"]), populated=self.populated, old_site=old_site)
        return env

    @event_priority(-100)  # last: the workers of the first pass fork with the nav and files as every plugin left them
    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.nav_made = nav
        self.ahead = workers.ahead_allowed(config, command=self.command)
        if not self.ahead:
            return nav
        self.workers = workers.workers_for(self.config.workers, len(self.pages))
        self._cache_for_this_build(config)  # open since on_config, for lint and the course's Markdown, unless `cache: false`
        if not self.workers and self.page_cache is None:
            self.ahead = False  # a course too small for workers, without a cache: MkDocs builds it as it is
            return nav
        # What MkDocs says of a page depends on how much it is asked to say: under -q it makes no
        # warning, at debug level (-v) it looks for no anchor (an author's trial: a page kept by
        # either hid a broken link from every later build). Kept apart by the level.
        said = [logging.getLogger(name).getEffectiveLevel() for name in ("mkdocs", "mkdocs.structure.pages")]
        self.stamp = page_cache.build_stamp(config, extra=[self.language, self.package, said])
        self.populated = workers.populate_ahead(self._course_pages(files, config), config, files, workers=self.workers, cache=self.page_cache, stamp=self.stamp, sources=self.page_keys)
        return nav

    def _cache_file(self, config: MkDocsConfig) -> Path:
        """The page cache of this build, beside mkdocs.yml: one file for the site and one per translation and package."""
        name = "-".join(x for x in (self.language or "site", self.package) if x)
        return page_cache.cache_folder(Path(config.config_file_path or "mkdocs.yml")) / f"{name}.sqlite"

    def _course_pages(self, files: Files, config: MkDocsConfig) -> list[Any]:
        """MkDocs' Page of each course page, in MkDocs' order (a page out of the nav gets one as MkDocs would give it)."""
        pages = []
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
            if file.src_uri in self.page_by_uri:
                pages.append(file.page or MkDocsPage(None, file, config))
        return pages

    def on_shutdown(self) -> None:
        if self.serve is not None:
            self.serve.close()
        # MkDocs may hand this same object to a later build in the same process.
        self.command, self.serve = None, None
        if self.collector is not None:
            gc.set_threshold(*self.collector)
            self.collector = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._close_cache()  # one a build left open (it stopped in on_config) holds nothing to keep
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.root = Path(self.config.course_dir).resolve() if self.config.course_dir else config_dir
        self.layout = Layout(self.config.prefix.strip("/"))
        cache = self._cache_for_this_build(config)
        # Each file the loader parses this build, for lint to read its places and texts again.
        self.parsed = cache.parsed() if cache is not None else ParsedHere()
        if cache is not None and self.language is None:
            self._parse_ahead(cache.parsed())
        try:
            self.course, told = check_loaded(
                self.root, cache=self.serve.file_cache if self.serve else None, language=self.language, parsed=self.parsed,
            )
        except CourseError as exc:
            self._close_cache()
            # on_config runs before site_dir is cleaned, so the last good build is
            # still there; under `mkdocs serve` it stays up (see `ServeSession.keep_last_good`).
            still = ""
            if self.serve is not None:
                self.serve.course_failed = True
                self.serve.show_problems(config.site_dir, exc.problems)
                still = "\nThe last good version of the site is still being served; save a fix to rebuild."
            raise PluginError(f"The course in {self.root} has problems; nothing was built.\n{exc.report()}{still}") from None
        self._long_course(config)
        self._theme_fixes(config)
        if inline_triggers.NAME not in config.markdown_extensions:  # the same pages, with less of Python-Markdown's work
            config.markdown_extensions.append(inline_triggers.NAME)
        self._instant_needs_site_url(config)
        self._course_look(config)
        self._course_language(config)
        # Said on every page (on_post_page): worked out once a build.
        self.feed_title = escape(i18n.translator(self.course.data.language).gettext("%(course)s: daily lessons") % {"course": self.course.title})
        self.right_to_left = i18n.right_to_left(self.course.data.language)
        original = self.original or self.course.data.language
        languages.add_switcher(config, [original, *self.course.data.translations], self.language or original)
        overrides = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        self.pdf_browser = self._pdf_browser()
        # The site's own pages: listed after the course in the nav, or apart (`apart`) and linked from the home page.
        self.site_pages = sorted(f.src_uri for f in get_files(config).documentation_pages() if not self._left_out(f.src_uri))
        self.sections_apart = site_config.sections_apart(Path(config.docs_dir), self.site_pages, self.config.apart)
        renderer = Renderer(
            self.course, layout=self.layout, overrides=overrides, directory_urls=config.use_directory_urls,
            pdf=self.config.pdf_paper if self.pdf_browser else None, sections_apart=self.sections_apart, site_url=config.site_url,
            lms=self.package if self.package in lms.SCORM else None,
        )
        # The course's folder as mkdocs.yml names it, not where the project is: a copy, or a CI job
        # that restores `.cache/` into another checkout path, finds its pages kept.
        here = os.path.relpath(self.root, Path(config.config_file_path or ".").resolve().parent)
        render_key = (here, self.layout, self.package, config.use_directory_urls, self.config.pdf_paper if self.pdf_browser else None, _templates_stamp(overrides), tuple(self.sections_apart), config.site_url)
        course, pdf = self.course, self.pdf_browser is not None

        def make_site(_: Any = None) -> list[Site]:
            # The site's other files, which read the course, not its pages (outputs/site.py).
            return [site(course, renderer, pages=[], site_url=config.site_url, root=self.root, pdf=pdf)]

        # A second build has one process's work until MkDocs' passes: the site's other files are made
        # in a forked one while this one takes the pages from the cache and lints (a cold build
        # makes them here, while its render workers render).
        warm = self.serve is None and self.page_cache is not None and not self.page_cache.empty and workers.may_fork(self.config.workers)
        site_ahead = workers.Ahead(make_site, ["site"], workers=1) if warm else None
        cached = self._pages_kept(config, renderer, render_key) if self.serve is None else {}
        encoded: dict[str, page_cache.Encoded] = {}  # cache entries the render workers encoded
        try:
            ahead = self._render_ahead(renderer, cached) if self.serve is None else None
            self._say_warnings(config, told)  # while the workers render
            made_there = site_ahead.results() if site_ahead is not None else None  # None: it failed, and they are made here
            made = (made_there or make_site())[0]
            if made_there:
                log.debug("site: the course's other files made in a forked process")
            if self.serve is not None:
                keep = self.serve.kept_pages(self.course, root=self.root, layout=self.layout, render_key=render_key)
            else:
                rendered, encoded = self._rendered(ahead)
                keep = {**cached, **rendered}
            self.pages = renderer.pages(keep=keep)
        except PageClash as exc:
            self._close_cache()
            raise PluginError(f"The course in {self.root} has problems; nothing was built.\n{exc}") from None
        self._keep_pages(cached, encoded)
        self.page_by_uri = {page.uri: page for page in self.pages}
        if self.serve is not None:
            self.serve.built(self.course, self.pages, render_key)
        self.site = dataclasses.replace(made, pages=self.pages)
        self.nav, self.apart = self.site.nav, self.site.apart
        self._refuse_clashes(config)
        if self.command in ("build", "gh-deploy") and not self.dirty:
            # Last, once nothing can fail on the course: MkDocs writes beside the site, swapped in on success.
            self.staging = sitedir.Staging(Path(config.site_dir))
            config.site_dir = os.fspath(self.staging.start(pages=self._page_files(config)))
        for target, urls in ((config.extra_css, self.site.styles), (config.extra_javascript, self.site.scripts)):
            for url in urls:
                if url not in [str(x) for x in target]:
                    target.append(url)
        return config

    def _cache_for_this_build(self, config: MkDocsConfig) -> page_cache.PageCache | None:
        """The page cache, opened once a plain build (`mkdocs serve` keeps what it needs in memory)."""
        if self.page_cache is None and self.config.cache and self.command in workers.PLAIN_BUILDS:
            self.page_cache = page_cache.PageCache(self._cache_file(config))
        return self.page_cache

    def _lint(self, config: MkDocsConfig, examples: Any) -> list[Problem]:
        """The course's lint warnings. The rules that read a file's own text run only on files
        changed since the last good build; what they found in the others comes from the cache,
        under the file's size and times (as `mkdocs serve` keeps them in memory: serve.py)."""
        assert self.course is not None
        cache = self._cache_for_this_build(config)
        if cache is None:
            return lint(self.course, self.root, examples=examples, parsed=self.parsed)
        base = page_cache.digest("lint", page_cache.package_digest(), [(key, pattern.pattern) for key, pattern in examples])
        keys = {rel: page_cache.digest(base, rel, FileCache.stamp(self.root / rel)) for rel in course_files(self.course)}
        kept = {}
        for rel, key in keys.items():
            entry = cache.get(key, ("problems",))
            problems = _problems_in(entry["problems"], rel) if entry is not None else None
            if problems is not None:  # else none kept, or not what this code keeps: the file is linted again
                kept[rel] = problems
        warnings, found = lint_kept(self.course, self.root, examples, kept, parsed=self.parsed)
        log.debug(f"lint: {len(keys)} course files, {len(kept)} from the cache")
        if found.keys() <= keys.keys() - kept.keys():  # each warning filed under the file it is in
            for rel, problems in found.items():
                cache.put(keys[rel], {"problems": [dataclasses.asdict(p) for p in problems]})
        return warnings

    def _pages_kept(self, config: MkDocsConfig, renderer: Renderer, render_key: Any) -> dict[str, Page]:
        """A plain build: the course pages an earlier build rendered from the same inputs, from
        the page cache (outputs/page_inputs.py says what each page reads)."""
        assert self.course is not None
        self.page_keys, self.asides = {}, {}
        cache = self._cache_for_this_build(config)
        if cache is None:
            return {}
        self.page_keys = page_inputs.page_keys(self.course, self.layout, renderer.packs, render_key)
        kept = {}
        for uri, key in self.page_keys.items():
            entry = cache.get(key, _RENDERED)
            if entry is not None and (page := self._take(uri, entry)) is not None:
                kept[uri] = page
        return kept

    def _take(self, uri: str, entry: dict[str, Any]) -> Page | None:
        """A course page as `_rendered_entry` holds it (from the cache or a render worker), its
        HTML blocks set aside with it; None if the entry is not one."""
        if not all(isinstance(entry[k], str) for k in ("title", "aside")) or not isinstance(entry["blocks"], dict):
            return None
        aside = self.asides[uri] = rawhtml.SetAside(entry["aside"], {str(k): str(v) for k, v in entry["blocks"].items()})
        return Page(uri, entry["title"], aside.source())

    def _say_warnings(self, config: MkDocsConfig, told: list[Problem]) -> None:
        """The course's warnings (lint), said, not fatal: a strict build still builds, as `course validate` exits 0."""
        assert self.course is not None
        examples = scaffold.placeholders()
        if self.language is None:  # a translation's build: the course's own build said them all
            self.warnings = self.serve.warnings(self.course, self.root, examples, self.parsed) if self.serve else self._lint(config, examples)
            self.warnings = sorted([*self.warnings, *told])  # untranslated text, translations not listed
        if self.warnings:
            count = f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}"
            log.info(f"The course has {count} (`course validate` lists them all):\n" + "\n".join(translation.summarized(self.warnings)))

    def _page_files(self, config: MkDocsConfig) -> list[str]:
        """The course pages' files in the site (site-relative), whose folders sitedir makes ahead."""
        return [File(page.uri, src_dir=None, dest_dir="", use_directory_urls=config.use_directory_urls).dest_uri for page in self.pages]

    def _parse_ahead(self, parsed: page_cache.ParsedFiles) -> None:
        """A cold plain build: the course's YAML files parsed in forked workers, into the store
        the load reads (loading is otherwise one process's work before any page can start)."""
        todo = loader.unparsed(self.root, parsed)
        count = workers.workers_for(self.config.workers, len(todo), per_worker=workers.FILES_PER_WORKER)
        if not count or len(todo) < 2 * count:
            return  # a few files (a cohort's, which holds dates and is parsed every build) are parsed here
        root = self.root
        done = workers.Ahead(lambda share: loader.parse_files(root, share), todo, workers=count).results()
        log.debug(f"parse ahead: {len(todo)} course files, {count} workers")
        for key, value in done or ():  # None: a worker failed, and the load parses what is left
            parsed.put(key, value)

    def _render_ahead(self, renderer: Renderer, cached: Mapping[str, Page]) -> workers.Ahead | None:
        """A plain build with many course pages to render (a cold one): their Markdown rendered
        in forked workers, their HTML blocks set aside there too (workers.Ahead)."""
        if self.command not in workers.PLAIN_BUILDS:
            return None
        todo = [page.uri for page in renderer.pages(keep=cached, only=()) if page.uri not in cached]
        count = workers.workers_for(self.config.workers, len(todo))
        if not count:
            return None

        keys = self.page_keys

        def render(share: list[str]) -> list[tuple[str, dict[str, Any], page_cache.Encoded | None]]:
            # Each entry encoded for the cache here too: the build's own process only stores it.
            wanted = set(share)
            done = [(page.uri, _rendered_entry(page, rawhtml.set_aside(page.markdown))) for page in renderer.pages(keep=cached, only=wanted) if page.uri in wanted]
            return [(uri, entry, page_cache.PageCache.encode(keys[uri], entry) if uri in keys else None) for uri, entry in done]

        log.debug(f"render ahead: {len(todo)} course pages, {count} workers")
        return workers.Ahead(render, todo, workers=count)

    def _rendered(self, ahead: workers.Ahead | None) -> tuple[dict[str, Page], dict[str, page_cache.Encoded]]:
        """What the render workers made, and its cache entries as they encoded them (none if they
        failed: this process renders it)."""
        pages, encoded = {}, {}
        for uri, entry, entry_encoded in (ahead.results() if ahead is not None else None) or ():
            if (page := self._take(uri, entry)) is not None:
                pages[uri] = page
                if entry_encoded is not None:
                    encoded[uri] = entry_encoded
        return pages, encoded

    def _keep_pages(self, kept: Mapping[str, Page], encoded: Mapping[str, page_cache.Encoded]) -> None:
        """The pages this build rendered, kept for the next (committed only if it is good); those
        in `encoded` as a render worker encoded them."""
        if self.page_cache is None:
            return
        for page in self.pages:
            key = self.page_keys.get(page.uri)
            if key is not None and page.uri not in kept:
                aside = self.asides.get(page.uri) or rawhtml.set_aside(page.markdown)
                self.asides[page.uri] = aside  # for its page file (`_page_file`)
                if page.uri in encoded:
                    self.page_cache.put_encoded(key, encoded[page.uri])
                else:
                    self.page_cache.put(key, _rendered_entry(page, aside))
        log.debug(f"render: {len(self.page_keys)} course pages kept, {len(kept)} from the cache")

    def _close_cache(self) -> None:
        """Nothing of a failed build is kept."""
        if self.page_cache is not None:
            self.page_cache.close()
            self.page_cache = None

    def _apart(self, src_uri: str) -> bool:
        """A file of the site's own in a folder kept apart from the learner's nav (`apart`)."""
        return "/" in src_uri and src_uri.split("/", 1)[0] in self.config.apart

    def _left_out(self, src_uri: str) -> bool:
        """A file of the site's own left out of this build: a package for a learning platform,
        which shows it to learners, carries none of the folders kept apart (the author guide)."""
        return self.package is not None and self._apart(src_uri)

    def _long_course(self, config: MkDocsConfig) -> None:
        """A long course: Material renders only the open branch of the nav, and `mkdocs serve` users hear of `--dirty`."""
        assert self.course is not None
        if len(self.course.lessons) < site_config.LONG_COURSE:
            return
        if self.serve is not None and not self.serve.dirty and not self.hinted:
            self.hinted = True
            log.info("A long course is rebuilt in full after every edit; `mkdocs serve --dirty` rebuilds only the pages the edit changed.")
        features = _material_features(config)
        pruned = site_config.long_course_features(self.course, features) if features is not None else None
        if pruned is None:
            return
        config.theme["features"] = pruned
        if self.told_prune:
            return  # said once is enough under `mkdocs serve`
        self.told_prune = True
        log.info(f"The course has {len(self.course.lessons)} lessons: turned on Material's `navigation.prune` so each page carries only its open branch of the nav.")

    def _course_language(self, config: MkDocsConfig) -> None:
        """Material's own words (search, the header, "Table of contents") and the page's `lang`,
        which the browser's dates and plurals follow, in the course's language (issue 18)."""
        assert self.course is not None
        if self.language is not None and self.site_named_after_course:
            title = self.course.title
            config.site_name = title.split(":")[0].strip() if self.site_named_after_course == "head" else title
        said = site_config.course_language(self.course, config.theme, translation=self.language is not None)
        if said:
            log.warning(said)

    def _course_look(self, config: MkDocsConfig) -> None:
        if config.theme.name != "material":
            return
        assert self.course is not None
        description = site_config.course_look(self.course, config.theme, config.extra)
        if not config.site_description:
            config.site_description = description

    def _theme_fixes(self, config: MkDocsConfig) -> None:
        theme_fixes.add_fixes(config.theme, os.fspath(site_config.theme_fixes()))

    def _instant_needs_site_url(self, config: MkDocsConfig) -> None:
        """Material's instant navigation works only from a sitemap with full addresses, which
        MkDocs writes only when `site_url` is set; without it every click loads a whole page,
        silently. (`mkdocs serve` sets `site_url` itself.) tests/mkdocs/test_instant_browser.py."""
        if "navigation.instant" in (_material_features(config) or []) and not config.site_url:
            log.warning("Material's `navigation.instant` is on but `site_url` is not set in mkdocs.yml, so every page still loads in full. Set `site_url` to the address the site is served from.")

    def _pdf_browser(self) -> str | None:
        """The browser that prints workbook PDFs in this build, or None: checked before anything is built."""
        if not self.config.pdf:
            return None
        if self.serve is not None:
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
        problem = site_config.clashes([page.uri for page in self.pages], self.site_pages, directory_urls=config.use_directory_urls)
        if problem:
            raise PluginError(problem)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.html_blocks = {}
        self.search_entries = workers.material_search_entries(config)
        apart = set(nav_uris(self.apart))
        for page in self.pages:
            files.append(self._page_file(page, config, in_nav=page.uri not in apart))
        # Pages kept out of the learner's nav on purpose: MkDocs need not list them as forgotten.
        for f in files:
            if self._left_out(f.src_uri):
                f.inclusion = InclusionLevel.EXCLUDED
            elif f.is_documentation_page() and self._apart(f.src_uri):
                f.inclusion = InclusionLevel.NOT_IN_NAV
        assert self.site is not None
        for uri, content in self.site.files.items():
            files.append(File.generated(config, uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
        # The course's template overrides (`<custom_dir>/course/`) are the site's sources: MkDocs would
        # copy them into the site as it copies a theme's other files (an author's trial found them there).
        if config.theme.custom_dir:
            overrides = os.path.join(os.path.abspath(config.theme.custom_dir), TEMPLATE_OVERRIDE_DIR) + os.sep
            for f in [f for f in files if f.abs_src_path and os.path.abspath(f.abs_src_path).startswith(overrides)]:
                files.remove(f)
        if self.serve is not None:
            script = (Path(__file__).resolve().parent.parent / "assets" / PROBLEMS_SCRIPT).read_bytes()
            files.append(File.generated(config, f"{ASSET_DIR}/{PROBLEMS_SCRIPT}", content=script, inclusion=InclusionLevel.NOT_IN_NAV))
        if self.config.nav and not config.nav:
            in_nav = site_config.in_learner_nav(self.site_pages, self.config.apart)
            config.nav = [nav_entry(item) for item in self.nav] + site_config.site_nav(in_nav)
        return files

    def _page_file(self, page: Page, config: MkDocsConfig, *, in_nav: bool) -> File:
        # Our HTML blocks skip MkDocs' Markdown and come back in on_page_content (rawhtml.py says why).
        aside = (self.serve.set_aside(page) if self.serve else self.asides.get(page.uri)) or rawhtml.set_aside(page.markdown)
        self.html_blocks[page.uri] = aside
        file = self.serve.page_file(page, aside, config) if self.serve is not None else File.generated(config, page.uri, content=aside.markdown)
        if not in_nav:
            file.inclusion = InclusionLevel.NOT_IN_NAV
        return file

    def on_page_markdown(self, markdown: str, *, page: Any, **kwargs: Any) -> str:
        course_page = self.page_by_uri.get(page.file.src_uri)
        if course_page is not None:
            # The page's title in the browser tab, for pages whose nav entry has none (a module's
            # own page) or that are not in the nav (a facilitator's): made safe as nav titles are,
            # since the theme would take it raw from the page's first heading.
            page.meta.setdefault("title", nav_title(course_page.title))
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
        if aside is None:
            return html
        # No course text runs as script, whatever the Markdown engine made of it (sanitize.py).
        clean, removed = sanitize.clean(aside.restore(html))
        for what in dict.fromkeys(removed):
            log.warning(f"{page.file.src_uri}: removed {what} from the course's text; links must stay within the site or use http, https, mailto or tel, and course text cannot carry scripts or styles")
        return clean

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        # Feed readers and browsers discover the lesson feed from any page's <head>.
        assert self.course is not None
        href = relative_url(self.layout.feed, page=page.file.src_uri, directory_urls=config.use_directory_urls)
        link = f'<link rel="alternate" type="application/atom+xml" title="{self.feed_title}" href="{escape(href)}">'
        if self.serve is not None:
            # The preview shows the course's problems over the page after a bad save (serve.py, `show_problems`).
            src = relative_url(f"{ASSET_DIR}/{PROBLEMS_SCRIPT}", page=page.file.src_uri, directory_urls=config.use_directory_urls)
            link += f'<script src="{escape(src)}" defer></script>'
        output = output.replace("</head>", link + "</head>", 1)
        if self.right_to_left:
            # Material sets `dir` on <body>; on <html> too, the whole document (its title, for
            # one) is read right to left, as the HTML standard asks of a right-to-left language.
            output = re.sub(r'<html lang="([^"]*)"', r'<html lang="\1" dir="rtl"', output, count=1)
        return compact_sidebars(output)

    @event_priority(-100)  # last: after other plugins wrote their files, and before the site is swapped in
    def _on_post_build_outputs(self, *, config: MkDocsConfig) -> None:
        assert self.course is not None
        workers.finish()
        if self.page_cache is not None:
            self.page_cache.sweep()  # a good build: kept, and what it did not use dropped
            self.page_cache.close()
            log.debug(f"Course page passes from the cache: {self.page_cache.hits}, made: {self.page_cache.misses}")
            self.page_cache = None
        if self.serve is not None:
            self.serve.show_problems(config.site_dir, self.warnings)  # a good rebuild: only its warnings, if any
        if self.pdf_browser:
            self._make_pdfs(config)
        if self.language is None and self.package is None:
            # Each translation is a site of its own in a folder of this one, built now, before this
            # site is swapped in whole: a failed translation leaves the old site (languages.py).
            languages.build_translations(config, self.course, within=self.command)
            if self.config.packages and self.serve is None:  # `mkdocs serve` previews the site, not the packages
                packaging.build_packages(config, self.course, list(self.config.packages), self.layout, within=self.command)

    # The very last of every plugin's and hook's post-build work, however late one asks to run
    # (an author's trial: a hook at -200 ran after the swap, and its failure left its site in place).
    @event_priority(-math.inf)
    def _on_post_build_swap(self, *, config: MkDocsConfig) -> None:
        if self.staging is not None and not (config.strict and _warnings_counted()):
            # With --strict and a warning, MkDocs aborts right after this event: the old site stays (on_build_error).
            staging, self.staging = self.staging, None
            note = staging.finish()
            config.site_dir = os.fspath(staging.site)
            log.info(f"The site was built beside {staging.site} and put in its place whole.")
            if note:
                log.warning(note)

    on_post_build = CombinedEvent(_on_post_build_outputs, _on_post_build_swap)

    def on_build_error(self, *, error: Exception) -> None:
        workers.finish()
        self._close_cache()
        if self.staging is not None:
            self.staging.abandon()
            self.staging = None

    def _make_pdfs(self, config: MkDocsConfig) -> None:
        assert self.site is not None and self.pdf_browser is not None
        out = Path(config.site_dir)
        jobs = [pdf.PdfJob(out / built_file(job.page, config.use_directory_urls), out / job.pdf, title=job.title) for job in self.site.pdfs]
        try:
            pdf.make_pdfs(jobs, paper=self.config.pdf_paper, browser=self.pdf_browser)
        except pdf.PdfError as exc:
            raise PluginError(str(exc)) from None
        log.info(f"Made {len(jobs)} PDF{'s' if len(jobs) != 1 else ''} of workbooks and cohort packs ({self.config.pdf_paper}).")

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        assert self.serve is not None  # MkDocs runs on_startup("serve") first
        self.serve.watch_course_folders(server, [self.root / name for name in WATCHED_DIRS if (self.root / name).is_dir()])
        server.builder = self.serve.keep_last_good(server.builder)
        return server


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


# A course page's Markdown as the page cache and the render workers hand it over (`CoursePlugin._take`).
# (Its Markdown is its blocks put back: `SetAside.source`.)
_RENDERED = ("title", "aside", "blocks")


def _rendered_entry(page: Page, aside: rawhtml.SetAside) -> dict[str, Any]:
    return {"title": page.title, "aside": aside.markdown, "blocks": aside.blocks}


def _problems_in(kept: Any, path: str) -> list[Problem] | None:
    """Lint warnings as the page cache kept them (`CoursePlugin._lint`), or None if they are not."""
    if not isinstance(kept, list):
        return None
    out = []
    for found in kept:
        if not isinstance(found, dict) or found.keys() != {"path", "line", "column", "message", "hint", "severity"}:
            return None
        if not (isinstance(found["line"], int) and isinstance(found["column"], int) and isinstance(found["message"], str)
                and isinstance(found["hint"], (str, type(None))) and found["severity"] == "warning"):
            return None
        # the message as lint said it from the catalogue when the file was linted
        out.append(Problem(path=path, line=found["line"], column=found["column"], message=found["message"], hint=found["hint"], severity="warning"))
    return out


def _templates_stamp(overrides: Path | None) -> tuple[tuple[str, str], ...]:
    """Every file of a site's template overrides, by path and bytes (a partial in a folder of its
    own too, and a file replaced by one of the same size and time): an edited one means every page
    renders again. (An author's trial: names, sizes and times of the top folder missed both.)"""
    folder = overrides / TEMPLATE_OVERRIDE_DIR if overrides is not None else None
    if folder is None or not folder.is_dir():
        return ()
    return tuple(page_cache.tree_digest(folder))


class _DirtyNotice(logging.Filter):
    """MkDocs' "A 'dirty' build is being performed" warning, logged as a notice under `mkdocs serve --dirty`.

    MkDocs logs it on every dirty build; under `strict: true` it counts as a warning
    and aborts the preview at once. It warns of pages that a dirty build does not
    rebuild: the course's pages are rebuilt whenever what they show changes (serve.py).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and record.getMessage().startswith("A 'dirty' build is being performed"):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True

    def install(self) -> None:
        logger = logging.getLogger("mkdocs.commands.build")
        if self not in logger.filters:
            logger.addFilter(self)


_DIRTY_NOTICE = _DirtyNotice()


def _warnings_counted() -> bool:
    """Whether MkDocs' strict mode counted a warning in this build (it aborts once post_build is over)."""
    return any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers)


def _material_features(config: MkDocsConfig) -> list[str] | None:
    """The theme's `features` list when the theme is Material (empty if none are set), else None."""
    if config.theme.name != "material":
        return None
    return list(config.theme["features"]) if "features" in config.theme else []
