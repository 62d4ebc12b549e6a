"""`mkdocs serve` rebuilds when a course YAML file changes."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import wait_for


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


@pytest.fixture
def served(mini_course: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    port = free_port()
    # The log goes to a file: an unread pipe can fill up and stall the server.
    with open(mini_course / "serve.log", "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(mini_course / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            yield mini_course, f"http://127.0.0.1:{port}/", process
        finally:
            process.terminate()
            process.wait(timeout=20)


def test_editing_a_lesson_shows_on_reload(served) -> None:
    course, url, process = served
    lesson_url = url + "basics/basics-first/"
    assert wait_for(lambda: "First lesson" in (fetch(lesson_url) or "")), "serve never came up"

    lesson = course / "lessons/basics/01-first.yml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("title: First lesson", "title: A renamed first lesson"), encoding="utf-8")

    assert wait_for(lambda: "A renamed first lesson" in (fetch(lesson_url) or "")), "the edit never showed"


def test_editing_a_worksheet_shows_on_reload(served) -> None:
    course, url, process = served
    sheet_url = url + "worksheets/all-fields/"
    assert wait_for(lambda: "Every field type" in (fetch(sheet_url) or "")), "serve never came up"
    sheet = course / "exercises/all-fields.yml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("label: Your name", "label: What should we call you?"), encoding="utf-8")
    assert wait_for(lambda: "What should we call you?" in (fetch(sheet_url) or "")), "the edit never showed"


def test_editing_a_translation_shows_on_reload_in_its_language(mini_course: Path) -> None:
    # The translations folder is a course folder too: an edit there rebuilds the Spanish site.
    import shutil

    from conftest import FIXTURES, edit

    shutil.copytree(FIXTURES / "translations/es", mini_course / "translations/es", ignore=shutil.ignore_patterns("*.md"))
    edit(mini_course, "course/course.yml", "language: en", "language: en\ntranslations: [es]")
    port = free_port()
    with open(mini_course / "serve.log", "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(mini_course / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
            stdout=log, stderr=subprocess.STDOUT, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            lesson_url = f"http://127.0.0.1:{port}/es/basics/basics-first/"
            assert wait_for(lambda: "Primera lección" in (fetch(lesson_url) or "")), "serve never came up"
            edit(mini_course, "translations/es/lessons/basics/01-first.yml", "title: Primera lección", "title: La primera lección, otra vez")
            assert wait_for(lambda: "La primera lección, otra vez" in (fetch(lesson_url) or "")), "the edit never showed"
        finally:
            process.terminate()
            process.wait(timeout=20)


def test_the_course_folders_are_polled_faster_than_the_rest(mini_course: Path, tmp_path: Path) -> None:
    # An author waits on a lesson edit: MkDocs polls what it watches every 0.5 s,
    # the plugin has the course's folders polled every 0.1 s, and leaves the rest alone.
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    from mkdocs_course.mkdocs.serve import COURSE_POLL_SECONDS

    config = load_config(str(mini_course / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(mini_course / "docs"))
        config.plugins.on_serve(server, config=config, builder=server.builder)
        server.watch(str(mini_course / "mkdocs.yml"))  # watched as its folder
        polled = {os.path.relpath(e.watch.path, mini_course): e.timeout for e in server.observer.emitters}
    finally:
        server.server_close()
        config.plugins.on_shutdown()
    assert COURSE_POLL_SECONDS == 0.1
    assert polled == {"docs": 0.5, "course": 0.1, "lessons": 0.1, "exercises": 0.1, ".": 0.5}


@contextlib.contextmanager
def previewing(served, browser) -> Iterator[tuple[Path, object]]:
    """The first lesson open in Chromium under `mkdocs serve`, once the server answers."""
    course, url, process = served
    lesson_url = url + "basics/basics-first/"
    assert wait_for(lambda: "First lesson" in (fetch(lesson_url) or "")), "serve never came up"
    page = browser.new_page()
    try:
        page.goto(lesson_url)
        yield course, page
    finally:
        page.close()

@pytest.mark.browser
def test_a_bad_save_lists_its_problems_on_the_previewed_page_until_a_good_save(served, browser) -> None:
    with previewing(served, browser) as (course, page):
        overlay = page.locator("#course-serve-problems")
        # The page has asked for the problem list (livereload's long poll keeps the network busy).
        page.wait_for_function("performance.getEntriesByType('resource').some(e => e.name.includes('serve-problems.json'))")
        assert overlay.count() == 0
        lesson = course / "lessons/basics/01-first.yml"
        good = lesson.read_text(encoding="utf-8")
        # Two problems in two places, as an author might leave them.
        lesson.write_text(good.replace("minutes: 10", "minutes: ten").replace("routine: warm-up", "routine: warm-upp"), encoding="utf-8")
        overlay.wait_for(timeout=30_000)  # MkDocs reloads the page after the failed rebuild
        text = overlay.inner_text()
        assert "The course has 2 problems: this page is the last good version" in text
        assert "lessons/basics/01-first.yml:3:10: error: minutes should be a whole number, not text" in text
        assert "hint: did you mean warm-up?" in text  # its `code` shown as code, without the backticks
        assert overlay.get_attribute("role") == "alert"
        assert page.get_by_role("heading", name="First lesson", exact=True).is_visible()  # the last good page, under it
        lesson.write_text(good.replace("title: First lesson", "title: Fixed first lesson"), encoding="utf-8")
        page.get_by_role("heading", name="Fixed first lesson").wait_for(timeout=30_000)
        assert overlay.count() == 0


def test_a_built_site_has_no_serve_problem_list(mini_course: Path) -> None:
    from conftest import mkdocs_build

    assert mkdocs_build(mini_course).returncode == 0
    site = mini_course / "site"
    assert not list(site.rglob("serve-problems*"))
    assert "serve-problems" not in (site / "basics/basics-first/index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_a_save_that_builds_but_leaves_a_warning_lists_it_over_an_up_to_date_page(served, browser) -> None:
    with previewing(served, browser) as (course, page):
        lesson = course / "lessons/basics/01-first.yml"
        good = lesson.read_text(encoding="utf-8")
        # A list item one space too far: valid YAML, merged into the item above.
        lesson.write_text(good.replace("objectives:\n  - Take the first step.\n", "objectives:\n  - Take the first step today.\n   - And the second\n"), encoding="utf-8")
        overlay = page.locator("#course-serve-problems")
        overlay.wait_for(timeout=30_000)
        text = overlay.inner_text()
        assert "The course has a warning: the page is up to date" in text
        assert "lessons/basics/01-first.yml:6:4: warning: this line looks like a new list item" in text
        assert overlay.locator("code", has_text="- ").count() >= 1  # the hint's `code` is code, not backticks
        assert "Take the first step today. - And the second" in page.locator("article").inner_text()  # the page is the new one
        lesson.write_text(good, encoding="utf-8")
        page.get_by_text("Take the first step.", exact=True).wait_for(timeout=30_000)
        assert overlay.count() == 0


def test_a_build_says_the_courses_warnings_and_still_builds_strict(mini_course: Path) -> None:
    from conftest import mkdocs_build

    lesson = mini_course / "lessons/basics/01-first.yml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("action: Write one line.", "action: |\n  One small, concrete thing to do today, in a sentence or two."), encoding="utf-8")
    built = mkdocs_build(mini_course, "--strict")
    assert built.returncode == 0, built.stderr
    assert "The course has 1 warning (`course validate` lists them all):" in built.stderr
    assert 'lessons/basics/01-first.yml:14:9: warning: example text from `course new` is still here: "One small, concrete thing to do today, in a sentence or two."' in built.stderr
