"""An Atom feed of the daily lessons, so a learner can follow the track in a reader.

A static site cannot know when each learner started, so the feed holds every
lesson in track order, each with its day in the title and its summary points as
content. Entry ids are UUIDs derived from the course and lesson ids: a rebuilt
or moved site keeps them, so readers never show a lesson twice.

Each entry's `updated` is when its lesson last changed, and the feed's is the
newest of them: the same course gives the same feed, and a reader sees an entry
change only when its lesson did. The time comes from the course's own history
(`changed_at`): `SOURCE_DATE_EPOCH` when the build sets it; else, in a git
checkout, the last commit of the lesson's file (a fresh clone has every file's
time set to the moment of the clone, which would "update" every lesson); else,
or for a file with changes not yet committed, the file's modification time.
Never the clock inside `atom_feed`, which keeps the output reproducible.
"""

from __future__ import annotations

import os
import subprocess
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from pathlib import Path

from .. import model
from ..model import i18n

ATOM = "http://www.w3.org/2005/Atom"
FEED_NAMESPACE = uuid.UUID("6f1d3c1e-1b8a-5c61-9a0e-7d8c2f4e5a10")  # fixed: ids must never change


GIT_TIMEOUT = 20  # seconds: a history too slow to read falls back to file times


def changed_at(root: Path, sources: list[str], environ: Mapping[str, str] = os.environ) -> dict[str, datetime]:
    """When each course file (a '/'-separated path under `root`) last changed; see the module docstring."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        fixed = datetime.fromtimestamp(int(epoch), timezone.utc)
        return {rel: fixed for rel in sources}
    committed = _git_times(root, sources)
    out: dict[str, datetime] = {}
    for rel in sources:
        if rel in committed:
            out[rel] = committed[rel]
            continue
        try:
            out[rel] = datetime.fromtimestamp(int((root / rel).stat().st_mtime), timezone.utc)
        except OSError:
            pass  # gone while the site was built: the entry takes the newest time of the rest
    return out


def _git_times(root: Path, sources: list[str]) -> dict[str, datetime]:
    """The last commit time of each source file that git tracks and that has no uncommitted change."""
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=GIT_TIMEOUT, check=False)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout if done.returncode == 0 else None

    top = git("rev-parse", "--show-toplevel")
    if top is None:
        return {}
    prefix = root.resolve().relative_to(Path(top.strip()).resolve()).as_posix() if Path(top.strip()).resolve() != root.resolve() else ""
    wanted = {f"{prefix}/{rel}" if prefix else rel: rel for rel in sources}
    status = git("status", "--porcelain", "--untracked-files=all", "--no-renames", "--", ".")
    log = git("log", "--format=%x00%ct", "--name-only", "--no-renames", "--", ".")
    if status is None or log is None:
        return {}
    dirty = {line[3:] for line in status.splitlines() if len(line) > 3}
    out: dict[str, datetime] = {}
    when = None
    for line in log.splitlines():
        if line.startswith("\0"):
            when = datetime.fromtimestamp(int(line[1:]), timezone.utc)
        elif line and when is not None and line in wanted and line not in dirty and wanted[line] not in out:
            out[wanted[line]] = when
    return out


def entry_id(course_id: str, *parts: str) -> str:
    return uuid.uuid5(FEED_NAMESPACE, "/".join((course_id, *parts))).urn


def atom_feed(
    course: model.Course, *, url: Callable[[str], str], lesson_uri: Callable[[model.Lesson], str], home_uri: str, feed_uri: str,
    updated: Mapping[str, datetime] | datetime,
) -> str:
    """The Atom document. `url` turns a page uri into the link a reader should follow; `updated`
    is when each lesson changed, by its source file (`changed_at`), or one time for all."""
    def stamp(when: datetime) -> str:
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        return when.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")

    times = {lesson.source: updated for lesson in course.lessons} if isinstance(updated, datetime) else dict(updated)
    newest = max(times.values(), default=datetime(1970, 1, 1, tzinfo=timezone.utc)) if not isinstance(updated, datetime) else updated
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    words = i18n.translator(course.data.language)  # the feed's own words in the course's language
    _ = words.gettext
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": course.data.language})
    sub(feed, "id", entry_id(course.id))
    sub(feed, "title", course.title)
    sub(feed, "subtitle", _("One short lesson a day: %(days)s in %(modules)s.") % {"days": i18n.counted(words, "day", len(course.lessons)), "modules": i18n.counted(words, "module", len(course.modules))})
    sub(feed, "updated", stamp(newest))
    sub(feed, "link", rel="alternate", type="text/html", href=url(home_uri))
    sub(feed, "link", rel="self", type="application/atom+xml", href=url(feed_uri))
    sub(feed, "generator", "mkdocs-course")
    author = sub(feed, "author")
    sub(author, "name", course.title)

    for lesson in course.lessons:
        module = course.module_of(lesson)
        entry = sub(feed, "entry")
        sub(entry, "id", entry_id(course.id, "lesson", lesson.id))
        sub(entry, "title", _("Day %(day)s: %(title)s") % {"day": lesson.day, "title": lesson.title})
        sub(entry, "updated", stamp(times.get(lesson.source, newest)))
        sub(entry, "link", rel="alternate", type="text/html", href=url(lesson_uri(lesson)))
        sub(entry, "category", term=module.id, label=module.title)
        sub(entry, "summary", f"{i18n.counted(words, 'minute', lesson.data.minutes)}. {lesson.data.objectives[0]}")
        # Plain text inside an XHTML-free HTML string: every value escaped by ElementTree.
        items = "".join(f"<li>{_escape(point)}</li>" for point in lesson.data.summary)
        sub(entry, "content", f"<p>{_escape(lesson.data.objectives[0])}</p><p>{_escape(_('Key points:'))}</p><ul>{items}</ul>", type="html")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
