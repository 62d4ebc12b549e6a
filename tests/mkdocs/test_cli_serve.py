"""Live preview: under a real `mkdocs serve`, a broken edit is reported and the last good site stays up.

MkDocs 1.6 on its own logs a failed rebuild and then holds every page request
until a rebuild succeeds, so the author's browser hangs. The plugin ends a
rebuild that failed on course problems quietly (the site folder is untouched
by then), so MkDocs keeps serving the last good pages.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import edit, wait_for


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str] | None:
    """Status and text of `url`; None when the server does not answer within 10 s."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


@pytest.fixture
def served(mini_course: Path) -> Iterator[tuple[Path, str, Path]]:
    yield from serving(mini_course)


def serving(course: Path, *options: str) -> Iterator[tuple[Path, str, Path]]:
    port = free_port()
    log_path = course.parent / "serve.log"
    # The log goes to a file: an unread pipe could fill up and stall the server.
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(course / "mkdocs.yml"), "-a", f"127.0.0.1:{port}", *options],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            yield course, f"http://127.0.0.1:{port}/", log_path
        finally:
            process.terminate()
            process.wait(timeout=20)


def test_a_broken_edit_is_shown_in_the_terminal_and_the_last_good_page_stays(served: tuple[Path, str, Path]) -> None:
    course, url, log_path = served
    lesson_url = url + "basics/basics-first/"
    rel = "lessons/basics/01-first.yml"
    lesson = course / rel

    def title_is(text: str) -> bool:
        got = fetch(lesson_url)
        return got is not None and got[0] == 200 and f">{text}</h1>" in got[1]

    assert wait_for(lambda: title_is("First lesson")), "serve never came up:\n" + log_path.read_text(encoding="utf-8")

    # A good edit shows.
    edit(course, rel, "title: First lesson", "title: Renamed lesson")
    assert wait_for(lambda: title_is("Renamed lesson")), "the good edit never showed"

    # A broken edit (with a new title in the same save) is reported in the terminal, with its position...
    edit(course, rel, "minutes: 10", "minuts: 10")
    edit(course, rel, "title: Renamed lesson", "title: Broken edit")
    reported = "lessons/basics/01-first.yml:3:1: error: unknown key `minuts`\n    hint: did you mean `minutes`?\n"
    assert wait_for(lambda: reported in log_path.read_text(encoding="utf-8")), log_path.read_text(encoding="utf-8")
    log = log_path.read_text(encoding="utf-8")
    assert "The last good version of the site is still being served; save a fix to rebuild." in log
    assert "appear stuck" not in log and "Traceback" not in log

    # ...and the server keeps answering with the last good page, not hanging and not a 404.
    time.sleep(2)  # let the failed rebuild finish completely
    got = fetch(lesson_url)
    assert got is not None, "the server hung after a failed rebuild"
    assert got[0] == 200 and ">Renamed lesson</h1>" in got[1] and "Broken edit" not in got[1]
    home = fetch(url)
    assert home is not None and home[0] == 200

    # A second kind of break, a YAML syntax error, behaves the same.
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("minuts: 10", "minutes: 10").replace("action: Write one line.", "action: Write: one line."), encoding="utf-8")
    assert wait_for(lambda: "YAML syntax error: mapping values are not allowed in this context" in log_path.read_text(encoding="utf-8"))
    time.sleep(2)
    assert title_is("Renamed lesson")

    # Fixing the file brings the new text in.
    edit(course, rel, "action: Write: one line.", "action: Write one line.")
    assert wait_for(lambda: title_is("Broken edit")), "the fix never showed"


def test_the_recommended_quick_preview_works_with_strict_mode(mini_course: Path) -> None:
    """`mkdocs serve --dirty` (what `make serve` runs, and what the plugin recommends for long courses)
    with `strict: true`, as the shipped mkdocs.yml has it: MkDocs' own "dirty build" warning would abort it at once."""
    config = mini_course / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "strict: true\n", encoding="utf-8")
    preview = serving(mini_course, "--dirty")
    course, url, log_path = next(preview)
    try:
        lesson_url = url + "basics/basics-first/"

        def title_is(text: str) -> bool:
            got = fetch(lesson_url)
            return got is not None and got[0] == 200 and f">{text}</h1>" in got[1]

        assert wait_for(lambda: title_is("First lesson")), "serve --dirty never came up:\n" + log_path.read_text(encoding="utf-8")
        edit(course, "lessons/basics/01-first.yml", "title: First lesson", "title: Renamed lesson")
        assert wait_for(lambda: title_is("Renamed lesson")), log_path.read_text(encoding="utf-8")
        log = log_path.read_text(encoding="utf-8")
        assert "Aborted" not in log and "strict mode" not in log
        assert "INFO    -  A 'dirty' build is being performed" in log  # still said, as a notice
    finally:
        preview.close()
