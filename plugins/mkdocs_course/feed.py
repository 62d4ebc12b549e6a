"""An Atom feed of the daily lessons, so a learner can follow the track in a reader.

A static site cannot know when each learner started, so the feed holds every
lesson in track order, each with its day in the title and its summary points as
content. Entry ids are UUIDs derived from the course and lesson ids: a rebuilt
or moved site keeps them, so readers never show a lesson twice. Timestamps come
from the caller, never from the clock inside `atom_feed`, which keeps the output
reproducible; the plugin passes `updated_at(...)`: `SOURCE_DATE_EPOCH`, else the
time the newest course file changed.
"""

from __future__ import annotations

import os
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timezone
from pathlib import Path

from . import model

ATOM = "http://www.w3.org/2005/Atom"
FEED_NAMESPACE = uuid.UUID("6f1d3c1e-1b8a-5c61-9a0e-7d8c2f4e5a10")  # fixed: ids must never change


def updated_at(sources: Iterable[Path], environ: Mapping[str, str] = os.environ) -> datetime:
    """When the feed last changed: `SOURCE_DATE_EPOCH` if the build sets it, else the newest source file.

    Not the build time: a rebuild of unchanged lessons must not tell every
    reader that the feed changed.
    """
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    times = [p.stat().st_mtime for p in sources]
    return datetime.fromtimestamp(int(max(times)), timezone.utc) if times else datetime.now(timezone.utc).replace(microsecond=0)


def entry_id(course_id: str, *parts: str) -> str:
    return uuid.uuid5(FEED_NAMESPACE, "/".join((course_id, *parts))).urn


def atom_feed(course: model.Course, *, url: Callable[[str], str], lesson_uri: Callable[[model.Lesson], str], home_uri: str, feed_uri: str, updated: datetime) -> str:
    """The Atom document. `url` turns a page uri into the link a reader should follow."""
    if updated.tzinfo is None:
        updated = updated.replace(tzinfo=timezone.utc)
    stamp = updated.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": course.data.language})
    sub(feed, "id", entry_id(course.id))
    sub(feed, "title", course.title)
    sub(feed, "subtitle", f"One short lesson a day: {len(course.lessons)} days in {len(course.modules)} modules.")
    sub(feed, "updated", stamp)
    sub(feed, "link", rel="alternate", type="text/html", href=url(home_uri))
    sub(feed, "link", rel="self", type="application/atom+xml", href=url(feed_uri))
    sub(feed, "generator", "mkdocs-course")
    author = sub(feed, "author")
    sub(author, "name", course.title)

    for lesson in course.lessons:
        module = course.module_of(lesson)
        entry = sub(feed, "entry")
        sub(entry, "id", entry_id(course.id, "lesson", lesson.id))
        sub(entry, "title", f"Day {lesson.day}: {lesson.title}")
        sub(entry, "updated", stamp)
        sub(entry, "link", rel="alternate", type="text/html", href=url(lesson_uri(lesson)))
        sub(entry, "category", term=module.id, label=module.title)
        sub(entry, "summary", f"{lesson.data.minutes} minutes. {lesson.data.objectives[0]}")
        # Plain text inside an XHTML-free HTML string: every value escaped by ElementTree.
        items = "".join(f"<li>{_escape(point)}</li>" for point in lesson.data.summary)
        sub(entry, "content", f"<p>{_escape(lesson.data.objectives[0])}</p><p>Key points:</p><ul>{items}</ul>", type="html")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
