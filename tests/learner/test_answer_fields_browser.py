"""What a worksheet can bring for the learner (issue 16): `answer` fields show what the learner
wrote on another worksheet, read-only, with the way back, on screen, on paper and in the worksheet's
count, and the journal keeps the answer once, where it was written; a `starter` is a model message
to adapt; an `example` shows how one person filled it in. The fixture course plus
tests/fixtures/extras/plan.yml.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

import quality

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    site = quality.built("plan", tmp_path_factory, lambda folder: quality.build_mini(folder, edit=lambda project: quality.with_worksheet(project, "plan", "lessons/practice/01-only.yml")))
    return quality.served(site)


def put(page, field: str, value: object) -> None:
    record = {"value": value, "modified": "2027-03-01T09:00:00.000Z"}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"mkdocs-course.v1:answers:mini/worksheet/all-fields/{field}", json.dumps(record)])


def shown(page, field: str) -> str:
    box = page.locator(f"#field-{field}")
    text = box.locator("[data-course-answer-text]")
    return text.inner_text() if text.is_visible() else box.locator("[data-course-answer-none]").inner_text()


def test_a_later_worksheet_shows_earlier_answers_read_only_with_the_way_back(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(base_url + "worksheets/plan/")
        # Nothing written yet: each says so, and where to write it.
        assert shown(page, "name-again") == "Not written yet."
        link = page.locator("#field-name-again .course-answer-where a")
        assert link.inner_text() == "Every field type" and link.evaluate("a => a.href").endswith("/worksheets/all-fields/#field-name")
        # No control to type in: the answer is changed where it was written.
        assert page.locator(".course-field-answer :is(input, textarea, select)").count() == 0
        put(page, "name", "Ada")
        put(page, "story", "I started in the warehouse.\nNow I lead a shift.")
        put(page, "hopes", ["Lead a team", "", "Teach others"])
        put(page, "people", [{"who": "Sam", "role": "Mentor"}, {"who": "", "role": ""}, {"who": "Lee", "role": ""}])
        put(page, "review", "2027-06-01")
        page.reload()
        assert shown(page, "name-again") == "Ada"
        assert shown(page, "story-again") == "I started in the warehouse.\nNow I lead a shift."
        assert shown(page, "hopes-again") == "1. Lead a team\n3. Teach others"
        assert shown(page, "people-again") == "• Who: Sam · Role: Mentor\n• Who: Lee"
        assert shown(page, "review-again").startswith("Jun 1, 2027") or "2027" in shown(page, "review-again")
        assert page.evaluate(quality.PHONE_CHECK, 360) == []
        # Changed where it was written: shown here the next time.
        page.goto(base_url + "worksheets/all-fields/")
        page.get_by_label("Your name").fill("Ada Lovelace")
        page.goto(base_url + "worksheets/plan/")
        assert shown(page, "name-again") == "Ada Lovelace"
        # The worksheet counts only what is asked on it: one field, the next step.
        page.goto(base_url + "practice/practice-only/")
        assert page.locator(".md-content li:has(a[href*='worksheets/plan']) .course-track-state").inner_text() == ""
        page.goto(base_url + "worksheets/plan/")
        page.get_by_label("Your next step").fill("Ask Sam for coffee")
        page.goto(base_url + "practice/practice-only/")
        assert page.locator(".md-content li:has(a[href*='worksheets/plan']) .course-track-state").inner_text() == "1 of 2 answered"
        # The journal shows the name once, where it was written.
        page.goto(base_url + "journal/")
        page.locator(".course-track-body").wait_for()
        assert page.locator(".course-journal-entry:visible", has_text="Ada Lovelace").count() == 1
        assert page.locator('[data-course-journal-key="mini/worksheet/plan/name-again"]').count() == 0
        assert errors == []
    finally:
        context.close()


def test_printed_with_the_answer_and_blank_with_lines(browser, base_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(base_url + "worksheets/plan/")
        put(page, "hopes", ["Lead a team", "Teach others"])
        page.reload()
        page.wait_for_function("() => document.querySelector('.course-print-from .course-print-answer')")
        page.emulate_media(media="print")
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf())).pages)
        assert "Your hopes" in text and "1. Lead a team" in text and "Your answer on “Every field type”." in text
        assert "change it there" not in text  # the screen's way back is not printed
        page.evaluate("mkdocsCourse.setPrintMode('blank')")
        blank = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf())).pages)
        assert "Your hopes" in blank and "Lead a team" not in blank
    finally:
        page.close()


def test_the_plan_page_is_valid_and_accessible_with_answers(browser, base_url: str, tmp_path: Path) -> None:
    page = browser.new_page()
    try:
        page.goto(base_url + "worksheets/plan/")
        put(page, "name", "Ada")
        page.reload()
        assert quality.nu_problems(page, tmp_path) == []  # before axe adds its own script
        assert quality.axe(page) == []
    finally:
        page.close()


def test_a_starter_is_a_model_to_adapt_and_saved_only_once_changed(browser, base_url: str) -> None:
    page = browser.new_page()
    key = "mkdocs-course.v1:answers:mini/worksheet/plan/ask"
    try:
        page.goto(base_url + "worksheets/plan/")
        # The worked example, under the instructions.
        assert page.locator("h2#an-example").inner_text() == "An example"
        assert "Ask Sam for coffee on Friday." in page.locator("h2#an-example + p").inner_text()
        box = page.get_by_label("Your message to Sam")
        assert box.input_value() == "Hi Sam,\nCould we meet for twenty minutes next week?"
        assert page.evaluate("k => localStorage.getItem(k)", key) is None  # not an answer yet
        page.reload()
        assert box.input_value() == "Hi Sam,\nCould we meet for twenty minutes next week?"
        box.press("End")
        box.type(" I would love your advice on my first team.")
        assert json.loads(page.evaluate("k => localStorage.getItem(k)", key))["value"].endswith("next week? I would love your advice on my first team.")
        # Emptied on purpose: it stays empty, and the model does not come back.
        box.fill("")
        page.reload()
        assert box.input_value() == ""
        # Cleared with the worksheet's own button: the model is there again.
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Clear this worksheet").click()
        page.reload()
        assert box.input_value() == "Hi Sam,\nCould we meet for twenty minutes next week?"
        # Printed as it shows: the model, ready to adapt on paper.
        page.emulate_media(media="print")
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf())).pages)
        assert "Could we meet for twenty minutes next week?" in text
    finally:
        page.close()
