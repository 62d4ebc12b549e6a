"""The Atom feed of daily lessons: valid Atom, stable ids, escaped text."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import FIXTURES
from mkdocs_course import feed
from mkdocs_course.feed import atom_feed
from mkdocs_course.loader import load_course
from mkdocs_course.pages import Layout, url_for

NS = {"a": "http://www.w3.org/2005/Atom"}
WHEN = datetime(2026, 11, 22, 9, 30, tzinfo=timezone.utc)


def make_feed(course, site: str = "https://example.org/course/") -> str:
    layout = Layout()
    return atom_feed(course, url=lambda uri: site + url_for(uri), lesson_uri=layout.lesson, home_uri=layout.home, feed_uri="feed.xml", updated=WHEN)


@pytest.fixture(scope="module")
def course():
    return load_course(FIXTURES / "mini")


def test_feed_lists_every_lesson_in_order(course) -> None:
    root = ET.fromstring(make_feed(course).encode("utf-8"))
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.find("a:title", NS).text == "Mini course"
    assert root.find("a:updated", NS).text == "2026-11-22T09:30:00Z"
    assert root.find("a:link[@rel='self']", NS).get("href") == "https://example.org/course/feed.xml"
    entries = root.findall("a:entry", NS)
    assert [e.find("a:title", NS).text for e in entries] == ["Day 1: First lesson", "Day 2: Second lesson", "Day 3: Only lesson"]
    assert entries[0].find("a:link", NS).get("href") == "https://example.org/course/basics/basics-first/"
    assert entries[2].find("a:category", NS).get("term") == "practice"
    assert "<li>First things first.</li>" in entries[0].find("a:content", NS).text
    # Every entry has what Atom requires: id, title, updated.
    for entry in entries:
        assert entry.find("a:id", NS).text.startswith("urn:uuid:")
        assert entry.find("a:updated", NS) is not None


def test_ids_do_not_depend_on_order_url_or_time(course, mini_course) -> None:
    first = ET.fromstring(make_feed(course).encode())
    ids = {e.find("a:title", NS).text.split(": ", 1)[1]: e.find("a:id", NS).text for e in first.findall("a:entry", NS)}
    # Reorder the module's lessons and publish elsewhere: the ids stay.
    path = mini_course / "lessons/basics/module.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("outcomes:", "lessons: [basics-second, basics-first]\noutcomes:"), encoding="utf-8")
    moved = ET.fromstring(make_feed(load_course(mini_course), site="http://localhost:8000/").encode())
    assert {e.find("a:title", NS).text.split(": ", 1)[1]: e.find("a:id", NS).text for e in moved.findall("a:entry", NS)} == ids
    assert len(set(ids.values())) == 3


def test_markup_in_lesson_text_is_escaped(mini_course) -> None:
    path = mini_course / "lessons/basics/01-first.yml"
    text = path.read_text(encoding="utf-8").replace("title: First lesson", 'title: "<b>&"').replace("- First things first.", '- "<script>x</script>"')
    path.write_text(text, encoding="utf-8")
    root = ET.fromstring(make_feed(load_course(mini_course)).encode())  # still well-formed XML
    entry = root.findall("a:entry", NS)[0]
    assert entry.find("a:title", NS).text == "Day 1: <b>&"
    assert "&lt;script&gt;x&lt;/script&gt;" in entry.find("a:content", NS).text


def test_feed_updated_is_source_date_epoch_else_the_newest_course_file(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yml", tmp_path / "new.yml"
    old.write_text("a", encoding="utf-8")
    new.write_text("b", encoding="utf-8")
    os.utime(old, (1_700_000_000, 1_700_000_000))
    os.utime(new, (1_800_000_000, 1_800_000_000))
    assert feed.updated_at([old, new], environ={}) == datetime.fromtimestamp(1_800_000_000, timezone.utc)
    assert feed.updated_at([old, new], environ={"SOURCE_DATE_EPOCH": "1234567890"}) == datetime.fromtimestamp(1_234_567_890, timezone.utc)
    # A malformed value is ignored rather than failing the build.
    assert feed.updated_at([old], environ={"SOURCE_DATE_EPOCH": "soon"}) == datetime.fromtimestamp(1_700_000_000, timezone.utc)
