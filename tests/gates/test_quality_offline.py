"""Offline gate: the built site, zipped, unzipped elsewhere and opened from disk (file://),
is used like the served site: nav links, the daily track, a lesson's reflection, a
worksheet, progress and the journal. Nothing is requested from anywhere but the disk.

The supported offline route is exactly this: `site/` as built by `make site`, copied or
zipped anywhere, opened at `index.html` (README.md, "Offline"). Links to folders get
`index.html` added by course.js when a page is opened from disk; search is the one part
that needs a web server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import quality

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unzipped(shipped_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return quality.zipped_copy(shipped_site, tmp_path_factory.mktemp("offline"))


@pytest.fixture
def offline(browser, unzipped: Path) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.requests = requests
    page.js_errors = errors
    yield page
    context.close()


def follow(link: Any) -> None:
    """Click a link and wait until the page it opens has loaded (and its scripts ran)."""
    with link.page.expect_navigation(wait_until="load"):
        link.click()


def nav_to(page: Any, title: str) -> None:
    """Follow the primary nav's link named `title`, as a learner clicks it."""
    follow(page.locator(".md-nav--primary a.md-nav__link", has_text=title).first)


def folder_links(page: Any) -> list[str]:
    """Links in the page that still point at a folder (they would open a file listing)."""
    return page.evaluate("""() => [...document.querySelectorAll("a[href]")].map(a => a.getAttribute("href"))
        .filter(h => !/^[a-z][a-z0-9+.-]*:|^#|^\\?|^\\/\\//i.test(h))
        .filter(h => /(^|\\/)(\\.\\.?)?$/.test(h.split(/[?#]/)[0]))""")


def test_a_learner_takes_the_course_from_a_zipped_copy(offline: Any, unzipped: Path) -> None:
    page = offline
    data = quality.manifest(unzipped)
    home = (unzipped / "index.html").as_uri()
    page.goto(home)
    assert folder_links(page) == []

    nav_to(page, "Today")
    assert page.url == (unzipped / data["pages"]["today"] / "index.html").as_uri()
    page.get_by_role("button", name="Start today").click()
    follow(page.locator("a.course-go"))
    lesson = (unzipped / data["lessons"][0]["url"] / "index.html").as_uri()
    assert page.url == lesson
    assert folder_links(page) == []  # including the links the daily track drew

    # A reflection is saved, and is still there after the page is opened again.
    reflection = page.locator(".course-reflection textarea").first
    reflection.fill("Written offline.")
    assert "Saved in this browser." in page.locator(".course-reflection .course-save-status").first.inner_text()
    page.get_by_role("button", name="Mark this lesson done").click()
    page.goto(lesson)
    assert page.locator(".course-reflection textarea").first.input_value() == "Written offline."

    # A worksheet, reached through the lesson's own link.
    sheet = data["worksheets"][[w["id"] for w in data["worksheets"]].index(data["lessons"][0]["worksheets"][0])]
    follow(page.locator(".md-content a", has_text=sheet["title"]).first)
    assert page.url == (unzipped / sheet["url"] / "index.html").as_uri()
    first_field = page.locator(".course-worksheet input[type=text], .course-worksheet textarea").first
    first_field.fill("Also offline.")
    page.reload()
    assert page.locator(".course-worksheet input[type=text], .course-worksheet textarea").first.input_value() == "Also offline."

    # Progress and the journal see both.
    nav_to(page, "Progress")
    module = data["modules"][0]
    assert f"1 of {len(module['lessons'])} done" in page.locator(f'[data-course-module-count="{module["id"]}"]').inner_text()
    nav_to(page, "My journal")
    page.wait_for_selector("text=Written offline.")

    assert [url for url in page.requests if not url.startswith(("file://", "data:", "blob:"))] == []
    # The one error: Material's search, which cannot start its worker from disk.
    search = (unzipped / "search" / "search_index.js").as_uri()
    assert [e for e in page.js_errors if e != f"Invalid script: {search}"] == []


def test_links_to_folders_open_the_page_not_a_file_listing(offline: Any, unzipped: Path) -> None:
    page = offline
    data = quality.manifest(unzipped)
    # Every kind of page, opened from disk: no link left pointing at a folder. Not the
    # 404 page: only a web server shows it, so its links are absolute (from the site root).
    for url in quality.page_types(unzipped).values():
        if url == "404.html":
            continue
        page.goto((unzipped / url / "index.html" if url.endswith("/") or url == "" else unzipped / url).as_uri())
        assert folder_links(page) == [], url
    # And one is followed for real: the page, not "Index of".
    page.goto((unzipped / data["lessons"][0]["url"] / "index.html").as_uri())
    follow(page.locator(".course-pager-next"))
    assert page.url == (unzipped / data["lessons"][1]["url"] / "index.html").as_uri()
    assert "Index of" not in page.title()


def test_served_over_http_links_are_left_as_built(browser, shipped_site: Path) -> None:
    page = browser.new_page()
    try:
        page.goto(quality.served(shipped_site) + quality.manifest(shipped_site)["lessons"][0]["url"])
        assert page.locator(".course-pager-next").get_attribute("href").endswith("/")
    finally:
        page.close()
