"""The course's pages built ahead: in worker processes, and from the page cache of an earlier build
(mkdocs/workers.py, outputs/page_cache.py; issue 20, parts 2 and 3).

Whatever route a page takes, the site is the same byte for byte as MkDocs building every page
itself in one process; a worker's warnings are said once and counted by --strict; a damaged or
foreign cache is never trusted; a site with another plugin is built as MkDocs builds it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import zlib
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

import quality
from conftest import mkdocs_build
from mkdocs_course.outputs.page_cache import FORMAT, _crc

pytestmark = pytest.mark.build

LESSON = "lessons/basics/01-first.yml"
CACHE = Path(".cache/mkdocs-course/site.sqlite")
BAD_LINK = "basics/basics-first.md: removed the link `file:///etc/passwd` in `href` from the course's text"


def project(folder: Path, options: str) -> Path:
    """The mini fixture course with MINI_YML and the plugin's `options` (YAML under `- course:`)."""
    return quality.mini_project(folder, options=":\n" + options)


def options(root: Path, text: str) -> None:
    (root / "mkdocs.yml").write_text(quality.MINI_YML.format(options=":\n" + text), encoding="utf-8")


def with_hook(root: Path, name: str, code: str) -> None:
    """A hook of the site's own (MkDocs `hooks:`), `code` in `name` beside mkdocs.yml."""
    (root / name).write_text(code, encoding="utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write(f"hooks: [{name}]\n")


def build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    result = mkdocs_build(root, "--verbose", *extra)
    return result


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def said(result: subprocess.CompletedProcess[str], stage: str) -> tuple[int, int, int]:
    """(pages, from the cache, workers) of a pass, from the build's debug log."""
    found = re.search(rf"{stage}: (\d+) course pages, (\d+) from the cache, (\d+) workers", result.stderr)
    assert found, result.stderr[-3000:]
    return int(found[1]), int(found[2]), int(found[3])


def rendered(result: subprocess.CompletedProcess[str]) -> tuple[int, int]:
    """(course pages the cache may keep, taken from it) of the course's own Markdown (outputs/page_inputs.py)."""
    found = re.search(r"render: (\d+) course pages kept, (\d+) from the cache", result.stderr)
    assert found, result.stderr[-3000:]
    return int(found[1]), int(found[2])


def edit(root: Path, old: str, new: str) -> None:
    path = root / LESSON
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def same_times(root: Path) -> None:
    """Every course file last changed at one time: the lesson feed dates its entries by their files."""
    for path in root.rglob("*.yml"):
        os.utime(path, (1_700_000_000, 1_700_000_000))


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The mini course as MkDocs builds it alone: one process, no cache."""
    root = project(tmp_path_factory.mktemp("serial"), "      workers: 1\n      cache: false\n")
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    assert "course pages" not in result.stderr  # nothing built ahead
    assert not (root / CACHE).exists()
    return tree(root / "site")


def test_workers_and_the_cache_make_the_site_mkdocs_makes_alone(tmp_path: Path, reference: dict[str, bytes]) -> None:
    root = project(tmp_path, "      workers: 2\n")
    cold = build(root, "--strict")
    assert cold.returncode == 0, cold.stderr
    pages = said(cold, "populate")[0]
    assert said(cold, "populate") == (pages, 0, 2) and said(cold, "build") == (pages, 0, 2) and pages > 10
    assert f"render ahead: {pages} course pages, 2 workers" in cold.stderr  # the course's own Markdown too
    assert "workers stopped" not in cold.stderr  # and none gave up, leaving its share to this process
    files = len(list(root.glob("course/**/*.yml")) + list(root.glob("lessons/**/*.yml")) + list(root.glob("exercises/**/*.yml")))
    assert f"parse ahead: {files} course files, 2 workers" in cold.stderr and files > 5  # and its YAML
    assert tree(root / "site") == reference
    warm = build(root, "--strict")
    assert warm.returncode == 0, warm.stderr
    assert "parse ahead" not in warm.stderr  # every file's bytes parsed before
    assert "site: the course's other files made in a forked process" in warm.stderr  # while this one took the pages
    assert said(warm, "populate") == (pages, pages, 0) and said(warm, "build") == (pages, pages, 0)  # nothing left for workers
    kept = rendered(warm)[0]
    assert rendered(cold) == (kept, 0) and rendered(warm) == (kept, kept) and kept >= 5  # lessons, modules, routines, worksheets
    assert tree(root / "site") == reference
    # The cache without workers (a Mac, `workers: 1`): the same again.
    options(root, "      workers: 1\n")
    alone = build(root, "--strict")
    assert said(alone, "build") == (pages, pages, 0) and tree(root / "site") == reference


def as_they_stand(result: subprocess.CompletedProcess[str]) -> int:
    found = re.search(r"build: (\d+) page files of the old site linked as they stand", result.stderr)
    assert found, result.stderr[-3000:]
    return int(found[1])


def test_the_old_sites_page_files_are_linked_as_they_stand_only_while_untouched(tmp_path: Path, reference: dict[str, bytes]) -> None:
    """workers.Build: a page file the last build made of the same key, untouched since (device,
    inode, size, time), is linked without its HTML read from the cache or the file compared."""
    root = project(tmp_path, "      workers: 1\n")
    cold = build(root, "--strict")
    pages = said(cold, "build")[0]
    assert as_they_stand(cold) == 0
    again = build(root, "--strict")
    assert as_they_stand(again) == pages and tree(root / "site") == reference
    # A page file changed where it stands (a tool that rewrites files in place, a slip of the hand):
    # its time is not the one recorded, so the cache's bytes are compared and written again.
    page = root / "site/basics/basics-first/index.html"
    page.write_bytes(page.read_bytes().replace(b"First lesson", b"Pwned lesson"))
    touched = build(root, "--strict")
    assert as_they_stand(touched) == pages - 1 and tree(root / "site") == reference
    # The record forged or damaged: not believed, every page compared as before.
    db = sqlite3.connect(root / CACHE)
    table = f"entries_v{FORMAT}"
    for key, value in db.execute(f"SELECT key, value FROM {table} WHERE value LIKE '%\"files\"%'").fetchall():
        files = dict.fromkeys(json.loads(value)["files"], ["not", "a", "file"])
        forged = json.dumps({"files": files, "key": key})
        db.execute(f"UPDATE {table} SET value = ?, crc = ? WHERE key = ?", (forged, _crc(forged), key))
    db.commit()
    db.close()
    forged = build(root, "--strict")
    assert forged.returncode == 0 and as_they_stand(forged) == 0 and tree(root / "site") == reference
    assert as_they_stand(build(root, "--strict")) == pages  # recorded again


def test_page_files_kept_beside_the_cache_make_a_site_that_is_gone_and_are_never_trusted(tmp_path: Path, reference: dict[str, bytes]) -> None:
    """workers.Build keeps each page's file as a hard link beside the cache (`site.pages/`), not
    its bytes in it: a site deleted (a CI job that restores only `.cache/`) is made from them; a
    kept file that no longer holds what was kept is not believed; what a build did not use goes."""
    root = project(tmp_path, "      workers: 2\n")
    cold = build(root, "--strict")
    pages = said(cold, "build")[0]
    kept = root / CACHE.with_suffix(".pages")
    assert len(list(kept.iterdir())) == pages
    db = sqlite3.connect(root / CACHE)
    assert db.execute(f"SELECT count(*) FROM entries_v{FORMAT} WHERE value LIKE '%\"entries\"%' AND blob IS NOT NULL").fetchone()[0] == 0
    db.close()
    shutil.rmtree(root / "site")
    again = build(root, "--strict")
    assert said(again, "build") == (pages, pages, 0) and tree(root / "site") == reference
    # Damaged where it stands (same length), and one gone: those two pages built again, the site the same.
    shutil.rmtree(root / "site")
    lesson = next(f for f in kept.iterdir() if b"First lesson" in f.read_bytes())
    lesson.write_bytes(lesson.read_bytes().replace(b"First lesson", b"Pwned lesson"))
    sorted(f for f in kept.iterdir() if f != lesson)[0].unlink()
    damaged = build(root, "--strict")
    assert damaged.returncode == 0 and tree(root / "site") == reference
    assert said(damaged, "build")[1] == pages and "Pwned" not in str(tree(root / "site"))
    # An edit: the edited page's old file goes with its entry.
    names = {f.name for f in kept.iterdir()}
    edit(root, "This is **the first** lesson.", "This is **the very first** lesson.")
    assert build(root, "--strict").returncode == 0
    now = {f.name for f in kept.iterdir()}
    assert len(now) == pages and 0 < len(names - now) <= 6


def test_an_edited_lesson_builds_again_only_the_pages_it_shows_on(tmp_path: Path) -> None:
    root = project(tmp_path, "      workers: 2\n")
    assert build(root).returncode == 0
    edit(root, "This is **the first** lesson.", "This is **the very first** lesson.")
    same_times(root)
    again = build(root, "--strict")
    assert again.returncode == 0, again.stderr
    pages, kept, forked = said(again, "populate")
    # The lesson's own page, and the pages that show its text (its facilitator page, printable
    # workbooks, the journal...): a handful, not the site, made here: no workers forked for them.
    assert 0 < pages - kept <= 6 and forked == 0 == said(again, "build")[2], again.stderr[-2000:]
    # Its Markdown, and its neighbours' and module's (they show its text), made again; the rest from the cache.
    listed, taken = rendered(again)
    assert listed - taken == 3, again.stderr[-2000:]
    assert "the very first" in (root / "site/basics/basics-first/index.html").read_text(encoding="utf-8")
    fresh = project(tmp_path / "fresh", "      workers: 1\n      cache: false\n")
    edit(fresh, "This is **the first** lesson.", "This is **the very first** lesson.")
    same_times(fresh)
    assert build(fresh).returncode == 0
    assert tree(root / "site") == tree(fresh / "site")


def test_a_title_edit_builds_every_page_through_the_theme_again(tmp_path: Path) -> None:
    # A title is in the nav of every page: no page's theme output can be kept.
    root = project(tmp_path, "      workers: 2\n")
    assert build(root).returncode == 0
    edit(root, "title: First lesson", "title: The first lesson")
    again = build(root)
    assert again.returncode == 0, again.stderr
    assert said(again, "build")[1] == 0
    assert re.search(r">\s*The first lesson\s*<", (root / "site/basics/basics-second/index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("first, link, settings", [
    # An author's trial: MkDocs makes no warning under -q, and the page was kept without it.
    ("-q", "../nowhere.md", ""),
    # Nor does it look for anchors at debug level (-v): a missing one passed every later build.
    ("-v", "basics-second.md#no-such-anchor", "validation:\n  anchors: warn\n"),
])
def test_a_page_kept_by_a_quiet_or_verbose_build_still_warns_in_a_plain_one(tmp_path: Path, first: str, link: str, settings: str) -> None:
    root = project(tmp_path, "      workers: 1\n")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write(settings)
    assert mkdocs_build(root, "--strict").returncode == 0
    edit(root, "This is **the first** lesson.", f"This is **the first** lesson, [written]({link}).")
    assert mkdocs_build(root, first).returncode == 0
    for _ in range(2):  # and the build after it, from what the plain build kept
        plain = mkdocs_build(root, "--strict")
        assert plain.returncode != 0 and link.split("#")[-1] in plain.stderr, plain.stderr[-2000:]


def test_a_project_copied_elsewhere_with_its_cache_finds_its_pages_kept(tmp_path: Path, reference: dict[str, bytes]) -> None:
    """An author's trial: a copy (`cp -a`, or a CI job that restores `.cache/` into another
    checkout path) took nothing from its cache, which was keyed by the project's folder."""
    root = project(tmp_path / "first", "      workers: 1\n")
    pages = said(build(root, "--strict"), "build")[0]
    copy = tmp_path / "elsewhere" / "mini"
    shutil.copytree(root, copy, symlinks=True)
    shutil.rmtree(copy / "site")
    again = build(copy, "--strict")
    assert said(again, "populate")[1] == pages == said(again, "build")[1] and tree(copy / "site") == reference
    assert rendered(again)[0] == rendered(again)[1] > 5


def test_a_markdown_extension_of_the_sites_own_is_kept_by_its_code(tmp_path: Path) -> None:
    """An author's trial: a Markdown extension beside mkdocs.yml was edited, and every page came
    from the cache as the old code made it. Its code is now part of every page's key."""
    root = project(tmp_path, "      workers: 1\n")
    extension = (
        "import markdown\n"
        "TAG = 'TRIALEXT-v1'\n"
        "class _Tag(markdown.postprocessors.Postprocessor):\n"
        "    def run(self, text):\n"
        "        return text.replace('the first', 'the first ' + TAG, 1)\n"
        "class Trial(markdown.Extension):\n"
        "    def extendMarkdown(self, md):\n"
        "        md.postprocessors.register(_Tag(md), 'trial', 1)\n"
        "def makeExtension(**kwargs):\n"
        "    return Trial(**kwargs)\n"
    )
    (root / "trialext.py").write_text(extension, encoding="utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write("markdown_extensions:\n  - trialext\n")
    # (No bytecode: Python would take a file of the same size written in the same second for the old one.)
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(root), "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    page = root / "site/basics/basics-first/index.html"
    for tag in ("TRIALEXT-v1", "TRIALEXT-v2"):
        (root / "trialext.py").write_text(extension.replace("TRIALEXT-v1", tag), encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")], capture_output=True, text=True, env=env, timeout=300)
        assert result.returncode == 0, result.stderr[-2000:]
        assert tag in page.read_text(encoding="utf-8")


def test_a_warning_made_in_a_worker_is_said_once_and_stops_a_strict_build(tmp_path: Path) -> None:
    root = project(tmp_path, "      workers: 2\n")
    edit(root, "This is **the first** lesson.", "This is [a file](file:///etc/passwd).")
    result = build(root)
    assert result.returncode == 0 and said(result, "populate")[2] == 2
    assert result.stderr.count(BAD_LINK) == 1
    # The next build takes the page from the cache, and says its warning again, counted.
    strict = build(root, "--strict")
    assert said(strict, "populate")[1] > 0
    assert strict.returncode != 0 and strict.stderr.count(BAD_LINK) == 1


def test_a_damaged_or_foreign_cache_is_never_trusted(tmp_path: Path, reference: dict[str, bytes]) -> None:
    root = project(tmp_path, "      workers: 2\n")
    assert build(root).returncode == 0
    # Every entry damaged in its own way: not JSON, another key, a field missing.
    db = sqlite3.connect(root / CACHE)
    table = f"entries_v{FORMAT}"
    rows = db.execute(f"SELECT key, value, blob FROM {table}").fetchall()
    for i, (key, value, blob) in enumerate(rows):
        if '"fields"' in value and i % 2:  # a first pass's entry whole but for its HTML, which is not UTF-8
            blob = b"\xff\xfe<p>pwned</p>"
        else:
            value = ["{not json", '{"key": "another", "entries": [], "records": []}', f'{{"key": "{key}"}}'][i % 3]
            blob = b"<p>pwned</p>" if blob is not None else None
        db.execute(f"UPDATE {table} SET value = ?, blob = ?, crc = ?, blob_crc = ? WHERE key = ?", (value, blob, _crc(value), None if blob is None else _crc(blob), key))
    db.commit()
    db.close()
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    assert tree(root / "site") == reference and "pwned" not in str(tree(root / "site"))
    # A file that is no database at all (another tool's, or cut short): replaced.
    (root / CACHE).write_bytes(b"\x00garbage" * 100)
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    assert said(result, "populate")[1] == 0 and tree(root / "site") == reference
    assert sqlite3.connect(root / CACHE).execute(f"SELECT count(*) FROM entries_v{FORMAT}").fetchone()[0] > 0


def test_an_entry_damaged_in_place_is_never_published(tmp_path: Path, reference: dict[str, bytes]) -> None:
    # An author's trial: one byte changed inside the cache file, its length the same, and the
    # file still a database: the page must not carry it.
    root = project(tmp_path, "      workers: 2\n")
    assert build(root).returncode == 0
    db = sqlite3.connect(root / CACHE)
    table = f"entries_v{FORMAT}"
    for key, blob in db.execute(f"SELECT key, blob FROM {table} WHERE blob IS NOT NULL").fetchall():
        if b"First lesson" in blob:
            db.execute(f"UPDATE {table} SET blob = ? WHERE key = ?", (blob.replace(b"First lesson", b"Pwned lesson"), key))
    db.commit()
    db.close()
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    assert tree(root / "site") == reference


def test_a_cache_that_is_a_folder_or_under_a_file_means_no_cache(tmp_path: Path) -> None:
    root = project(tmp_path, "      workers: 1\n")
    (root / CACHE).mkdir(parents=True)  # a folder where the file goes
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    (root / CACHE).rmdir()
    (root / CACHE.parent).rmdir()
    (root / CACHE.parent).write_text("a file where the folder goes", encoding="utf-8")
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr


def test_course_build_clean_cache_starts_afresh(tmp_path: Path) -> None:
    root = project(tmp_path, "      workers: 1\n")
    assert build(root).returncode == 0
    course = Path(sys.executable).parent / "course"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(course), "build", "--clean-cache", "--verbose", "-f", str(root / "mkdocs.yml")], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"emptied the page cache ({(root / '.cache/mkdocs-course').as_posix()})" in result.stdout
    assert said(result, "populate")[1] == 0
    # and MkDocs' own exit status, for a build that fails
    edit(root, "id: basics-first", "id: Basics First")
    failed = subprocess.run([str(course), "build", "-f", str(root / "mkdocs.yml")], capture_output=True, text=True, env=env, timeout=300)
    assert failed.returncode == 1 and "nothing was built" in failed.stderr


def test_a_site_with_another_plugin_is_built_as_mkdocs_builds_it(tmp_path: Path) -> None:
    # A hook (a plugin of the site's own) may keep state per page: every course page must go
    # through its events in the build's own process, and none may come from a cache.
    root = project(tmp_path, "      workers: 2\n")
    with_hook(
        root, "hook.py",
        "import os\nseen = []\n"
        "def on_page_content(html, page, **kw):\n    seen.append(os.getpid())\n    return html\n"
        "def on_post_build(config, **kw):\n    open(os.path.join(os.path.dirname(config.config_file_path), 'seen.txt'), 'w').write(f'{len(seen)} {set(seen) == {os.getpid()}}')\n",
    )
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    # Built one by one (the course's own Markdown may still come from the cache: it is the same text either way).
    assert not re.search(r"(populate|build): \d+ course pages", result.stderr)
    count, one_process = (root / "seen.txt").read_text().split()
    assert int(count) > 10 and one_process == "True"


def test_a_hook_that_keeps_off_pages_keeps_the_workers_and_the_cache(tmp_path: Path, reference: dict[str, bytes]) -> None:
    # An author's trial: a hook with only on_post_build turned both off, silently.
    root = project(tmp_path, "      workers: 2\n")
    with_hook(root, "hook.py", "def on_post_build(config, **kw):\n    print('built')\n")
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    assert said(result, "populate")[2] == 2 and (root / CACHE).exists()
    assert "one by one" not in result.stderr


def pages_linked(site: Path, before: dict[str, int]) -> set[str]:
    """The course page files of `site` that are still the files (inodes) they were `before`."""
    return {rel for rel, inode in before.items() if (site / rel).is_file() and (site / rel).stat().st_ino == inode}


def inodes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("index.html")}


def test_unchanged_pages_are_the_old_sites_files_unless_their_bytes_differ(tmp_path: Path, reference: dict[str, bytes]) -> None:
    root = project(tmp_path, "      workers: 1\n")
    assert build(root).returncode == 0
    site = root / "site"
    before = inodes(site)
    assert build(root, "--strict").returncode == 0
    linked = pages_linked(site, before)
    assert "basics/basics-first/index.html" in linked and len(linked) > 10  # the course's pages, linked
    assert tree(site) == reference
    # A page of the built site changed by hand: written again from the cache, not linked.
    page = site / "basics/basics-first/index.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<!-- changed by hand --></body>"))
    before = inodes(site)
    assert build(root, "--strict").returncode == 0
    assert "basics/basics-first/index.html" not in pages_linked(site, before)
    assert tree(site) == reference


def test_a_plugin_that_works_on_the_built_site_gets_fresh_files_and_the_old_site_stays_whole(tmp_path: Path) -> None:
    # A hook that rewrites a page file in place after the pages are written, then fails: had the
    # page been a link to the old site's file, the old site would carry the hook's text.
    root = project(tmp_path, "      workers: 1\n")
    with_hook(
        root, "hook.py",
        "import os\n"
        "def on_post_build(config, **kw):\n"
        "    if not os.path.exists(os.path.join(os.path.dirname(config.config_file_path), 'fail')):\n"
        "        return\n"
        "    with open(os.path.join(config.site_dir, 'basics/basics-first/index.html'), 'w') as f:\n"
        "        f.write('rewritten by the hook')\n"
        "    raise RuntimeError('the hook failed')\n",
    )
    assert build(root).returncode == 0
    site = root / "site"
    old = tree(site)
    before = inodes(site)
    (root / "fail").touch()
    result = build(root)
    assert result.returncode != 0 and "the hook failed" in result.stderr
    assert said(result, "build")[1] > 10  # the course's pages from the cache, written afresh
    assert tree(site) == old and pages_linked(site, before) == set(before)


def test_a_plugin_that_handles_pages_is_named_when_the_build_goes_one_by_one(tmp_path: Path) -> None:
    root = project(tmp_path, "      workers: 2\n")
    with_hook(root, "counting.py", "def on_page_content(html, **kw):\n    return html\n")
    result = mkdocs_build(root)  # not verbose: an author sees why the build is slower
    assert result.returncode == 0, result.stderr
    assert "INFO    -  The course's pages are built one by one, without the page cache: `counting.py` may keep track of pages itself (on_page_content)" in result.stderr, result.stderr


# --- the parts alone ----------------------------------------------------------------------------------


def test_a_failed_build_keeps_nothing_in_the_cache_and_a_good_one_only_what_it_used(tmp_path: Path) -> None:
    from mkdocs_course.outputs.page_cache import PageCache

    cache = PageCache(tmp_path / "c.sqlite")
    assert cache.empty and not cache.has("a")  # a first build: nothing to look up...
    cache.put("a", {"html": "A"})
    cache.put("b", {"html": "B"})
    assert cache.has("a") and cache.get("b", ("html",)) == {"html": "B", "key": "b"}  # ...but what it put itself
    cache.sweep()
    cache.close()
    failed = PageCache(tmp_path / "c.sqlite")
    assert not failed.empty and failed.get("a", ("html",)) == {"html": "A", "key": "a"}
    failed.put("c", {"html": "C"})
    failed.close()  # no sweep: the build failed
    good = PageCache(tmp_path / "c.sqlite")
    assert not good.has("c") and good.has("b")
    assert good.get("b", ("html",))
    good.sweep()
    good.close()
    assert not PageCache(tmp_path / "c.sqlite").has("a")  # not used by the last good build


def test_a_worker_that_dies_leaves_its_pages_to_this_process() -> None:
    from mkdocs_course.mkdocs import workers

    class Pass(workers.Stage):
        name = "test"

        def run(self, page: object) -> workers.Done:
            if page.file.src_uri == "p3" and os.getpid() != parent:  # type: ignore[attr-defined]
                os._exit(9)  # the worker is gone, mid-chunk
            return workers.Done(page.file.src_uri, fields={"pid": os.getpid()})  # type: ignore[attr-defined]

    parent = os.getpid()
    pages = [SimpleNamespace(file=SimpleNamespace(src_uri=f"p{i}")) for i in range(2 * workers.PAGES_LEFT_PER_WORKER)]  # enough to fork for
    stage = Pass(pages, workers=2, cache=None, keys={})
    try:
        got = {}
        for page in pages:
            done = stage.take(page)
            if done is None:
                done = stage.here(page)  # what the wrapper does: MkDocs' own turn
            got[page.file.src_uri] = done.fields["pid"]
        assert set(got) == {page.file.src_uri for page in pages}  # type: ignore[attr-defined]
        assert got["p3"] == parent  # done here, not lost
        assert any(pid != parent for pid in got.values())  # the workers did do pages
    finally:
        stage.close()


def test_a_folder_the_cache_cannot_be_written_in_means_no_cache_not_a_failed_build(tmp_path: Path) -> None:
    from mkdocs_course.outputs.page_cache import PageCache

    (tmp_path / ".cache").write_text("a file where the folder would go", encoding="utf-8")
    cache = PageCache(tmp_path / ".cache/mkdocs-course/site.sqlite")
    assert cache.db is None and not cache.has("a") and cache.get("a", ("html",)) is None
    cache.put("a", {"html": "A"})
    cache.sweep()
    cache.close()
    # and a build there still builds
    root = project(tmp_path / "project", "      workers: 1\n")
    (root / ".cache").write_text("not a folder", encoding="utf-8")
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    assert (root / "site/basics/basics-first/index.html").is_file()


def _gone(pid: int) -> bool:
    """Whether process `pid` has ended (exited, or a zombie waiting to be reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return True
    return state in ("Z", "X")


def test_the_workers_of_a_build_killed_outright_end_with_it(tmp_path: Path) -> None:
    # An author's trial: after `kill -KILL` of a build, its two workers waited forever to hand
    # back results, holding 400 MB.
    import signal
    import time

    from conftest import ROOT

    root = tmp_path / "course"
    for name in ("course", "lessons", "exercises", "docs", "mkdocs.yml"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, root / name)
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("      pdf: !ENV [COURSE_PDF, false]", "      pdf: false\n      workers: 2\n      cache: false"), encoding="utf-8")
    build = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(yml)], env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    deadline = time.monotonic() + 120
    while len(workers) < 2 and time.monotonic() < deadline and build.poll() is None:
        children = Path(f"/proc/{build.pid}/task/{build.pid}/children")
        workers = [int(p) for p in children.read_text().split()] if children.exists() else []
        time.sleep(0.005)
    assert len(workers) >= 2, "the build never started its workers"
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 10
    while not all(_gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [pid for pid in workers if not _gone(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"workers {left} outlived the build"


def test_a_build_leaves_the_folder_of_another_running_build_alone(tmp_path: Path) -> None:
    # An author's trial: a second build started while the first ran deleted the first's folder.
    from mkdocs_course.mkdocs.sitedir import Staging

    site = tmp_path / "site"
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    # An author's trial: a build killed by a `timeout` that was killed too stays a zombie until its
    # parent reaps it; it is over, and its folder is the next build's to clear.
    zombie = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 30
    while Path(f"/proc/{zombie.pid}/stat").read_text().split(")")[-1].split()[0] != "Z" and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        theirs = tmp_path / f".site.building-{running.pid}"
        (theirs / "module").mkdir(parents=True)
        dead = tmp_path / f".site.building-{ended.pid}"
        (dead / "module").mkdir(parents=True)
        undead = tmp_path / f".site.building-{zombie.pid}"
        (undead / "module").mkdir(parents=True)
        ours = Staging(site).start()
        assert ours.is_dir() and theirs.is_dir() and not dead.exists() and not undead.exists()
    finally:
        running.kill()
        running.wait()
        zombie.wait()


def test_the_helper_makes_the_pages_folders_and_is_waited_for(tmp_path: Path) -> None:
    from mkdocs_course.mkdocs.sitedir import Staging

    pages = [f"module-{m}/lesson-{n}/index.html" for m in range(20) for n in range(50)]
    staging = Staging(tmp_path / "site")
    building = staging.start(pages=pages)
    assert staging.helper is not None and staging.helper[1] == pages
    (building / "module-3/lesson-7").mkdir(parents=True, exist_ok=True)  # the build, ahead of the helper
    (building / "module-3/lesson-7/index.html").write_text("page", encoding="utf-8")
    assert staging.finish() is None
    site = tmp_path / "site"
    # Every folder the helper made for a page the build did not write is gone: only the page's is left.
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == ["module-3", "module-3/lesson-7", "module-3/lesson-7/index.html"]
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    # A build that fails waits for its helper before clearing its folder: nothing is left beside the site.
    staging = Staging(site)
    staging.start(pages=pages)
    staging.abandon()
    assert [p.name for p in tmp_path.iterdir()] == ["site"] and staging.helper is None


def test_warnings_kept_with_their_file_are_said_until_the_file_is_fixed(tmp_path: Path) -> None:
    # The lint rules that read a file's text run again only on files changed since the last
    # good build (CoursePlugin._lint); the warnings of the others come from the cache.
    root = project(tmp_path, "      workers: 1\n")
    merged = "objectives:\n  - Take the first step today.\n   - And the second\n"
    edit(root, "objectives:\n  - Take the first step.\n", merged)
    warning = "lessons/basics/01-first.yml:6:4: warning: this line looks like a new list item"
    # A rule of the whole course, run every build: its place read from the parsed file the cache keeps.
    only = root / "lessons/practice/01-only.yml"
    only.write_text(only.read_text(encoding="utf-8").replace("title: Only lesson", "title: First lesson"), encoding="utf-8")
    same_title = "lessons/practice/01-only.yml:2:8: warning: lesson `practice-only` has the same title as lesson `basics-first`"
    linted = []
    for _ in range(2):  # found, then kept
        result = build(root, "--strict")
        assert result.returncode == 0 and "The course has 2 warnings" in result.stderr and warning in result.stderr, result.stderr[-3000:]
        assert same_title in result.stderr, result.stderr[-3000:]
        linted.append(tuple(map(int, re.search(r"lint: (\d+) course files, (\d+) from the cache", result.stderr).groups())))
    files = linted[0][0]
    assert linted == [(files, 0), (files, files)] and files > 5
    # Another file edited: this file's warning still said, from the cache.
    other = root / "lessons/basics/02-second.yml"
    other.write_text(other.read_text(encoding="utf-8").replace("title: Second lesson", "title: The second lesson"), encoding="utf-8")
    result = build(root, "--strict")
    assert warning in result.stderr and f"lint: {files} course files, {files - 1} from the cache" in result.stderr, result.stderr[-3000:]
    # A cache entry that is not a warning list is not believed: the file is read again.
    db = sqlite3.connect(root / CACHE)
    rows = db.execute(f"SELECT key, value FROM entries_v{FORMAT} WHERE value LIKE '%\"problems\"%'").fetchall()
    assert len(rows) > 5  # one per course file
    for key, value in rows:
        forged = value.replace('"line": 6', '"line": "six"')
        db.execute(f"UPDATE entries_v{FORMAT} SET value = ?, crc = ? WHERE key = ?", (forged, zlib.crc32(forged.encode("utf-8")), key))
    db.commit()
    db.close()
    result = build(root, "--strict")
    assert result.returncode == 0 and warning in result.stderr, result.stderr[-3000:]
    # Fixed: the warning goes.
    edit(root, merged, "objectives:\n  - Take the first step.\n")
    only.write_text(only.read_text(encoding="utf-8").replace("title: First lesson", "title: Only lesson"), encoding="utf-8")
    result = build(root, "--strict")
    assert result.returncode == 0 and "The course has" not in result.stderr and "this line looks like" not in result.stderr, result.stderr[-3000:]


def test_the_course_markdown_rendered_in_workers_comes_back_whole_or_not_at_all() -> None:
    from mkdocs_course.mkdocs import workers

    uris = [f"page-{i}" for i in range(20)]
    assert sorted(workers.Ahead(lambda share: [u.upper() for u in share], uris, workers=2).results() or []) == sorted(u.upper() for u in uris)

    def dies(share: list[str]) -> list[str]:
        os._exit(3)

    def fails(share: list[str]) -> list[str]:
        raise ValueError("a template that does not render")

    # None: the build renders the pages itself, as MkDocs would, and says what is wrong there.
    assert workers.Ahead(dies, uris, workers=2).results() is None
    assert workers.Ahead(fails, uris, workers=2).results() is None


def test_a_plain_build_collects_cycles_seldom_and_gives_the_thresholds_back() -> None:
    import atexit
    import gc

    from mkdocs_course.mkdocs.workers import SELDOM, collect_seldom

    before = gc.get_threshold()
    try:
        assert collect_seldom("serve") is None and gc.get_threshold() == before  # `mkdocs serve` lives on
        saved = collect_seldom("build")
        assert saved == before and gc.get_threshold() == SELDOM
        assert collect_seldom("nested") is None  # a translation's build inside it: the build's to give back
        # The heap left out of Python's last sweep at exit, asked for once however many builds run.
        gc.set_threshold(*before)
        callbacks = atexit._ncallbacks()
        assert collect_seldom("build") == before and atexit._ncallbacks() == callbacks
    finally:
        gc.set_threshold(*before)


# --- the nav, rendered once per place (mkdocs/nav_memo.py) -------------------------------------------

MATERIAL_NAV = "def on_startup(command, dirty):\n    from mkdocs_course.mkdocs import nav_memo\n    nav_memo.ENABLED = False\n"


INLINE_PASS = "def on_startup(command, dirty):\n    from mkdocs_course.render import inline_triggers\n    inline_triggers.ENABLED = False\n"


def built_both_ways(folder: Path, extra: str = "", features: str = "", off: str = MATERIAL_NAV) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The mini course built with the nav memoized and with Material rendering every item itself
    (`features`: Material's, instead of the mini course's own); `off`: a hook that turns a shortcut
    off, the nav's by default."""
    sites = []
    for memo in (True, False):
        root = project(folder / ("memo" if memo else "material"), "      workers: 1\n      cache: false\n")
        if features:
            settings = root / "mkdocs.yml"
            settings.write_text(settings.read_text(encoding="utf-8").replace("features: [navigation.indexes]", f"features: [{features}]"), encoding="utf-8")
        with (root / "mkdocs.yml").open("a", encoding="utf-8") as f:
            f.write(extra)
        if not memo:
            with_hook(root, "shortcut_off.py", off)
        same_times(root)
        result = build(root, "--strict")
        assert result.returncode == 0, result.stderr
        sites.append(tree(root / "site"))
    return sites[0], sites[1]


@pytest.mark.parametrize("extra, features", [
    ("", ""),
    ("use_directory_urls: false\n", ""),
    # Material's features that change how an item is drawn by its place and its parent's state.
    ("", "navigation.tabs, navigation.sections, navigation.indexes, navigation.expand, navigation.prune, toc.integrate"),
    ("use_directory_urls: false\n", "navigation.sections, navigation.prune"),
])
def test_the_nav_rendered_once_per_place_is_the_nav_material_renders(tmp_path: Path, extra: str, features: str) -> None:
    memo, material = built_both_ways(tmp_path, extra, features)
    assert len(memo) > 50 and memo == material


def test_the_inline_pass_that_passes_over_patterns_builds_the_same_site(tmp_path: Path) -> None:
    """render/inline_triggers.py, in a whole build (its search index too)."""
    ours, python_markdowns = built_both_ways(tmp_path, off=INLINE_PASS)
    assert len(ours) > 50 and ours == python_markdowns


def test_a_nav_template_this_does_not_know_is_left_as_it_is() -> None:
    from mkdocs_course.mkdocs.nav_memo import memoized

    import material

    nav_item = (Path(material.__file__).parent / "templates/partials/nav-item.html").read_text(encoding="utf-8")
    assert "course_nav_memo" in (memoized("partials/nav-item.html", nav_item) or "")
    assert memoized("partials/nav-item.html", nav_item.replace("{{ render(item,", "{{ render(other,")) is None
    assert memoized("partials/nav.html", "<nav>{{ item.render(nav_item, path, 1) }}{{ item.render(nav_item, path, 1) }}</nav>") is None


def test_a_parsed_file_is_kept_with_its_places_apart_and_nothing_else_is_believed(tmp_path: Path) -> None:
    from mkdocs_course.load.yaml_source import from_json, read, to_json
    from mkdocs_course.outputs.page_cache import BLOB, PageCache, ParsedFiles, digest

    cache = PageCache(tmp_path / "c.sqlite")
    store = ParsedFiles(cache)
    doc, _ = read(b"id: a\ntitle: A\n", "a.yml")
    store.put("file", to_json(doc))
    assert store.get("file") == to_json(doc)  # this build's own, as it was put (lint reads what the loader parsed)
    kept = ParsedFiles(cache).get("file")  # a later build's
    assert kept is not None and isinstance(kept["places"], bytes)  # the places' text as bytes, not parsed with the data
    again = from_json("a.yml", kept)
    assert again is not None and again.data == doc.data and again.where(("title",)) == (2, 8)
    for forged in ({"document": ["not", "a", "document"], BLOB: b"[[], []]"}, {"document": {"data": {}}}):
        cache.put(digest(store.base, "forged"), forged)
        assert store.get("forged") is None
