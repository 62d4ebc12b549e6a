"""Self-checks in a lesson (issue 15), in real Chromium on a phone: each kind answered right
and wrong with the keyboard or by touch, kept over a reload, in the export, refused kindly
when storage is full, and valid, accessible HTML before and after answering.

The mini course's first lesson has a `choice` and a `multiple` check, its second a
`scenario` and a `recall` (tests/fixtures/mini/lessons/basics/).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import quality

pytestmark = pytest.mark.browser
FIRST, SECOND = "basics/basics-first/", "basics/basics-second/"
STORE = "mkdocs-course.v1:checks:mini/lesson/"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    # The session's one build of the fixture course, whose palette follows the device: the dark
    # runs below see the dark theme (a site without a palette stays light whatever the device says).
    return quality.served(quality.mini_site(tmp_path_factory))


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    assert page.errors == []
    context.close()


def open_lesson(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => document.querySelector('form.course-check[data-course-ready]')")


def saved(page, lesson: str, check: str):
    raw = page.evaluate("k => localStorage.getItem(k)", f"{STORE}{lesson}/{check}")
    return json.loads(raw)["value"] if raw else None


def check_form(page, check: str):
    return page.locator(f'form.course-check[data-course-check="mini/lesson/basics-first/{check}"], form.course-check[data-course-check="mini/lesson/basics-second/{check}"]')


def visible_whys(form) -> list[str]:
    return [t.strip() for t in form.locator(".course-check-why:visible").all_inner_texts()]


def test_a_choice_answered_wrong_then_right_with_the_keyboard_is_kept(phone, base_url: str) -> None:
    open_lesson(phone, base_url + FIRST)
    form = check_form(phone, "who-opens-doors")
    result = form.locator(".course-check-result")
    # Nothing picked: the page says what to do, and saves nothing.
    form.get_by_role("button", name="Check").press("Enter")
    assert result.inner_text() == "Pick an answer first."
    assert saved(phone, "basics-first", "who-opens-doors") is None

    form.get_by_label("A coach").focus()
    phone.keyboard.press("Space")
    phone.keyboard.press("Enter")  # submits the form from the radio button
    assert result.inner_text() == "Not quite. Read why under your answer, then try again."
    assert visible_whys(form) == ["Not this one. A coach builds one skill with you."]  # the right answer stays hidden
    assert saved(phone, "basics-first", "who-opens-doors") == {"picked": [1], "right": False, "first": False, "tries": 1}

    # "Try again" has the focus: Enter clears the answer, and the arrow keys move the pick.
    assert phone.evaluate("document.activeElement.textContent") == "Try again"
    phone.keyboard.press("Enter")
    assert visible_whys(form) == [] and result.inner_text() == ""
    phone.keyboard.press("ArrowDown")  # from the first option to the second
    phone.keyboard.press("ArrowUp")
    assert form.get_by_label("A sponsor").is_checked()
    phone.keyboard.press("Enter")
    assert result.inner_text() == "Right. Read why under each answer."
    assert visible_whys(form) == [
        "The right answer. A sponsor puts their own name behind yours.",
        "Not this one. A coach builds one skill with you.",
        "Not this one. A mentor shares what they learned.",
    ]
    # Right now, but not the first time: that is what Progress counts.
    assert saved(phone, "basics-first", "who-opens-doors") == {"picked": [0], "right": True, "first": False, "tries": 2}
    # Nothing to try again once right: the learner may answer afresh.
    assert phone.evaluate("document.activeElement.textContent") == "Answer again"

    phone.reload()
    phone.wait_for_function("() => document.querySelector('form.course-check[data-course-ready]')")
    assert form.get_by_label("A sponsor").is_checked()
    assert result.inner_text() == "Right. Read why under each answer."
    assert len(visible_whys(form)) == 3


def test_a_multiple_answered_right_first_time_by_touch(phone, base_url: str) -> None:
    open_lesson(phone, base_url + FIRST)
    form = check_form(phone, "first-step-helps")
    form.get_by_text("Writing it down").tap()
    form.get_by_text("Telling one person").tap()
    form.get_by_role("button", name="Check").tap()
    assert form.locator(".course-check-result").inner_text() == "Right: those are all the answers that apply. Read why under each one."
    assert visible_whys(form)[0] == "Applies. A written step is easier to keep."
    assert visible_whys(form)[2] == "Does not apply. The right moment rarely comes on its own."
    assert saved(phone, "basics-first", "first-step-helps") == {"picked": [0, 1], "right": True, "first": True, "tries": 1}
    # Tap targets: each option's whole line, at least 24 px tall.
    for box in [label.bounding_box() for label in form.locator("label").all()]:
        assert box["height"] >= 24 and box["width"] >= 300
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_wrong_multiple_can_show_the_answers_and_changing_a_tick_clears_the_feedback(phone, base_url: str) -> None:
    open_lesson(phone, base_url + FIRST)
    form = check_form(phone, "first-step-helps")
    form.get_by_text("Waiting for the right moment").tap()
    form.get_by_role("button", name="Check").tap()
    result = form.locator(".course-check-result")
    assert result.inner_text().startswith("Not quite: a tick is off, or an answer that applies is missing.")
    # Changing a tick is trying again: the old feedback goes and Check comes back.
    form.get_by_text("Writing it down").tap()
    assert visible_whys(form) == [] and result.inner_text() == ""
    assert form.get_by_role("button", name="Check").is_visible()
    form.get_by_role("button", name="Check").tap()
    form.get_by_role("button", name="Show the answers").tap()
    assert result.inner_text() == "The answers are marked, each with why. Try again when you are ready."
    assert len(visible_whys(form)) == 3
    value = saved(phone, "basics-first", "first-step-helps")
    assert value["revealed"] is True and value["first"] is False and value["tries"] == 2


def test_a_scenario_shows_the_response_to_the_option_picked(phone, base_url: str) -> None:
    open_lesson(phone, base_url + SECOND)
    form = check_form(phone, "ask-or-wait")
    form.get_by_text("Wait until things calm down").tap()
    form.get_by_role("button", name="See what happens").tap()
    assert visible_whys(form) == ["Things rarely calm down; the question can wait too long."]
    assert form.locator(".course-check-result").inner_text() == "Here is what tends to happen. Try another option to compare."
    assert form.locator("li.course-check-is-wrong, li.course-check-is-right").count() == 0  # no option is marked wrong
    form.get_by_role("button", name="Try another option").tap()
    form.get_by_text("Ask for ten minutes on Friday").tap()
    form.get_by_role("button", name="See what happens").tap()
    assert visible_whys(form) == ["A short, dated ask is easy to say yes to."]
    assert saved(phone, "basics-second", "ask-or-wait") == {"picked": [0]}


def test_a_recall_shows_the_model_answer_only_after_the_learner_wrote_one(phone, base_url: str) -> None:
    open_lesson(phone, base_url + SECOND)
    form = check_form(phone, "three-roles")
    answer = form.locator(".course-check-answer")
    form.get_by_role("button", name="Show the answer").tap()
    assert form.locator(".course-check-result").inner_text() == "Write your own answer first: trying to remember is what makes it stick."
    assert not answer.is_visible()
    assert phone.evaluate("document.activeElement.id") == "check-three-roles-own"
    form.get_by_label("Your answer, in your own words").fill("Coaches and mentors")
    form.get_by_role("button", name="Show the answer").tap()
    assert answer.is_visible() and "Coaches, mentors and sponsors." in answer.inner_text()
    # Shown: the button has done its work (it stayed, saying "Show the answer").
    assert form.get_by_role("button", name="Show the answer").count() == 0 or not form.get_by_role("button", name="Show the answer").is_visible()
    # Adding to it afterwards is kept as it is typed.
    form.get_by_label("Your answer, in your own words").fill("Coaches and mentors, and sponsors")
    assert saved(phone, "basics-second", "three-roles") == {"text": "Coaches and mentors, and sponsors", "shown": True}
    phone.reload()
    phone.wait_for_function("() => document.querySelector('form.course-check[data-course-ready]')")
    assert form.get_by_label("Your answer, in your own words").input_value() == "Coaches and mentors, and sponsors"
    assert answer.is_visible()


def test_checks_are_in_the_export_and_come_back_with_an_import(browser, base_url: str, tmp_path: Path) -> None:
    one = browser.new_context()
    page = one.new_page()
    open_lesson(page, base_url + FIRST)
    check_form(page, "who-opens-doors").get_by_label("A sponsor").check()
    check_form(page, "who-opens-doors").get_by_role("button", name="Check").click()
    data = page.evaluate("mkdocsCourse.exportData({id: 'mini', title: 'Mini course'})")
    one.close()
    assert data["checks"] == {"mini/lesson/basics-first/who-opens-doors": {"value": {"picked": [0], "right": True, "first": True, "tries": 1}, "modified": data["checks"]["mini/lesson/basics-first/who-opens-doors"]["modified"]}}
    path = tmp_path / "mini-answers.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    two = browser.new_context()
    try:
        page = two.new_page()
        page.goto(base_url + "worksheets/all-fields/")
        assert quality.import_file(page, path).startswith("Imported")
        open_lesson(page, base_url + FIRST)
        assert check_form(page, "who-opens-doors").get_by_label("A sponsor").is_checked()
        assert check_form(page, "who-opens-doors").locator(".course-check-result").inner_text() == "Right. Read why under each answer."
    finally:
        two.close()


def test_with_storage_full_a_check_still_answers_and_says_it_was_not_saved(browser, base_url: str) -> None:
    context = browser.new_context()
    context.add_init_script("Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };")
    try:
        page = context.new_page()
        open_lesson(page, base_url + FIRST)
        form = check_form(page, "who-opens-doors")
        form.get_by_label("A sponsor").check()
        form.get_by_role("button", name="Check").click()
        said = form.locator(".course-check-result").inner_text()
        assert said.startswith("Right. Read why under each answer.") and "Not saved: " in said
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_lesson_with_checks_passes_axe_before_and_after_answering(browser, base_url: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    try:
        page = context.new_page()
        open_lesson(page, base_url + FIRST)
        quality.animations_done(page)
        found = quality.axe(page)
        assert found == [], json.dumps(found)[:1500]
        form = check_form(page, "who-opens-doors")
        form.get_by_label("A coach").check()
        form.get_by_role("button", name="Check").click()
        quality.animations_done(page)
        found = quality.axe(page)
        assert found == [], json.dumps(found)[:1500]
        form.get_by_role("button", name="Try again").click()
        form.get_by_label("A sponsor").check()
        form.get_by_role("button", name="Check").click()
        quality.animations_done(page)
        found = quality.axe(page)
        assert found == [], json.dumps(found)[:1500]
    finally:
        context.close()


def test_a_lesson_with_answered_checks_is_valid_html(browser, base_url: str, tmp_path: Path) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        open_lesson(page, base_url + SECOND)
        check_form(page, "ask-or-wait").get_by_label("Wait until things calm down").check()
        check_form(page, "ask-or-wait").get_by_role("button", name="See what happens").click()
        check_form(page, "three-roles").get_by_label("Your answer, in your own words").fill("Coaches")
        check_form(page, "three-roles").get_by_role("button", name="Show the answer").click()
        assert quality.nu_problems(page, tmp_path) == []
    finally:
        context.close()


def test_a_printed_lesson_shows_each_check_once_as_a_question_to_answer_on_paper(browser, base_url: str) -> None:
    from pypdf import PdfReader

    page = browser.new_page()
    try:
        open_lesson(page, base_url + SECOND)
        page.emulate_media(media="print")
        text = "\n".join(p.extract_text() for p in PdfReader(__import__("io").BytesIO(page.pdf())).pages)
    finally:
        page.close()
    # Once: the screen form is hidden on paper, its printed copy shown (it was printed twice).
    assert text.count("Your manager is busy all week. What would you do?") == 1
    assert text.count("Name the three kinds of people who help a career.") == 1
    assert "Ask for ten minutes on Friday" in text
    assert "Coaches, mentors and sponsors." not in text  # no answer on the learner's copy
    assert "See what happens" not in text and "A short, dated ask" not in text


def test_progress_counts_the_checks_right_the_first_time_per_module(phone, base_url: str) -> None:
    phone.goto(base_url + "progress/")
    modules = phone.locator(".course-progress-modules")

    def said() -> str:
        return modules.evaluate("el => [...el.querySelectorAll('p')].map(p => p.textContent.replace(/\\s+/g, ' ')).join(' | ')")

    assert said() == "Basics 0 of 2 · 2 self-checks to try | Practice 0 of 1"  # a module without checks says nothing of them
    open_lesson(phone, base_url + FIRST)
    first = check_form(phone, "who-opens-doors")
    first.get_by_text("A coach", exact=True).tap()  # wrong the first time
    first.get_by_role("button", name="Check").tap()
    first.get_by_role("button", name="Try again").tap()
    first.get_by_text("A sponsor", exact=True).tap()
    first.get_by_role("button", name="Check").tap()
    phone.goto(base_url + "progress/")
    assert said() == "Basics 0 of 2 · self-checks: 0 of 1 right first time, 1 to try | Practice 0 of 1"
    open_lesson(phone, base_url + FIRST)
    second = check_form(phone, "first-step-helps")
    second.get_by_text("Writing it down").tap()
    second.get_by_text("Telling one person").tap()
    second.get_by_role("button", name="Check").tap()
    phone.goto(base_url + "progress/")
    assert said() == "Basics 0 of 2 · self-checks: 1 of 2 right first time | Practice 0 of 1"
    # On a phone each module's name keeps a line of its own: beside the long count it was
    # squeezed to one letter a line (a learner's report, 360 and 390 px).
    for width in (360, 390):
        phone.set_viewport_size({"width": width, "height": 844})
        for name in modules.locator("a").all():
            box = name.bounding_box()
            assert box["height"] < 40 and box["width"] >= name.evaluate("a => a.scrollWidth") - 1, (width, name.inner_text(), box)
        assert phone.evaluate("document.documentElement.scrollWidth") <= width


def test_a_recall_answer_is_in_the_journal_under_its_lesson(phone, base_url: str) -> None:
    open_lesson(phone, base_url + SECOND)
    form = check_form(phone, "three-roles")
    form.get_by_label("Your answer, in your own words").fill("Coaches, mentors, and sponsors who open doors")
    form.get_by_role("button", name="Show the answer").tap()
    phone.goto(base_url + "journal/")
    entry = phone.locator('[data-course-journal-key="mini/lesson/basics-second/three-roles"]')
    entry.wait_for()
    assert entry.locator(".course-journal-question").inner_text() == "Name the three kinds of people who help a career."
    assert entry.locator(".course-journal-answer").inner_text() == "Coaches, mentors, and sponsors who open doors"
    assert phone.locator("#day-2").is_visible()


def test_every_kind_of_check_is_in_the_journal_and_its_markdown(browser, base_url: str, tmp_path: Path) -> None:
    """What the learner picked and how it went, a scenario's choice and a recall's own words: in the
    journal under their lesson, and in the Markdown file it saves (a recall's words were missing there)."""
    from conftest import download_by_clicking

    context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
    try:
        page = context.new_page()
        open_lesson(page, base_url + FIRST)
        first = check_form(page, "who-opens-doors")
        first.get_by_label("A coach").check()
        first.get_by_role("button", name="Check").click()
        first.get_by_role("button", name="Try again").click()
        first.get_by_label("A sponsor").check()
        first.get_by_role("button", name="Check").click()
        many = check_form(page, "first-step-helps")
        many.get_by_label("Waiting for the right moment").check()
        many.get_by_role("button", name="Check").click()
        open_lesson(page, base_url + SECOND)
        check_form(page, "ask-or-wait").get_by_label("Ask for ten minutes on Friday").check()
        check_form(page, "ask-or-wait").get_by_role("button", name="See what happens").click()
        check_form(page, "three-roles").get_by_label("Your answer, in your own words").fill("Coaches, mentors and sponsors")
        check_form(page, "three-roles").get_by_role("button", name="Show the answer").click()
        page.goto(base_url + "journal/")
        page.locator(".course-track-body").wait_for()

        def said(check: str) -> str:
            return page.locator(f'[data-course-journal-key$="/{check}"] .course-journal-answer').inner_text()

        assert said("who-opens-doors") == "You picked: A sponsor. Right after 2 tries."
        assert said("first-step-helps") == "You picked: Waiting for the right moment. Not right yet: worth another try."
        assert said("ask-or-wait") == "You chose: Ask for ten minutes on Friday."
        assert said("three-roles") == "Coaches, mentors and sponsors"
        path = tmp_path / "journal.md"
        download_by_clicking(page, "Save as Markdown").save_as(path)
        text = path.read_text(encoding="utf-8")
        assert "### Who speaks up for you when you are not in the room?\n\nYou picked: A sponsor. Right after 2 tries.\n" in text
        assert "### Your manager is busy all week. What would you do?\n\nYou chose: Ask for ten minutes on Friday.\n" in text
        assert "### Name the three kinds of people who help a career.\n\nCoaches, mentors and sponsors\n" in text
    finally:
        context.close()
