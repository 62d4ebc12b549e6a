"""What a course page's two passes made, kept on disk for the next `mkdocs build` (issue 20, part 3).

A lesson edit changes one lesson page and its neighbours; the next plain
`mkdocs build` need not convert and theme the other thousand again. Each pass
of a course page (workers.py says what the passes are) is kept under a key that
is the hash of everything it reads:

- the first pass (Markdown to HTML): the page's Markdown as the course made it,
  its place, the site's files (links resolve against them), the Markdown
  settings, and the build's stamp;
- the second (the theme): what the first pass made, the page's place and
  neighbours, the whole nav, and the build's stamp.

The stamp covers the rest of what a page may show: the versions of MkDocs, the
theme and Markdown, this plugin's own files, the theme's template overrides,
and the site's settings as the plugins left them (`build_stamp`). So a title
edit, which changes the nav of every page, builds every page's theme again;
an edit to a lesson's text builds that lesson and its neighbours.

An entry is JSON, never pickle (a cache is a file anyone may have put there),
in one SQLite file per site, under its key and holding it; a page's HTML rides
beside it as bytes (`BLOB`), so taking a page from the cache parses no HTML. An entry that does
not parse, holds another key or lacks a field is ignored and deleted, a file
that is not a database is replaced: never trusted. A build commits its entries
only once it is good, dropping those it did not use, so the file holds one
site's worth. `course build
--clean-cache` (or deleting the folder) starts afresh; the plugin's `cache:
false` turns it off.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import zlib
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

# Where the cache lives, beside mkdocs.yml: one file for the site, one per translation and package.
CACHE_DIR = ".cache/mkdocs-course"

def cache_folder(config_file: Path) -> Path:
    """The folder of the page cache of the site whose mkdocs.yml is `config_file`."""
    return config_file.resolve().parent / CACHE_DIR


# Changing what an entry holds or how a key is made: bump, and every old entry is foreign.
FORMAT = 3

# An entry's field held as bytes beside its JSON (a page's HTML, as the site has it).
BLOB = "blob"

# An entry as stored: its JSON, and its bytes if it has any.
Row = tuple[str, bytes | None]  # an entry's JSON and blob, as read


class Encoded(NamedTuple):
    """An entry as stored, checksums made: by a worker for its pages, so the build's own process
    only stores it (a cold build's entries hold a site's HTML twice over)."""

    text: str
    blob: bytes | None
    crc: int
    blob_crc: int | None

PACKAGE = Path(__file__).resolve().parent.parent  # mkdocs_course: its code, templates and scripts


def digest(*parts: Any) -> str:
    """A key: the SHA-256 of `parts` as canonical JSON (anything else is given by its repr).

    A long text among `parts` (a page's Markdown or HTML) goes in as its own SHA-256: escaping it
    into JSON took three times as long as hashing it, twice per page, every build."""
    parts = tuple(["sha256", hashlib.sha256(x.encode("utf-8")).hexdigest()] if isinstance(x, str) and len(x) > 1024 else x for x in parts)
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=repr).encode("utf-8")).hexdigest()


def tree_digest(folder: Path) -> list[tuple[str, str]]:
    """Every file under `folder` (subfolders too) by its path and the SHA-256 of its bytes."""
    if not folder.is_dir():
        return []
    return [(p.relative_to(folder).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest()) for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]


@functools.cache
def package_digest() -> str:
    """This plugin's own files (code, templates, scripts, catalogs), read once a process."""
    return digest(tree_digest(PACKAGE))


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


# Top-level modules whose code the stamp has already (`build_stamp`: their versions, ours by its files).
_VERSIONED = ("markdown", "pymdownx", "material", "mkdocs", "mkdocs_course")


def extensions_code(extensions: list[Any]) -> list[Any]:
    """What each Markdown extension of the site is, beyond the packages the stamp names: an
    installed one by its distribution's version, one of the site's own (a module beside
    mkdocs.yml) by its files' bytes. An author's trial: an extension beside mkdocs.yml was
    edited, and every page came from the cache as the old code had made it."""
    out = []
    for extension in extensions:
        module = extension.split(":")[0] if isinstance(extension, str) else type(extension).__module__
        if "." not in module and _spec(f"markdown.extensions.{module}") is not None:
            continue  # Python-Markdown's own, by its short name
        if module.split(".")[0] in _VERSIONED:
            continue
        out.append((module, _code(module)))
    return out


def _spec(module: str) -> Any:
    import importlib.util

    try:
        return importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None


@functools.cache
def _distributions() -> Any:
    """Installed distributions by the top-level modules they hold (a walk of every one's metadata: once)."""
    return metadata.packages_distributions()


def _code(module: str) -> Any:
    spec = _spec(module)
    origin = getattr(spec, "origin", None)
    if not origin or not os.path.isfile(origin):
        return None  # not found here (the build will say so) or built in
    path = Path(origin)
    if "site-packages" in path.parts or "dist-packages" in path.parts:
        top = module.split(".")[0]
        return [(dist, _version(dist)) for dist in sorted(_distributions().get(top, []))] or tree_digest(path.parent)
    return tree_digest(path.parent) if path.name == "__init__.py" else hashlib.sha256(path.read_bytes()).hexdigest()


def build_stamp(config: Any, *, extra: Any) -> str:
    """What every course page of this build reads besides its own inputs."""
    theme = config.theme
    template_dirs = [Path(d) for d in getattr(theme, "dirs", [])]
    home = Path(config.config_file_path or ".").resolve().parent  # the site's own folders by where they are in the project
    plugins = {name: _options(plugin) for name, plugin in config.plugins.items()}
    settings = {
        key: config.get(key)
        for key in ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name", "edit_uri",
                    "extra", "extra_css", "extra_javascript", "use_directory_urls", "markdown_extensions", "mdx_configs", "validation")
    }
    return digest(
        FORMAT,
        {dist: _version(dist) for dist in ("mkdocs", "properdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pygments")},
        package_digest(),
        extensions_code(list(config.get("markdown_extensions") or [])),
        # the site's own template folders (custom_dir); an installed theme's are covered by its version
        [(os.path.relpath(d, home), tree_digest(d)) for d in template_dirs if not d.resolve().is_relative_to(PACKAGE) and "site-packages" not in d.parts],
        dict(theme.items()) if hasattr(theme, "items") else repr(theme),
        plugins,
        settings,
        extra,
    )


# The course plugin's options that change how a site is built, not what it is.
HOW_NOT_WHAT = ("workers", "cache")


def _options(plugin: Any) -> dict[str, Any] | None:
    options = dict(plugin.config) if hasattr(plugin, "config") else None
    if options is not None and type(plugin).__module__.startswith("mkdocs_course."):
        options = {k: v for k, v in options.items() if k not in HOW_NOT_WHAT}
    return options


def nav_digest(nav: Any) -> str:
    """The nav as every page shows it: titles, addresses and shape."""

    def item(x: Any) -> Any:
        return [type(x).__name__, x.title, getattr(x, "url", None), [item(c) for c in (getattr(x, "children", None) or [])]]

    return digest([item(x) for x in nav.items])


# --- the table of contents, to and from JSON -----------------------------------------------------


def toc_tokens(toc: Any) -> list[dict[str, Any]]:
    """A TableOfContents as the tokens MkDocs makes it from (mkdocs.structure.toc.get_toc)."""
    return [{"name": a.title, "id": a.id, "level": a.level, "children": toc_tokens(a.children)} for a in toc]


def _crc(data: str | bytes) -> int:
    return zlib.crc32(data.encode("utf-8") if isinstance(data, str) else data)


# --- the store -----------------------------------------------------------------------------------


class PageCache:
    """One build's entries in an SQLite file: read by key, written by key, the unused ones swept.

    One file and one transaction, not a file per entry: a thousand-lesson course has two
    thousand entries, and writing them as files took longer than the work they save. A build
    killed halfway leaves the file as the last good build committed it.
    """

    def __init__(self, path: Path):
        self.path = path
        self.files = path.with_suffix(".pages")  # page files kept beside it, by key (workers.Build), swept with it
        self.used: set[str] = set()
        self.hits = self.misses = 0
        self.db: sqlite3.Connection | None = None
        # Nothing kept by an earlier build (a first build, or after --clean-cache): only what this
        # build puts can be found, and the thousands of lookups of a cold build ask SQLite nothing.
        self.empty = False
        self._parsed: ParsedFiles | None = None
        try:
            self.db = self._open()
        except (OSError, sqlite3.Error):
            try:
                self.path.unlink(missing_ok=True)  # damaged, or not ours: start afresh
                self.db = self._open()
            except (OSError, sqlite3.Error):
                self.db = None  # no cache this build (a read-only folder, a folder where the file goes)

    def parsed(self) -> ParsedFiles:
        """The course files' parsed YAML in this cache: one store a build, which the loader and
        lint share."""
        if self._parsed is None:
            self._parsed = ParsedFiles(self)
        return self._parsed

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, isolation_level="DEFERRED", timeout=10)
        try:
            # A cache need not outlive a power cut: without waiting for the disk at each commit, a
            # cold build's commit of a site's worth of entries (1000 lessons) went from 0.76 s to 0.005 s. A build
            # killed (not the machine) still leaves the last commit whole (the journal is kept), and
            # a file a power cut damaged is replaced or its entries fail their checksums.
            db.execute("PRAGMA synchronous = OFF")
            # The checksums before the value and the blob: reading an entry without its blob (a page
            # the old site holds already, workers.Build) never walks the blob's pages in the file.
            db.execute(f"CREATE TABLE IF NOT EXISTS entries_v{FORMAT} (key TEXT PRIMARY KEY, crc INTEGER NOT NULL, blob_crc INTEGER, value TEXT NOT NULL, blob BLOB)")
            (count,) = db.execute(f"SELECT count(*) FROM entries_v{FORMAT}").fetchone()  # reads the file: a damaged one fails here
            self.empty = count == 0
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _may_hold(self, key: str) -> bool:
        """Whether an entry under `key` may be in the file: not in an empty cache, unless this build put it."""
        return self.db is not None and (not self.empty or key in self.used)

    def has(self, key: str) -> bool:
        """Whether an entry is kept under `key` (read and checked only when it is used)."""
        if not self._may_hold(key):
            return False
        try:
            return self.db.execute(f"SELECT 1 FROM entries_v{FORMAT} WHERE key = ?", (key,)).fetchone() is not None
        except sqlite3.Error:
            return False

    def _row(self, key: str, *, blob: bool = True) -> Row | None:
        assert self.db is not None
        try:
            if blob:
                row = self.db.execute(f"SELECT value, blob, crc, blob_crc FROM entries_v{FORMAT} WHERE key = ?", (key,)).fetchone()
            else:
                found = self.db.execute(f"SELECT value, crc FROM entries_v{FORMAT} WHERE key = ?", (key,)).fetchone()
                row = (found[0], None, found[1], None) if found else None
        except sqlite3.Error:
            return None
        if not row or not isinstance(row[0], str) or not (row[1] is None or isinstance(row[1], bytes)):
            return None if not row else ("", None)
        # Damage inside the file that leaves it a database (a flipped byte in a page's HTML)
        # shows as a checksum that no longer matches: the entry is dropped, never published.
        return (row[0], row[1]) if row[2] == _crc(row[0]) and (row[1] is None or row[3] == _crc(row[1])) else ("", None)

    def get(self, key: str, fields: tuple[str, ...], *, blob: bool = True) -> dict[str, Any] | None:
        """The entry under `key` with every one of `fields`, or None (a damaged entry is dropped).
        `blob`: False reads the entry without its blob (which stays in the file, unread)."""
        row = self._row(key, blob=blob) if self._may_hold(key) else None
        entry: Any = None
        if row is not None:
            try:
                entry = json.loads(row[0])
            except ValueError:
                entry = None
            if isinstance(entry, dict) and row[1] is not None:
                entry[BLOB] = row[1]
            if not isinstance(entry, dict) or entry.get("key") != key or not all(name in entry for name in fields):
                self._drop(key)
                entry = None
        if entry is None:
            self.misses += 1
            return None
        self.used.add(key)
        self.hits += 1
        return entry

    @staticmethod
    def encode(key: str, entry: dict[str, Any]) -> Encoded | None:
        """The entry as stored (a worker encodes its pages' entries, so the main process need not):
        its `blob` field, bytes, beside the JSON of the rest."""
        blob = entry.get(BLOB)
        if not (blob is None or isinstance(blob, bytes)):
            return None
        try:
            text = json.dumps({**{k: v for k, v in entry.items() if k != BLOB}, "key": key}, ensure_ascii=False)
            return Encoded(text, blob, _crc(text), None if blob is None else _crc(blob))
        except (TypeError, ValueError):
            return None  # something JSON cannot hold (another plugin's meta, say): this page is simply not kept

    def put(self, key: str, entry: dict[str, Any]) -> None:
        encoded = self.encode(key, entry)
        if encoded is not None:
            self.put_encoded(key, encoded)

    def put_encoded(self, key: str, encoded: Encoded) -> None:
        if self.db is None:
            return
        try:
            self.db.execute(f"INSERT OR REPLACE INTO entries_v{FORMAT} (key, crc, blob_crc, value, blob) VALUES (?, ?, ?, ?, ?)",
                            (key, encoded.crc, encoded.blob_crc, encoded.text, encoded.blob))
        except sqlite3.Error:
            return
        self.used.add(key)

    def _drop(self, key: str) -> None:
        assert self.db is not None
        try:
            self.db.execute(f"DELETE FROM entries_v{FORMAT} WHERE key = ?", (key,))
        except sqlite3.Error:
            pass

    def sweep(self) -> None:
        """After a good build: keep what it used, drop the rest, commit."""
        if self.db is None:
            return
        try:
            # By key: the few entries an edit left unused, not a scan of a table of every page's HTML
            # (a third of a second at a thousand lessons).
            unused = [key for (key,) in self.db.execute(f"SELECT key FROM entries_v{FORMAT}") if key not in self.used]
            self.db.executemany(f"DELETE FROM entries_v{FORMAT} WHERE key = ?", ((key,) for key in unused))
            for (table,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
                if table != f"entries_v{FORMAT}":
                    self.db.execute(f'DROP TABLE "{table}"')  # an earlier format's: of no use now
            self.db.commit()
        except sqlite3.Error:
            self.db.rollback()
            return
        try:
            for name in os.listdir(self.files):
                if name not in self.used:
                    os.unlink(self.files / name)
        except OSError:
            pass  # none kept, or a file that will go next time

    def close(self) -> None:
        """Without a sweep (a failed build): nothing of this build is kept."""
        if self.db is not None:
            self.db.rollback()
            self.db.close()
            self.db = None


class ParsedFiles:
    """The course files' parsed YAML (load/loader.py's `ParsedStore`) kept in a build's page cache,
    under the file's path and bytes and this plugin's code: an unchanged file is not parsed again."""

    def __init__(self, cache: PageCache):
        self.cache = cache
        self.base = digest("parsed", package_digest())
        # What this build read or put, by key: lint asks for every file the loader read (the places
        # of its warnings, the texts it looks into), and need not read the cache or parse again.
        self.seen: dict[str, Any] = {}

    def get(self, key: str) -> Any | None:
        if key in self.seen:
            return self.seen[key]
        entry = self.cache.get(digest(self.base, key), ("document", BLOB))
        if entry is None or not isinstance(entry["document"], dict):
            return None
        value = self.seen[key] = {**entry["document"], "places": entry[BLOB]}
        return value

    def put(self, key: str, value: Any) -> None:
        """`value` as yaml_source.to_json makes it: its places' text kept as bytes beside the data,
        so reading the data does not read them (they are read only if a problem asks)."""
        self.seen[key] = value
        if isinstance(value, dict) and isinstance(value.get("places"), str):
            rest = {k: v for k, v in value.items() if k != "places"}
            self.cache.put(digest(self.base, key), {"document": rest, BLOB: value["places"].encode("utf-8")})
