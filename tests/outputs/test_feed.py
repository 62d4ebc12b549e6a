"""The Atom feed of daily lessons: valid Atom, stable ids, escaped text."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import FIXTURES
from mkdocs_course.outputs import feed
from mkdocs_course.outputs.feed import atom_feed
from mkdocs_course.load.loader import load_course
from mkdocs_course.render.urls import Layout, url_for

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


def test_changed_at_is_source_date_epoch_else_each_files_own_time(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yml", tmp_path / "new.yml"
    old.write_text("a", encoding="utf-8")
    new.write_text("b", encoding="utf-8")
    os.utime(old, (1_700_000_000, 1_700_000_000))
    os.utime(new, (1_800_000_000, 1_800_000_000))
    files = ["old.yml", "new.yml"]
    assert feed.changed_at(tmp_path, files, environ={}) == {"old.yml": at(1_700_000_000), "new.yml": at(1_800_000_000)}
    assert feed.changed_at(tmp_path, files, environ={"SOURCE_DATE_EPOCH": "1234567890"}) == {"old.yml": at(1_234_567_890), "new.yml": at(1_234_567_890)}
    # A malformed value is ignored rather than failing the build; a file gone meanwhile is left out, not a crash.
    assert feed.changed_at(tmp_path, ["old.yml", "gone.yml"], environ={"SOURCE_DATE_EPOCH": "soon"}) == {"old.yml": at(1_700_000_000)}


def at(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, timezone.utc)


def git(repo: Path, *args: str, when: int | None = None) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(repo), "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org"}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{when} +0000"
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def test_in_a_git_checkout_each_lesson_is_dated_by_its_last_commit_whatever_its_file_time(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    course = repo / "course-folder"  # the course may be a folder of the repository
    (course / "lessons").mkdir(parents=True)
    for name in ("a", "b", "c"):
        (course / f"lessons/{name}.yml").write_text(name, encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first", when=1_700_000_000)
    (course / "lessons/b.yml").write_text("b, edited", encoding="utf-8")
    git(repo, "commit", "-qam", "edit b", when=1_750_000_000)
    files = ["lessons/a.yml", "lessons/b.yml", "lessons/c.yml"]
    # A fresh clone: every file's time is the clone's; the history is what counts.
    for path in course.rglob("*.yml"):
        os.utime(path, (1_900_000_000, 1_900_000_000))
    assert feed.changed_at(course, files, environ={}) == {"lessons/a.yml": at(1_700_000_000), "lessons/b.yml": at(1_750_000_000), "lessons/c.yml": at(1_700_000_000)}
    # An edit not yet committed is a change: that file takes its own time.
    (course / "lessons/c.yml").write_text("c, being edited", encoding="utf-8")
    os.utime(course / "lessons/c.yml", (1_800_000_000, 1_800_000_000))
    assert feed.changed_at(course, files, environ={})["lessons/c.yml"] == at(1_800_000_000)


def test_the_same_course_gives_the_same_feed_from_any_checkout(tmp_path: Path) -> None:
    from conftest import copy_course

    repo = copy_course(FIXTURES / "mini", tmp_path / "repo")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "course", when=1_700_000_000)
    feeds = []
    for n, stamp in enumerate((1_800_000_000, 1_900_000_000)):
        clone = tmp_path / f"clone{n}"
        subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True, capture_output=True)
        for path in clone.rglob("*.yml"):
            os.utime(path, (stamp, stamp))
        course = load_course(clone)
        layout = Layout()
        feeds.append(atom_feed(course, url=url_for, lesson_uri=layout.lesson, home_uri=layout.home, feed_uri="feed.xml", updated=feed.changed_at(clone, [x.source for x in course.lessons], environ={})))
    assert feeds[0] == feeds[1]
    root = ET.fromstring(feeds[0].encode())
    assert {e.find("a:updated", NS).text for e in root.findall("a:entry", NS)} == {"2023-11-14T22:13:20Z"}
    assert root.find("a:updated", NS).text == "2023-11-14T22:13:20Z"
