"""The course's pages built ahead in worker processes, on every core (issue 20, part 2).

MkDocs builds pages one by one in one process, in two passes: first every page's
Markdown becomes HTML (`_populate_page`: on_pre_page, read_source,
on_page_markdown, render, on_page_content), then every page goes through the
theme and is written (`_build_page`: on_page_context, the template,
on_post_page). The course's own pages are most of a course site and most of
its build time, and each is independent of the others within a pass.

So each pass, once everything it reads exists (the end of on_nav for the first,
of on_env for the second), forks a pool: the workers inherit the very config,
files, nav and theme MkDocs would use, run MkDocs' own functions on their share
of the course's pages, and send back what the main process needs: the first
pass the page's HTML, table of contents and meta; the second only the search
entries the page added and the fact that its file is written. When MkDocs'
loop reaches a course page, a wrapper around its function hands over the
worker's result instead of doing the work again, and replays the log records
the worker made for that page, in the page's turn, so the log reads as a
serial build's and `--strict` counts a worker's warning like any other.
Anything a worker could not do (an exception, a dead worker) is done by MkDocs
itself in its turn, which then fails with its own message. The output is
byte-identical to a serial build (tests/mkdocs/test_workers.py).

Only where that holds: with fork (Linux), outside `mkdocs serve` (its own
shortcuts are in serve.py), and when every plugin of the site is one whose page
events keep nothing the workers' results do not carry back (SAFE_PLUGINS). A
site with any other plugin builds serially, as MkDocs does.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import InclusionLevel

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

# Plugins whose page events are pure or whose per-page state the results carry:
# ours, and Material's search (its index entries come back) and offline (post-build only).
SAFE_PLUGINS = ("mkdocs_course.", "material.plugins.search.", "material.plugins.offline.")

# Below this many course pages per worker, forking costs more than it saves.
PAGES_PER_WORKER = 40


def machine_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def workers_for(option: int, pages: int, config: Any, *, command: str | None) -> int:
    """How many workers build `pages` course pages: 0 means MkDocs builds them itself.

    `option` is the plugin's `workers`: 0 for as many as the machine has cores (and the
    course has pages for), 1 for none, N for N.
    """
    if command not in ("build", "gh-deploy") or "fork" not in multiprocessing.get_all_start_methods() or not sys.platform.startswith("linux"):
        return 0
    unsafe = [name for name, plugin in config.plugins.items() if not type(plugin).__module__.startswith(SAFE_PLUGINS)]
    if unsafe:
        log.debug(f"Course pages built in one process: plugin(s) {', '.join(unsafe)} may keep state per page.")
        return 0
    count = option or min(machine_workers(), pages // PAGES_PER_WORKER)
    return count if count >= 2 else 0


# --- what a worker sends back ------------------------------------------------------------------


@dataclass
class Done:
    """A page's pass done in a worker: its fields to copy (first pass), its log records, and
    the search entries it added (second pass). `failed` means MkDocs does the page itself."""

    uri: str
    failed: bool = False
    fields: dict[str, Any] = field(default_factory=dict)
    records: list[tuple[str, int, str]] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)


class _Recorder(logging.Handler):
    """In a worker: keeps every record instead of printing it; the main process says them."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


# The pass a forked worker runs and the pages it runs on, set in the parent just before the
# fork: the workers inherit them, and a task is only a range of positions in the list (a page,
# with its links to the nav and every other page, is far too big to send).
_JOB: tuple[Callable[[Any], Done], list[Any]] | None = None
_RECORDER: _Recorder | None = None


def _start_worker() -> None:
    global _RECORDER
    _RECORDER = _Recorder()
    for name in ("", "mkdocs"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
    logging.getLogger("mkdocs").addHandler(_RECORDER)
    logging.getLogger("mkdocs").propagate = False


def _run_chunk(span: tuple[int, int]) -> list[Done]:
    assert _JOB is not None and _RECORDER is not None
    job, pages = _JOB
    out = []
    for page in pages[span[0] : span[1]]:
        _RECORDER.records = []
        try:
            done = job(page)
        except Exception:  # MkDocs does the page itself and says why it failed
            done = Done(page.file.src_uri, failed=True)
        done.records = _RECORDER.records
        out.append(done)
    return out


# --- a pass -------------------------------------------------------------------------------------


class Pass:
    """One pass over the course's pages, run ahead in a pool and handed over page by page."""

    def __init__(self, pages: list[Any], job: Callable[[Any], Done], workers: int):
        global _JOB
        self.expected = {page.file.src_uri: page for page in pages}
        self.results: dict[str, Done] = {}
        _JOB = (job, pages)
        chunks = max(1, min(len(pages), workers * 8))
        size = -(-len(pages) // chunks)
        # concurrent.futures rather than multiprocessing.Pool: a worker that dies (killed, out of
        # memory) breaks the executor and the stream says so, where a Pool would wait forever.
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker)
        self.stream: Iterator[list[Done]] | None = self.pool.map(_run_chunk, [(i, i + size) for i in range(0, len(pages), size)])
        _JOB = None  # the workers have their copy; the parent keeps none

    def take(self, page: Any) -> Done | None:
        """This page's result, waiting for it if needed; None when MkDocs must do the page itself."""
        uri = page.file.src_uri
        if self.expected.get(uri) is not page:
            return None
        while uri not in self.results and self.stream is not None:
            try:
                for done in next(self.stream):
                    self.results[done.uri] = done
            except StopIteration:
                self.stream = None
            except Exception as exc:  # a worker died: the rest is done in this process
                log.debug(f"Course page workers stopped ({exc}); building the rest in one process.")
                self.stream = None
        done = self.results.pop(uri, None)
        if done is None:
            return None
        for name, level, message in done.records:
            logging.getLogger(name).log(level, message)
        return None if done.failed else done

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.stream = None


# --- MkDocs' two passes, wrapped ----------------------------------------------------------------

_ACTIVE: dict[str, Pass | None] = {"populate": None, "build": None}
_ORIGINAL = {"populate": mkdocs_build._populate_page, "build": mkdocs_build._build_page}

# The fields of a page the first pass sets (mkdocs/structure/pages.py, Page.render and read_source).
_PAGE_FIELDS = ("markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids")


def _populate_page(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
    ahead = _ACTIVE["populate"]
    done = ahead.take(page) if ahead is not None else None
    if done is None:
        return _ORIGINAL["populate"](page, config, files, dirty)
    for name, value in done.fields.items():
        setattr(page, name, value)
    links = done.fields.get("links_to_anchors")
    if links is not None:  # keyed by File: the worker's copies, mapped back to this build's
        page.links_to_anchors = {files.get_file_from_path(uri): anchors for uri, anchors in links.items()}


def _build_page(page: Any, config: Any, doc_files: Any, nav: Any, env: Any, dirty: bool = False, excluded: bool = False) -> None:
    ahead = _ACTIVE["build"]
    done = ahead.take(page) if ahead is not None and not dirty and not excluded else None
    if done is None:
        return _ORIGINAL["build"](page, config, doc_files, nav, env, dirty, excluded)
    entries = material_search_entries(config)
    if entries is not None:
        entries.extend(done.entries)


def install() -> None:
    """Route MkDocs' two page functions through this module (once per process; they fall back to MkDocs')."""
    mkdocs_build._populate_page = _populate_page
    mkdocs_build._build_page = _build_page


def populate_ahead(pages: list[Any], config: Any, files: Any, workers: int) -> None:
    """The first pass of `pages` in `workers` processes, handed over as MkDocs reaches each."""

    def job(page: Any) -> Done:
        _ORIGINAL["populate"](page, config, files)
        fields = {name: getattr(page, name) for name in _PAGE_FIELDS}
        if page.links_to_anchors is not None:
            fields["links_to_anchors"] = {f.src_uri: anchors for f, anchors in page.links_to_anchors.items()}
        return Done(page.file.src_uri, fields=fields)

    _start("populate", pages, job, workers)


def build_ahead(pages: list[Any], config: Any, files: Any, nav: Any, env: Any, workers: int) -> None:
    """The second pass of `pages` (events, theme, the file written) in `workers` processes."""
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)  # as MkDocs' build() has them

    def job(page: Any) -> Done:
        entries = material_search_entries(config)
        before = len(entries) if entries is not None else 0
        _ORIGINAL["build"](page, config, doc_files, nav, env)
        return Done(page.file.src_uri, entries=entries[before:] if entries is not None else [])

    _start("build", pages, job, workers)


def _start(name: str, pages: list[Any], job: Callable[[Any], Done], workers: int) -> None:
    finish(name)
    _ACTIVE[name] = Pass(pages, job, workers)


def finish(name: str | None = None) -> None:
    """End a pass (or both): its pool stopped, MkDocs' own functions used again."""
    for key in [name] if name else list(_ACTIVE):
        ahead = _ACTIVE[key]
        if ahead is not None:
            ahead.close()
        _ACTIVE[key] = None


def material_search_entries(config: Any) -> list[dict[str, Any]] | None:
    """The entry list of Material's search index in this build, or None without Material's search plugin.

    Material's plugin makes the index in its on_config and writes every entry
    in the list to search/search_index.json after the build.
    """
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if type(index).__module__.startswith("material.") and isinstance(getattr(index, "entries", None), list):
            return index.entries
    return None
