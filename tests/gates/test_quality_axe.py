"""Accessibility gate: axe-core (npm, pinned in package-lock.json) on every kind of page, in
light and dark, with and without a learner's data; and the worksheets and the daily track
used with the keyboard alone.

Zero violations of the WCAG 2.2 A/AA rules. Material's own failures (colour contrast,
links told apart by colour only, the unnamed search dialog) are fixed in course.css and
the plugin's theme partials, never by leaving a rule or a page out of the scan.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import quality

pytestmark = pytest.mark.browser

# Kinds of page every course site has; the rest is found from the site (quality.page_types).
CORE_KINDS = {
    "course home", "pages.today", "pages.progress", "pages.journal", "pages.certificate", "pages.summary",
    "pages.routines", "pages.worksheets", "pages.facilitator", "modules.url", "lessons.url", "lessons.url (last)",
    "routines.url", "worksheets.url", "packs.url", "cohorts.schedule", "cohorts.guide", "cohorts.pack",
}


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return quality.mini_site(tmp_path_factory)


@pytest.fixture(params=["shipped", "mini"])
def site(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue("shipped_site" if request.param == "shipped" else "mini_site")


def new_page(browser: Any, scheme: str) -> Any:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    return context.new_page()


def open_page(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")


def test_the_scan_covers_every_kind_of_page(shipped_site: Path, mini_site: Path) -> None:
    for site in (shipped_site, mini_site):
        kinds = quality.page_types(site)
        assert CORE_KINDS <= set(kinds), CORE_KINDS - set(kinds)
        assert any(kind.startswith("other: ") and ("authors/" in url or "guide/" in url) for kind, url in kinds.items())
        assert all(quality.html_file(site, url) for url in kinds.values())


@pytest.mark.parametrize("scheme", quality.SCHEMES)
def test_no_wcag_violations_on_any_kind_of_page(browser, site: Path, scheme: str) -> None:
    quality.need_node_modules()

    def in_scheme(page: Any, kind: str) -> None:
        # The scheme really is the one asked for: Material follows prefers-color-scheme.
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default"), kind

    found = quality.axe_pages(browser, quality.served(site), quality.page_types(site), scheme=scheme, check=in_scheme)
    assert not found, "axe-core violations:\n" + quality.describe(found)


@pytest.mark.parametrize("language", quality.LANGUAGES)
def test_no_wcag_violations_in_any_language(browser, tmp_path_factory: pytest.TempPathFactory, language: str) -> None:
    # Every kind of page of the site in each shipped language, right to left for Arabic: the
    # markup is the same in light and dark, so one scheme (dark is checked in English above).
    quality.need_node_modules()
    site = quality.languages_site(tmp_path_factory) / language
    kinds = quality.page_types(site)
    assert CORE_KINDS <= set(kinds), CORE_KINDS - set(kinds)

    def in_language(page: Any, kind: str) -> None:
        assert page.evaluate("document.documentElement.lang") == language, kind
        assert page.evaluate("document.body.dir") == ("rtl" if language == "ar" else "ltr"), kind

    found = quality.axe_pages(browser, quality.served(site), kinds, scheme="light", check=in_language)
    assert not found, "axe-core violations:\n" + quality.describe(found)


# --- with a learner's data: the views the daily track and the answers fill in ----------------


def keyboard_to(page: Any, condition: str, *, limit: int = 250) -> None:
    """Press Tab until `condition` (a JS expression over `el`, the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({condition}); }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {condition}")


def text_is(label: str) -> str:
    return f"el.textContent.trim() === {label!r}"


def start_the_track_and_take_day_one(page: Any, base: str, data: dict[str, Any]) -> None:
    """Keyboard only: start the track today, open day 1, answer, tick the routine, mark it done."""
    open_page(page, base + data["pages"]["today"])
    keyboard_to(page, text_is("Start today"))
    page.keyboard.press("Enter")
    keyboard_to(page, "el.matches('a.course-go') && el.textContent.startsWith('Start with Day 1: ')")
    page.keyboard.press("Enter")
    page.wait_for_selector(".course-done:not([hidden])")
    keyboard_to(page, "el.matches('.course-reflection textarea')")
    page.keyboard.type("Because I choose to.")
    keyboard_to(page, "el.matches('.course-routine input[type=checkbox]')")
    page.keyboard.press("Space")
    keyboard_to(page, text_is("Mark this lesson done"))
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('.course-done-status').textContent.trim() !== ''")


@pytest.mark.parametrize("scheme", quality.SCHEMES)
def test_no_wcag_violations_with_a_learners_answers_and_progress(browser, shipped_site: Path, scheme: str) -> None:
    quality.need_node_modules()
    base = quality.served(shipped_site)
    page = new_page(browser, scheme)
    data = quality.manifest(shipped_site)
    found: dict[str, list[dict[str, Any]]] = {}
    try:
        start_the_track_and_take_day_one(page, base, data)
        sheet = data["worksheets"][0]
        open_page(page, base + sheet["url"])
        keyboard_to(page, "el.matches('.course-worksheet input[type=text], .course-worksheet textarea')")
        page.keyboard.type("An answer")
        urls = {"lesson, done": data["lessons"][0]["url"], "worksheet, answered": sheet["url"]}
        urls |= {f"{name}, with progress": data["pages"][name] for name in ("today", "progress", "journal", "certificate", "home")}
        for kind, url in urls.items():
            open_page(page, base + url)
            if violations := quality.axe(page):
                found[f"{kind} ({url or '/'})"] = violations
    finally:
        page.context.close()
    assert not found, "axe-core violations:\n" + quality.describe(found)


@pytest.mark.parametrize("scheme", quality.SCHEMES)
def test_no_wcag_violations_once_the_course_is_finished(browser, mini_site: Path, scheme: str) -> None:
    """Every lesson of the mini course done: the certificate, and the progress and today pages at their end."""
    quality.need_node_modules()
    base = quality.served(mini_site)
    data = quality.manifest(mini_site)
    page = new_page(browser, scheme)
    found: dict[str, list[dict[str, Any]]] = {}
    try:
        start_the_track_and_take_day_one(page, base, data)
        for lesson in data["lessons"][1:]:
            open_page(page, base + lesson["url"])
            page.get_by_role("button", name="Mark this lesson done").press("Space")
            page.wait_for_function("document.querySelector('.course-done-status').textContent.trim() !== ''")
        for name in ("certificate", "progress", "today"):
            open_page(page, base + data["pages"][name])
            if name == "certificate":
                assert page.locator(".course-certificate").count() == 1, "the certificate is not shown after every lesson is done"
            if violations := quality.axe(page):
                found[name] = violations
    finally:
        page.context.close()
    assert not found, "axe-core violations:\n" + quality.describe(found)


# --- keyboard only ---------------------------------------------------------------------------------

FOCUS_VISIBLE = """() => {
    const el = document.activeElement, s = getComputedStyle(el);
    return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 || s.boxShadow !== "none";
}"""


def test_a_worksheet_is_filled_in_with_the_keyboard_alone_with_focus_always_visible(browser, mini_site: Path) -> None:
    base = quality.served(mini_site)
    page = new_page(browser, "light")
    try:
        open_page(page, base + "worksheets/all-fields/")
        keyboard_to(page, "el.id === 'field-name'")
        stops: list[str] = []

        def step(*keys: str, then_tab: bool = True) -> None:
            # "+Enter" presses a key; anything else is typed.
            for key in keys:
                if key.startswith("+"):
                    page.keyboard.press(key[1:])
                else:
                    page.keyboard.type(key)
            assert page.evaluate(FOCUS_VISIBLE), f"no visible focus on {page.evaluate('document.activeElement.outerHTML.slice(0, 120)')}"
            stops.append(page.evaluate("document.activeElement.getAttribute('aria-label') || document.activeElement.id || document.activeElement.textContent.trim()"))
            if then_tab:
                page.keyboard.press("Tab")

        step("Ada")  # text
        step("Line one", "+Enter", "Line two")  # long text: Enter is a new line, not a submit
        step("Learn"); step("Teach"); step("Build")  # list
        step("Charles"); step("Mentor")  # table, row 1
        step()  # Remove row 1: passed over
        step("Mary"); step("Sponsor")  # row 2
        step()  # Remove row 2
        step("+Enter", then_tab=False)  # Add a row: focus moves into the new row
        step("Grace"); step("Peer")  # row 3
        step()  # Remove row 3
        step()  # Add a row: passed over
        step()  # checklist: the first item stays unticked
        step("+Space")  # and the second is ticked
        step("+Space", "+ArrowRight", "+ArrowRight", "+ArrowRight")  # scale: 1, then 4 with the arrows
        step("+Space", "+ArrowRight")  # choice: the second option
        step("05", "01", "2026", then_tab=False)  # date, typed in its parts (en-US: month, day, year)

        saved = page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
            .filter(k => k.startsWith("mkdocs-course.v1:answers:mini/worksheet/all-fields/"))
            .map(k => [k.split("/").pop(), JSON.parse(localStorage.getItem(k)).value]))""")
        assert saved == {
            "name": "Ada",
            "story": "Line one\nLine two",
            "hopes": ["Learn", "Teach", "Build"],
            "people": [{"who": "Charles", "role": "Mentor"}, {"who": "Mary", "role": "Sponsor"}, {"who": "Grace", "role": "Peer"}],
            "traits": ["Honest"],
            "confidence": 4,
            "format": "Monthly",
            "review": "2026-05-01",
        }, stops
        assert "?" not in page.url, "a key press submitted the form into the address"
    finally:
        page.context.close()


def test_the_daily_track_is_used_with_the_keyboard_alone(browser, mini_site: Path) -> None:
    base = quality.served(mini_site)
    data = quality.manifest(mini_site)
    page = new_page(browser, "light")
    try:
        start_the_track_and_take_day_one(page, base, data)
        assert page.url == base + data["lessons"][0]["url"]
        assert page.locator(".course-done-status").inner_text().strip()
        assert page.locator(".course-routine input[type=checkbox]").first.is_checked()
        # On to the progress page through the nav, still by keyboard.
        keyboard_to(page, "el.matches('.md-nav--primary a') && el.textContent.trim() === 'Progress'")
        page.keyboard.press("Enter")
        page.wait_for_url(base + data["pages"]["progress"])
        first_module = data["modules"][0]
        count = page.locator(f'[data-course-module-count="{first_module["id"]}"]')
        count.wait_for()
        assert f"1 of {len(first_module['lessons'])} done" in count.inner_text()
        # Today now offers day 2 as the next lesson, reachable by Tab and Enter.
        open_page(page, base + data["pages"]["today"])
        keyboard_to(page, f"el.tagName === 'A' && el.href === {base + data['lessons'][1]['url']!r} && !!el.closest('.course-track')")
        page.keyboard.press("Enter")
        page.wait_for_url(base + data["lessons"][1]["url"])
    finally:
        page.context.close()
