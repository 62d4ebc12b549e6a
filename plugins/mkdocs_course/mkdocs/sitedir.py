"""The built site on disk is always whole: built beside `site/`, swapped in when the build succeeded.

MkDocs cleans `site_dir` and writes into it page by page, so a build that stops
part-way (killed, a strict warning at the end, a file it cannot write) leaves a
site with some files or none: a deployed copy of that folder is broken. The
plugin points MkDocs at a fresh folder beside the site (`.site.building-<pid>`)
and, only once the build has succeeded, puts it in the site's place in one
step: on Linux with `renameat2(RENAME_EXCHANGE)`, which swaps the two folders
atomically; elsewhere with two renames, a moment apart. The old site is then
deleted. A build that fails or is killed leaves the old site as it was; the
folder it left half-built is removed as it stops (Ctrl-C) or, killed outright, by
the next build.

Not under `mkdocs serve` (its own temporary site) nor `mkdocs build --dirty`,
which updates the existing site in place on purpose. Nothing here imports MkDocs.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import shutil
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

from . import forked

BUILDING = ".{name}.building-"
OLD = ".{name}.old-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class Staging:
    """One build's folder beside the site, and the swap that puts it in the site's place."""

    def __init__(self, site: Path) -> None:
        self.site = site.resolve() if site.exists() else site.absolute()
        self.folder = self.site.parent / (BUILDING.format(name=self.site.name) + str(os.getpid()))
        self.helper: tuple[int, list[str]] | None = None  # the process making the pages' folders, and the pages

    def start(self, pages: Sequence[str] = ()) -> Path:
        """A fresh, empty folder to build into; folders left by earlier killed builds are cleared.

        Only those whose build is over: another build of the same site may be running beside
        this one (an author's second terminal, two CI jobs), and its folder is its own.
        The folders of `pages` (their files, site-relative) are made in it by a helper process meanwhile.
        """
        for pattern in (BUILDING, OLD):
            for stale in self.site.parent.glob(pattern.format(name=self.site.name) + "*"):
                if not _running(stale):
                    shutil.rmtree(stale, ignore_errors=True)
        self.folder.mkdir(parents=True)
        # A build stopped with Ctrl-C ends through Python's exit, past every MkDocs event: the
        # half-built folder goes then. (A build killed outright is the next build's to clear.)
        atexit.register(self.abandon)
        self.helper = _made_aside(self.folder, pages)
        return self.folder

    def _helped(self) -> None:
        """Wait for the helper: nothing may make a folder in the site once it is swapped in (or gone).
        A folder it made for a page the build did not write (one MkDocs found empty) goes."""
        helper, self.helper = self.helper, None
        if helper is None:
            return
        pid, pages = helper
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass  # reaped already
        for page in pages:
            if os.path.lexists(os.path.join(self.folder, page)):
                continue  # a look at the page, not at the folder: an rmdir that fails costs ten times as much
            folder = os.path.dirname(page)
            while folder:  # the folder, then each folder above it that is left empty
                try:
                    os.rmdir(os.path.join(self.folder, folder))  # only if empty
                except OSError:
                    break
                folder = os.path.dirname(folder)

    def finish(self) -> str | None:
        """Put the built folder in the site's place; returns a warning when the old site could not be deleted."""
        atexit.unregister(self.abandon)
        self._helped()
        if not self.site.exists():
            os.rename(self.folder, self.site)
            return None
        keep_unchanged(self.folder, self.site)
        old = self.site.parent / (OLD.format(name=self.site.name) + str(os.getpid()))
        if _exchange(self.folder, self.site):
            os.rename(self.folder, old)  # the folder now holds the old site
        else:
            os.rename(self.site, old)
            try:
                os.rename(self.folder, self.site)
            except OSError:
                os.rename(old, self.site)
                raise
        shutil.rmtree(old, ignore_errors=True)
        if old.exists():
            return f"the new site is in {self.site}, but the old one could not be deleted entirely: delete {old} by hand"
        return None

    def abandon(self) -> None:
        """The build failed or was stopped: the half-built folder goes, the site stays as it was."""
        atexit.unregister(self.abandon)
        self._helped()
        shutil.rmtree(self.folder, ignore_errors=True)


def _made_aside(root: Path, pages: Sequence[str]) -> tuple[int, list[str]] | None:
    """A forked process that makes the folders of `pages` in `root` while the build goes on; (its
    id, the pages) or None where processes cannot be forked.

    Making a folder is the slowest thing the file system does for a site: on an author's VM a
    third of a millisecond each, a third of a second for a thousand lessons (each page is a
    folder), where linking the page's unchanged file into it takes a hundredth of that. The
    build makes each page's folder as it writes the page; whoever comes first makes it (MkDocs
    and `workers.Build` ask for an existing folder). The helper ends with the build, even one
    killed outright (forked.py)."""
    if not pages or not sys.platform.startswith("linux"):
        return None  # forked as the build's workers are, on Linux only (workers.workers_for)
    made = list(pages)
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the helper: makes the folders, says nothing, runs nothing of the build's at exit
        try:
            forked.die_with(parent)
            for folder in sorted({os.path.dirname(page) for page in made} - {""}):
                os.makedirs(os.path.join(root, folder), exist_ok=True)
        finally:
            os._exit(0)
    return pid, made


def keep_unchanged(new: Path, old: Path) -> int:
    """Each file of the `new` site that holds the very bytes of the `old` site's file at the same
    place becomes that file (a hard link), so it keeps its time and a deploy that copies by size and
    time (`rsync -a`) skips it: the theme's files, the site's own pages, a page whose nav an edit
    did not change. Run once nothing writes to the new site any more (it is about to be swapped
    in); only regular files; where links cannot be made, files stay as they are. Returns how many."""
    kept = 0
    for folder, _, names in os.walk(new):
        twin_folder = os.path.join(old, os.path.relpath(folder, new))
        for name in names:
            path, twin = os.path.join(folder, name), os.path.join(twin_folder, name)
            try:
                mine, theirs = os.lstat(path), os.lstat(twin)
                if not stat.S_ISREG(mine.st_mode) or (mine.st_ino, mine.st_dev) == (theirs.st_ino, theirs.st_dev):
                    continue  # not a file, or linked already (workers.Build)
                with open(path, "rb") as f:
                    if not holds(twin, f.read()):
                        continue
                spare = f"{path}.{os.getpid()}.same"
                os.link(twin, spare)
            except OSError:
                continue
            try:
                os.replace(spare, path)
                kept += 1
            except OSError:
                os.unlink(spare)
    return kept


def holds(path: str, data: bytes) -> bool:
    """Whether `path` is a regular file (not a link) holding exactly `data`: a file of the old site
    the new one may be a hard link to."""
    try:
        found = os.lstat(path)
        if not stat.S_ISREG(found.st_mode) or found.st_size != len(data):
            return False
        with open(path, "rb") as f:
            return f.read() == data
    except OSError:
        return False


def _running(folder: Path) -> bool:
    """Whether the build that named `folder` (its process id is the name's end) is still running."""
    try:
        pid = int(folder.name.rsplit("-", 1)[1])
    except (IndexError, ValueError):
        return False
    if pid == os.getpid():
        return False  # an earlier build of this same process, over by now
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether `pid` is a process that has ended but was not reaped (Linux): a build killed by a
    `timeout` that was killed too stays one until its parent waits for it; it builds nothing."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False  # not Linux, or gone: as os.kill said
    return status.rsplit(")", 1)[-1].split()[:1] == ["Z"]


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux 3.15 and later); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name or not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return False
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0
