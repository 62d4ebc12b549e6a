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

import atexit
import gc
import json
import logging
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.toc import get_toc
from mkdocs.structure.files import InclusionLevel

from ..outputs import page_cache
from ..outputs.page_cache import PageCache
from . import forked, sitedir

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

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


# The events in which a plugin sees a page (or the theme's globals every page is made with):
# a plugin of the site's own (a hook, say) with none of them cannot tell where pages were built.
PAGE_EVENTS = ("on_pre_page", "on_page_read_source", "on_page_markdown", "on_page_content", "on_page_context", "on_post_page", "on_env")


# The commands whose builds build ahead and keep a page cache: `mkdocs build` and `gh-deploy`, and
# the builds nested in them (translations, packages: nested.py). `mkdocs serve` has its own shortcuts.
PLAIN_BUILDS = ("build", "gh-deploy", "nested")


def ahead_allowed(config: Any, *, command: str | None) -> bool:
    """Whether the course's pages may be built ahead (in workers, or from the cache) in this build."""
    if command not in PLAIN_BUILDS:
        return False  # `mkdocs serve` has its own shortcuts (serve.py)
    unsafe = [name for name, plugin in config.plugins.items() if not _keeps_off_pages(plugin)]
    if unsafe and command != "nested":
        events = sorted({e for name in unsafe for e in PAGE_EVENTS if getattr(config.plugins[name], e, None)})
        log.info(
            f"The course's pages are built one by one, without the page cache: {', '.join(f'`{n}`' for n in unsafe)} "
            f"may keep track of pages itself ({', '.join(events)}), so it sees every page built here, as MkDocs builds it."
        )
    return not unsafe


def _keeps_off_pages(plugin: Any) -> bool:
    if type(plugin).__module__.startswith(SAFE_PLUGINS):
        return True
    return not any(getattr(plugin, event, None) for event in PAGE_EVENTS)


# Below this many course files per worker, forking costs more than parsing them here saves.
FILES_PER_WORKER = 100

# Below this many pages of a pass left to make, per worker, they are made in the build's process.
PAGES_LEFT_PER_WORKER = 10


def workers_for(option: int, pages: int, *, per_worker: int = PAGES_PER_WORKER) -> int:
    """How many workers build `pages` course pages (or parse as many files, `per_worker` of them
    at least each): 0 means none (this process does them).

    `option` is the plugin's `workers`: 0 for as many as the machine has cores (and the
    course has pages for), 1 for none, N for N. Workers are forked, so Linux only.
    """
    if not sys.platform.startswith("linux"):
        return 0
    import multiprocessing  # here: a build with no workers (a small course, a second build) never loads it

    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    count = option or min(machine_workers(), pages // per_worker)
    return count if count >= 2 else 0


def may_fork(option: int) -> bool:
    """Whether the plugin's `workers` option and the machine let a build fork a helper."""
    return workers_for(option, sys.maxsize) >= 2


# A plain build is one short process that allocates a great deal and frees little before it ends.
# At Python's default thresholds its cycle collector sweeps the whole heap (the course, every page,
# the nav) again and again for the few cycles there are: a tenth of a second build at a thousand
# lessons (2.62 s against 2.40 s, medians of five). Young collections every 100,000 allocations
# instead of 700: what cycles there are wait a little longer. Not under `mkdocs serve`, which lives on.
SELDOM = (100_000, 50, 100)


def collect_seldom(command: str | None) -> tuple[int, ...] | None:
    """For a plain build, the collector's thresholds set to SELDOM; the ones to restore, or None.

    And no last sweep as the process ends: Python collects the whole heap once more on its way
    out, to free what the operating system is about to take back anyway (0.18 s of a second
    build at a thousand lessons). Frozen at exit, the heap is left out of that sweep; everything
    this code writes is closed by then (`with` blocks; the page cache closes at the build's end)."""
    global _FROZEN_AT_EXIT
    if command not in PLAIN_BUILDS or gc.get_threshold() == SELDOM:
        return None
    if not _FROZEN_AT_EXIT:
        atexit.register(gc.freeze)
        _FROZEN_AT_EXIT = True
    before = gc.get_threshold()
    gc.set_threshold(*SELDOM)
    return before


_FROZEN_AT_EXIT = False


# --- what a pass of a page makes -----------------------------------------------------------------


@dataclass
class Done:
    """A page's pass done elsewhere (a worker, or an earlier build through the cache), in plain
    values: the first pass's page fields, the second's page file (`blob`, from the cache; a worker
    wrote its file itself) and search entries, and either's log records. `failed`: MkDocs does the page."""

    uri: str
    failed: bool = False
    cached: bool = False  # from the cache: nothing to keep again
    encoded: page_cache.Encoded | None = None  # its cache entry, encoded by the worker
    fields: dict[str, Any] = field(default_factory=dict)
    blob: bytes | None = None
    entries: list[dict[str, Any]] = field(default_factory=list)
    records: list[tuple[str, int, str]] = field(default_factory=list)


class _Recorder(logging.Handler):
    """Keeps the records of a page's pass, to say them in the page's turn or keep them with it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.records.append((record.name, record.levelno, record.getMessage()))


def _say(records: list[tuple[str, int, str]]) -> None:
    for name, level, message in records:
        logging.getLogger(name).log(level, message)


# The stage a forked worker runs and its pages, set in the parent just before the fork: the
# workers inherit them, and a task is only a range of positions in the list (a page, with its
# links to the nav and every other page, is far too big to send).
_JOB: tuple[Stage, list[Any]] | None = None
_RECORDER: _Recorder | None = None


def _forked_pool(workers: int, initializer: Callable[[int], None]) -> ProcessPoolExecutor:
    """`workers` processes forked from this one, each ending with it (`_start_forked`).

    concurrent.futures rather than multiprocessing.Pool: a worker that dies (killed, out of
    memory) breaks the executor and its results say so, where a Pool would wait forever."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=initializer, initargs=(os.getpid(),))


def _start_forked(parent: int) -> None:
    forked.die_with(parent)
    gc.disable()  # a worker lives for one job; collecting would copy the memory it shares with the build


def _start_worker(parent: int) -> None:
    global _RECORDER
    _start_forked(parent)
    _RECORDER = _Recorder()
    for name in ("", "mkdocs"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
    logging.getLogger("mkdocs").addHandler(_RECORDER)  # said by the main process, in the page's turn
    logging.getLogger("mkdocs").propagate = False


def _run_chunk(span: tuple[int, int]) -> list[Done]:
    assert _JOB is not None and _RECORDER is not None
    stage, pages = _JOB
    out = []
    for page in pages[span[0] : span[1]]:
        _RECORDER.records = []
        try:
            done = stage.run(page)
        except Exception:  # MkDocs does the page itself, in its turn, and says why it failed
            done = Done(page.file.src_uri, failed=True)
        done.records = _RECORDER.records
        key = stage.keys.get(done.uri)
        if stage.cache is not None and key is not None and not done.failed:
            entry = stage.entry(page, done)
            done.encoded = PageCache.encode(key, entry) if entry is not None else None
            if done.encoded is not None:
                stage.sending(done)
        out.append(done)
    return out


# --- a pass ---------------------------------------------------------------------------------------


class Stage:
    """One of MkDocs' passes over the course's pages, done ahead: from the cache where an earlier
    build kept the page, in a pool of workers for the rest, handed over page by page."""

    name = ""
    fields: tuple[str, ...] = ()  # what a cache entry of this pass holds

    def __init__(self, pages: list[Any], *, workers: int, cache: PageCache | None, keys: dict[str, str]):
        self.owned = {page.file.src_uri: page for page in pages}
        self.cache, self.keys = cache, keys
        self.ready: dict[str, Done] = {}
        # Read from the cache in the page's turn, not all at once: a site's worth of HTML in memory.
        self.in_cache = {uri for uri in self.owned if cache is not None and uri in keys and cache.has(keys[uri])}
        todo = [page for page in pages if page.file.src_uri not in self.in_cache]
        self.pool: ProcessPoolExecutor | None = None
        self.stream: Iterator[list[Done]] | None = None
        # A few pages left (a second build after an edit): forking a pool of the build's size costs
        # more than making them here (two workers for four pages: a tenth of a second).
        self.workers = workers if workers >= 2 and len(todo) >= workers * PAGES_LEFT_PER_WORKER else 0
        if self.workers:
            global _JOB
            _JOB = (self, todo)
            chunks = min(len(todo), self.workers * 8)
            size = -(-len(todo) // chunks)
            self.pool = _forked_pool(self.workers, _start_worker)
            # A forked worker shares the parent's memory until either writes to it; the garbage
            # collector's sweeps write to every object, so the parent's are frozen out of them
            # while the workers start (they start on the first task; Python's gc.freeze advice).
            gc.freeze()
            try:
                self.stream = self.pool.map(_run_chunk, [(i, i + size) for i in range(0, len(todo), size)])
            finally:
                gc.unfreeze()
            _JOB = None  # the workers have their copy

    def owns(self, page: Any) -> bool:
        return self.owned.get(page.file.src_uri) is page

    def take(self, page: Any) -> Done | None:
        """The page's pass done ahead (its records said), or None: do it here."""
        uri = page.file.src_uri
        if uri in self.in_cache:
            assert self.cache is not None
            entry = self.cache.get(self.keys[uri], self.fields)
            if entry is None or not self.believed(entry):
                return None  # gone bad since: done here
            done = Done(uri, cached=True, **{name: entry[name] for name in self.fields})
            _say(done.records)
            return done
        while uri not in self.ready and self.stream is not None:
            try:
                for done in next(self.stream):
                    if done.encoded is not None:
                        self.received(done)
                    self.ready[done.uri] = done
            except StopIteration:
                self.stream = None
            except Exception as exc:  # a worker died: the rest is done in this process
                log.debug(f"Course page workers stopped ({exc!r}); the rest is built in one process.")
                self.stream = None
        done = self.ready.pop(uri, None)
        if done is not None:
            _say(done.records)
        return None if done is None or done.failed else done

    def here(self, page: Any) -> Done:
        """The page's pass in this process, its records said as they come and kept."""
        recorder = _Recorder()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(recorder)
        try:
            done = self.run(page)
        finally:
            logger.removeHandler(recorder)
        done.records = recorder.records
        return done

    def keep(self, page: Any, done: Done) -> None:
        uri = page.file.src_uri
        if self.cache is not None and uri in self.keys and not done.cached:
            if done.encoded is not None:
                self.cache.put_encoded(self.keys[uri], done.encoded)
                return
            entry = self.entry(page, done)
            if entry is not None:
                self.cache.put(self.keys[uri], entry)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self.stream = None

    # what each pass does
    def run(self, page: Any) -> Done:
        raise NotImplementedError

    def entry(self, page: Any, done: Done) -> dict[str, Any] | None:
        return {name: getattr(done, name) for name in self.fields}

    def believed(self, entry: dict[str, Any]) -> bool:
        """Whether a cache entry of this pass holds what it should (its checksum matched already)."""
        return True

    def sending(self, done: Done) -> None:
        """In a worker, `done` with its cache entry encoded: what need not travel twice goes."""

    def received(self, done: Done) -> None:
        """In the build's process, `done` as a worker sent it."""


class Populate(Stage):
    """MkDocs' first pass: the page's Markdown to HTML, every plugin's events on the way."""

    name = "populate"
    fields = ("fields", "records", page_cache.BLOB)  # the page's HTML in the blob, as bytes: no JSON to escape or parse

    def __init__(self, pages: list[Any], config: Any, files: Any, **kwargs: Any):
        self.config, self.files = config, files
        super().__init__(pages, **kwargs)

    def run(self, page: Any) -> Done:
        _ORIGINAL["populate"](page, self.config, self.files)
        plain = {
            "markdown": page.markdown, "meta": page.meta, "content": page.content, "toc": page_cache.toc_tokens(page.toc),
            "_title_from_render": page._title_from_render, "present_anchor_ids": sorted(page.present_anchor_ids or ()),
            "links_to_anchors": None if page.links_to_anchors is None else {f.src_uri: a for f, a in page.links_to_anchors.items()},
        }
        return Done(page.file.src_uri, fields=plain)

    def entry(self, page: Any, done: Done) -> dict[str, Any] | None:
        fields = dict(done.fields)
        content = fields.pop("content", None)
        if not isinstance(content, str):
            return None
        if fields.get("markdown") == page.file.content_string:
            fields["markdown"] = None  # the page's own source, as it was read (a course page's always is): not kept twice
        return {"fields": fields, "records": done.records, page_cache.BLOB: content.encode("utf-8")}

    def believed(self, entry: dict[str, Any]) -> bool:
        try:
            entry[page_cache.BLOB].decode("utf-8")
        except (AttributeError, UnicodeDecodeError):
            return False  # not the page's HTML as this pass keeps it
        return isinstance(entry["fields"], dict)

    def sending(self, done: Done) -> None:
        done.fields = {}  # in the encoded entry already: the page's HTML travels once, not twice

    def received(self, done: Done) -> None:
        assert done.encoded is not None
        done.fields, done.blob = json.loads(done.encoded.text)["fields"], done.encoded.blob

    def apply(self, page: Any, done: Done) -> None:
        plain = dict(done.fields)
        if done.blob is not None:
            plain["content"] = done.blob.decode("utf-8")
        if plain.get("markdown") is None:
            plain["markdown"] = page.file.content_string
        page.toc = get_toc(plain.pop("toc"))
        page.present_anchor_ids = set(plain.pop("present_anchor_ids"))
        links = plain.pop("links_to_anchors")
        page.links_to_anchors = None if links is None else {self.files.get_file_from_path(uri): anchors for uri, anchors in links.items()}
        for name, value in plain.items():
            setattr(page, name, value)


class Build(Stage):
    """MkDocs' second pass: the page's context and plugin events, the theme, the file written."""

    name = "build"
    fields = ("entries", "records")  # and the page's file: its bytes (BLOB), or a file kept beside the cache ("file")

    def __init__(self, pages: list[Any], config: Any, files: Any, nav: Any, env: Any, *, old_site: str | None = None, **kwargs: Any):
        # All set before the stage starts its workers, which are forked with this object as it is then.
        self.config, self.nav, self.env = config, nav, env
        self.old_site = old_site
        self.doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)  # as MkDocs' build() has them
        self.search = material_search_entries(config)  # one list for the whole build (Material's on_config makes it)
        cache: PageCache | None = kwargs.get("cache")
        # The old site's page files as the build that made them left them: by site path, the key of
        # the page each holds and the file's identity (SiteFile). This build's, for the next.
        self.site_key = page_cache.digest("site files", old_site) if old_site is not None else None
        self.old_files = _site_files(cache.get(self.site_key, ("files",)) if cache is not None and self.site_key else None)
        self.new_files: dict[str, list[Any]] = {}
        self.as_they_stand = 0  # old files linked without a look at their bytes
        # Where a page's file is kept: a hard link beside the cache, not its bytes in it (a cold
        # build's thousand pages sent 60 MB from the workers to this process, which wrote them
        # into the cache). Only where pages are linked: a hook that rewrites the built site in
        # place (`may_link`) would rewrite the kept file too (its checksum would then fail).
        self.kept_files = cache.files if cache is not None and cache.db is not None and old_site is not None else None
        if self.kept_files is not None:
            try:
                self.kept_files.mkdir(parents=True, exist_ok=True)
            except OSError:
                self.kept_files = None
        super().__init__(pages, **kwargs)

    def take(self, page: Any) -> Done | None:
        """As a stage takes a page, but a page whose old file is the one the last build made of
        the same key is linked as it stands: its HTML is not read from the cache, nor the file
        read to compare (a thousand pages: 0.12 s). The file's identity (device, inode, size and
        time to the nanosecond) says it is the same file, untouched since, as `make` and `rsync`
        take a file's time as its word; the entry's search entries and records are still read."""
        uri = page.file.src_uri
        key = self.keys.get(uri)
        if uri not in self.in_cache or key is None:
            return super().take(page)  # made by a worker
        assert self.cache is not None
        if self.old_site is not None and self._old_file_holds(page, key):
            entry = self.cache.get(key, self.fields, blob=False)
            if entry is not None and self._link(page):
                self.as_they_stand += 1
                done = Done(uri, cached=True, entries=entry["entries"], records=entry["records"])
                _say(done.records)
                return done
        entry = self.cache.get(key, self.fields)
        blob = None if entry is None else entry[page_cache.BLOB] if isinstance(entry.get(page_cache.BLOB), bytes) else self._kept_file(key, entry.get("file"))
        if entry is None or blob is None:
            return None  # gone bad since: built here
        done = Done(uri, cached=True, blob=blob, entries=entry["entries"], records=entry["records"])
        _say(done.records)
        return done

    def _kept_file(self, key: str, made: Any) -> bytes | None:
        """The page's file as `entry` kept it beside the cache, if it still holds those bytes."""
        if self.cache is None or not (isinstance(made, list) and len(made) == 2 and all(type(n) is int for n in made)):
            return None
        try:
            with open(self.cache.files / key, "rb") as f:
                blob = f.read(made[0] + 1)
        except OSError:
            return None
        return blob if len(blob) == made[0] and zlib.crc32(blob) == made[1] else None

    def _old_file_holds(self, page: Any, key: str) -> bool:
        assert self.old_site is not None
        made = self.old_files.get(page.file.dest_path)
        if made is None or made.key != key:
            return False
        try:
            found = os.lstat(os.path.join(self.old_site, page.file.dest_path))
        except OSError:
            return False
        return stat.S_ISREG(found.st_mode) and made == SiteFile(key, found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns)

    def keep(self, page: Any, done: Done) -> None:
        super().keep(page, done)
        key = self.keys.get(page.file.src_uri)
        if self.site_key is None or key is None:
            return
        try:
            found = os.lstat(page.file.abs_dest_path)
        except OSError:
            return  # MkDocs wrote nothing (an empty page)
        self.new_files[page.file.dest_path] = [key, found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns]

    def close(self) -> None:
        super().close()
        if self.site_key is not None:
            log.debug(f"build: {self.as_they_stand} page files of the old site linked as they stand")
        if self.cache is not None and self.site_key is not None and self.new_files:
            self.cache.put(self.site_key, {"files": self.new_files})
            self.new_files = {}

    def run(self, page: Any) -> Done:
        before = len(self.search) if self.search is not None else 0
        _ORIGINAL["build"](page, self.config, self.doc_files, self.nav, self.env)
        return Done(page.file.src_uri, entries=self.search[before:] if self.search is not None else [])

    def apply(self, page: Any, done: Done) -> None:
        if done.blob is not None:  # from the cache: the file is put here
            if not self._linked(page, done.blob):
                utils.write_file(done.blob, page.file.abs_dest_path)
        if self.search is not None:
            self.search.extend(done.entries)

    def _linked(self, page: Any, blob: bytes) -> bool:
        """Whether the page's file is now the old site's own, which holds these very bytes: a
        hard link, where writing the same bytes again cost four times as long (a thousand pages:
        0.3 s against 0.07 s), and the file keeps its time, so a copy by size and time (rsync)
        skips it. Only a regular file whose bytes are compared equal is linked."""
        if self.old_site is None:
            return False
        return sitedir.holds(os.path.join(self.old_site, page.file.dest_path), blob) and self._link(page)

    def _link(self, page: Any) -> bool:
        assert self.old_site is not None
        try:
            os.makedirs(os.path.dirname(page.file.abs_dest_path), exist_ok=True)
            os.link(os.path.join(self.old_site, page.file.dest_path), page.file.abs_dest_path)
        except OSError:
            return False  # a file system without links: written
        return True

    def entry(self, page: Any, done: Done) -> dict[str, Any] | None:
        try:
            blob = Path(page.file.abs_dest_path).read_bytes()
        except OSError:
            return None  # MkDocs skipped an empty page: nothing to keep
        key = self.keys.get(page.file.src_uri)
        if self.kept_files is not None and key is not None:
            spare = self.kept_files / f"{key}.{os.getpid()}.new"
            try:
                os.link(page.file.abs_dest_path, spare)
                os.replace(spare, self.kept_files / key)
                return {"file": [len(blob), zlib.crc32(blob)], "entries": done.entries, "records": done.records}
            except OSError:  # another file system than the site's: the bytes go in the cache
                spare.unlink(missing_ok=True)
        return {page_cache.BLOB: blob, "entries": done.entries, "records": done.records}


class SiteFile(NamedTuple):
    """A page file as the build that made it left it in the site (`Build.keep`)."""

    key: str  # the second pass's key of the page it holds
    device: int
    inode: int
    size: int
    mtime_ns: int


def _site_files(entry: dict[str, Any] | None) -> dict[str, SiteFile]:
    """The page files a build recorded, as `Build.close` kept them; none if the entry is not that."""
    files = entry.get("files") if entry is not None else None
    if not isinstance(files, dict):
        return {}
    out = {}
    for path, made in files.items():
        if isinstance(made, list) and len(made) == 5 and isinstance(made[0], str) and all(type(n) is int for n in made[1:]):
            out[path] = SiteFile(*made)
    return out


# --- MkDocs' two passes, wrapped --------------------------------------------------------------------

_ACTIVE: dict[str, Any] = {"populate": None, "build": None}
_ORIGINAL = {"populate": mkdocs_build._populate_page, "build": mkdocs_build._build_page}


def _handed_over(name: str, page: Any) -> bool:
    """Whether the pass `name` of `page` is this module's business, done (or kept) here."""
    stage = _ACTIVE[name]
    if stage is None or not stage.owns(page):
        return False
    done = stage.take(page)
    if done is not None:
        stage.apply(page, done)
    else:
        done = stage.here(page)
    stage.keep(page, done)
    return True


def _populate_page(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
    if dirty or not _handed_over("populate", page):
        _ORIGINAL["populate"](page, config, files, dirty)


def _build_page(page: Any, config: Any, doc_files: Any, nav: Any, env: Any, dirty: bool = False, excluded: bool = False) -> None:
    if dirty or excluded or not _handed_over("build", page):
        _ORIGINAL["build"](page, config, doc_files, nav, env, dirty, excluded)


def populate_ahead(pages: list[Any], config: Any, files: Any, *, workers: int, cache: PageCache | None, stamp: str, sources: Mapping[str, str]) -> dict[str, str]:
    """MkDocs' first pass of the course's `pages`, ahead: each keyed by its Markdown, its place and
    the site's files. `sources`: the keys the plugin's Markdown of a page was made under (which
    say what it is without a digest of its text). Returns the keys, by page."""
    where = page_cache.digest(sorted((f.src_uri, f.url, f.inclusion.name) for f in files))  # links resolve against every file
    keys = {}
    for page in pages:
        uri = page.file.src_uri
        source = ("made under", sources[uri]) if uri in sources else ("text", page.file.content_string)
        keys[uri] = page_cache.digest(stamp, "populate", where, *_place(page), source)
    start(Populate(pages, config, files, workers=workers, cache=cache, keys=keys))
    return keys


def build_ahead(pages: list[Any], config: Any, files: Any, nav: Any, env: Any, *, workers: int, cache: PageCache | None, stamp: str, populated: Mapping[str, str], old_site: str | None = None) -> None:
    """MkDocs' second pass of the course's `pages`, ahead: each keyed by what the first made, its place and the nav.

    `populated`: the first pass's keys (`populate_ahead` returns them). `old_site`: the site this
    build replaces, whose unchanged page files are linked, not written again (`may_link` says
    when that is safe)."""
    shown = page_cache.digest(stamp, page_cache.nav_digest(nav))
    # What the first pass made of a page follows from its key (the cache keeps it under that key),
    # so the second's key takes the first's, not a digest of the page's HTML (a page the first pass
    # did not make, which no course page is, is keyed by what was made).
    keys = {page.file.src_uri: page_cache.digest(shown, "build", *_place(page), populated.get(page.file.src_uri) or _populated(page)) for page in pages}
    start(Build(pages, config, files, nav, env, workers=workers, cache=cache, keys=keys, old_site=old_site))


def may_link(config: Any) -> bool:
    """Whether the new site's unchanged pages may be hard links to the old site's files.

    Only when no plugin but ours and Material's works on the built site (`on_post_build`): one
    that rewrote a page file in place would rewrite the old site's copy too, and the old site
    must stay whole until the new one is swapped in (sitedir.py)."""
    return not any(getattr(p, "on_post_build", None) for p in config.plugins.values() if not type(p).__module__.startswith(SAFE_PLUGINS))


def _place(page: Any) -> tuple[Any, ...]:
    """Where a page sits, as its theme shows it: its address and its neighbours'."""
    near = [(p.url, p.title) if p is not None else None for p in (page.previous_page, page.next_page)]
    return (page.file.src_uri, page.url, page.is_homepage, near)


def _populated(page: Any) -> str:
    """What MkDocs' first pass made of a page."""
    return page_cache.digest(page.content, page_cache.toc_tokens(page.toc), page.title, page.meta)


def install() -> None:
    """Route MkDocs' two page functions through this module (they fall back to MkDocs' own)."""
    mkdocs_build._populate_page = _populate_page
    mkdocs_build._build_page = _build_page


def start(stage: Stage) -> None:
    finish(stage.name)
    install()
    _ACTIVE[stage.name] = stage
    log.debug(f"{stage.name}: {len(stage.owned)} course pages, {len(stage.in_cache)} from the cache, {stage.workers} workers")


# --- the course's own Markdown, before MkDocs' passes --------------------------------------------

# What a forked render worker runs, set in the parent just before the fork (as _JOB above).
_RENDER: Callable[[list[str]], list[Any]] | None = None


def _render_chunk(uris: list[str]) -> list[Any]:
    assert _RENDER is not None
    return _RENDER(uris)


class Ahead:
    """`render` over `uris` in `workers` forked processes, each a share of them (plain values back),
    started at once: the build does other work (lint) while they work. Used for the course's
    Markdown (our templates read only the course) and its YAML files (loader.parse_files):
    nothing here touches MkDocs, and nothing is logged."""

    def __init__(self, render: Callable[[list[str]], list[Any]], uris: list[str], *, workers: int):
        global _RENDER
        # Interleaved, so each chunk holds some of every kind of page (a workbook costs ten lessons).
        count = min(len(uris), workers * 4)
        chunks = [uris[i::count] for i in range(count)]
        _RENDER = render
        self.pool = _forked_pool(workers, _start_forked)  # nothing logged: no recorder
        gc.freeze()  # as in Stage: the workers share the build's memory
        self.futures = [self.pool.submit(_render_chunk, chunk) for chunk in chunks]

    def results(self) -> list[Any] | None:
        """What the workers made, or None when one failed: the caller renders the pages itself
        (and says what is wrong there)."""
        global _RENDER
        try:
            return [done for future in self.futures for done in future.result()]
        except Exception as exc:
            log.debug(f"Course Markdown workers stopped ({exc!r}); rendered in one process.")
            return None
        finally:
            gc.unfreeze()
            self.pool.shutdown(wait=True, cancel_futures=True)
            _RENDER = None


def finish(name: str | None = None) -> None:
    """End a pass (or both): its pool stopped, MkDocs' own functions used for every page again."""
    for key in [name] if name else list(_ACTIVE):
        stage = _ACTIVE[key]
        if stage is not None:
            stage.close()
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
