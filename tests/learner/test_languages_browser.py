"""Every word the site adds is in the learner's language, on every kind of page, after the
scripts have drawn it: a learner with a started track opens each kind of page of the site
in each shipped language, and no English message of the catalog is left in what they see."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import quality
from mkdocs_course.model import i18n

pytestmark = pytest.mark.browser


def english_left_over(language: str) -> list[str]:
    """The catalog's English messages of three words or more without placeholders, translated
    differently: the course's own words do not say them by chance."""
    with i18n.catalog_path(language).open("rb") as f:
        catalog = read_po(f)
    found = []
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            if english and len(english.split()) >= 3 and "%(" not in english and english not in strings:
                found.append(english)
    return found


@pytest.mark.parametrize("language", quality.LANGUAGES)
def test_a_learner_sees_no_english_message_on_any_kind_of_page(browser, tmp_path_factory: pytest.TempPathFactory, language: str) -> None:
    site = quality.languages_site(tmp_path_factory) / language
    base = quality.served(site)
    english = english_left_over(language)
    assert len(english) > 150
    kinds = quality.page_types(site)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(base + "today/")
        page.locator("[data-course-view]:not([hidden]) .course-track-actions button").first.click()  # start today
        page.goto(base + kinds["lessons.url"])
        page.locator(".course-done button").first.click()  # a lesson done: Today, Progress and the journal have more to say
        seen = 0
        for kind, url in kinds.items():
            page.goto(base + url)
            page.wait_for_load_state("load")
            if page.locator("[data-course-view]").count():
                page.locator("[data-course-view]:not([hidden])").first.wait_for()
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            text = page.locator("body").inner_text()
            leaks = [m for m in english if m in text]
            assert leaks == [], (language, kind, leaks[:5])
            seen += 1
        assert seen >= 18
    finally:
        context.close()


def test_a_title_that_ends_a_sentence_gets_no_second_full_stop(browser, tmp_path_factory: pytest.TempPathFactory) -> None:
    # Seen on Progress in a trial: "Next: Day 8: How did your asks go?." (the message ends with
    # a full stop after the lesson's title).
    site = quality.mini_site(tmp_path_factory)
    page = browser.new_page()
    try:
        page.goto(quality.served(site) + "progress/")
        said = page.evaluate("""() => {
            const c = window.mkdocsCourse;
            const link = document.createElement('a'); link.textContent = 'Day 8: How did your asks go?';
            return [c.t('Next: %(lesson)s.', {lesson: 'Day 8: How did your asks go?'}),
                    c.t('Next: %(lesson)s.', {lesson: 'Day 2: Second lesson'}),
                    c.tParts('Next: %(lesson)s.', {lesson: link}).map(p => typeof p === 'string' ? p : p.textContent).join('')];
        }""")
        assert said == ["Next: Day 8: How did your asks go?", "Next: Day 2: Second lesson.", "Next: Day 8: How did your asks go?"]
    finally:
        page.close()
