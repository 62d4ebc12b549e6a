"""Shared fixtures: fixture courses, full builds in a temporary folder, and a real browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"
# Flags that keep Chromium from calling home on a machine with no network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]

MKDOCS_YML = """\
site_name: Test course
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - course{options}
"""


def copy_course(source: Path, dest: Path) -> Path:
    """A writable copy of a fixture course, with an empty docs/ and a mkdocs.yml."""
    shutil.copytree(source, dest, dirs_exist_ok=True)
    (dest / "docs").mkdir(exist_ok=True)
    if not (dest / "mkdocs.yml").exists():
        (dest / "mkdocs.yml").write_text(MKDOCS_YML.format(options=""), encoding="utf-8")
    return dest


def edit(root: Path, rel: str, old: str, new: str) -> None:
    """Replace the first `old` in the course file `rel` (which must contain it) with `new`."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def reported(root: Path) -> list[str]:
    """Every problem of the course in `root` as "path:line:col: message | hint"; it must not load."""
    from mkdocs_course.load.loader import check_course

    course, problems = check_course(root)
    assert course is None, "expected problems, the course loaded"
    return [f"{p.path}:{p.line}:{p.column}: {p.message} | {p.hint}" for p in problems]


@pytest.fixture
def mini_course(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/mini with its own mkdocs.yml."""
    return copy_course(FIXTURES / "mini", tmp_path / "mini")


def mkdocs_build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build` in a subprocess, as an author would.

    In-process builds turn off log propagation and break caplog in later tests
    (see shared/design.md), so every full build runs in a child process.
    """
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), *extra],
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(project)},
        timeout=300,
    )


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped course, built once per test session into a temporary site/."""
    out = tmp_path_factory.mktemp("shipped") / "site"
    result = mkdocs_build(ROOT, "--strict", "-d", str(out))
    assert result.returncode == 0, result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        # Always the file as it is now: http.server answers a reload's If-Modified-Since by the
        # second, so a page rebuilt within the same second as the last one came back "304 Not
        # Modified" and the browser showed the old page (a rebuild test failed in CI that way).
        del self.headers["If-Modified-Since"]
        return super().send_head()


def serve(folder: Path) -> tuple[socketserver.TCPServer, str]:
    """Serve `folder` over HTTP on a free loopback port; returns the server and its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """`serve(folder)` for the length of a `with` block; the server stops however the block ends."""
    server, url = serve(folder)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def shipped_url(shipped_site: Path) -> Iterator[str]:
    with serving(shipped_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, driven by Playwright (decision D9). Never `playwright install`."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser context (empty localStorage) and page for one test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    yield context.new_page()
    context.close()


def download_by_clicking(page: object, button: str) -> object:
    """Click the button named `button` and return the file it saves (a Playwright Download).

    Our buttons save through a hidden `<a download>` on a blob: URL, a navigation that
    turns into a download and never commits. `expect_download` is the check that the file
    came, so the click does not also wait on that navigation. (CI's one hang here, at
    stop 10, was the page itself stuck: two open tabs set each other off through storage
    events; tests/learner/test_track_browser.py::test_open_tabs_follow_each_other_and_then_stay_quiet.)
    """
    with page.expect_download() as info:  # type: ignore[attr-defined]
        page.get_by_role("button", name=button).click(no_wait_after=True)  # type: ignore[attr-defined]
    return info.value


def wait_for(check: Callable[[], bool], seconds: float = 60) -> bool:
    """Poll `check` until it holds (True) or `seconds` pass (False): for servers starting and rebuilding."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False


# --- lanes -------------------------------------------------------------------------------------
# Every test is marked by what it needs, so a quick lane runs without them:
#   pytest -m "not browser and not build"   (seconds: the model, loading, rendering, outputs)
# `browser`: it drives Chromium (the `browser` or `page` fixture). `build`: it builds a site
# with MkDocs in a subprocess (a built-site fixture, or a module that calls mkdocs_build).
BROWSER_FIXTURES = {"browser", "page", "shipped_url"}
BUILD_FIXTURES = {"shipped_site", "shipped_url", "sites", "mini", "built_site"}
_BUILDS = ("mkdocs_build(", "build_mini(", "mini_site(", "quality.sites(", '"mkdocs", "build"', "mkdocs.commands.build")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    sources: dict[str, bool] = {}
    for item in items:
        path = str(item.path)
        if path not in sources:
            sources[path] = any(mark in item.path.read_text(encoding="utf-8") for mark in _BUILDS)
        names = set(getattr(item, "fixturenames", ()))
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if names & BUILD_FIXTURES or sources[path]:
            item.add_marker(pytest.mark.build)
