"""Interactive worksheets in real Chromium (decision D9): saving, export and import, printing.

One copy of the mini course, with one long extra worksheet for page-break checks, is
built once for the module and served on 127.0.0.1; every test gets a fresh browser
context (empty localStorage). The test that edits the YAML and rebuilds has its own copy.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

import quality
from conftest import FIXTURES, copy_course, download_by_clicking, mkdocs_build, serving

pytestmark = pytest.mark.browser

SHEET = "worksheets/all-fields/"
LESSON = "basics/basics-first/"
PREFIX = "mkdocs-course.v1:answers:mini/worksheet/all-fields/"
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")

# A worksheet long enough to need several pages, every field with a distinct label
# and a distinct last line, so a PDF page's text shows where each field starts and ends.
LONG_SHEET_FIELDS = [
    ("long_text", {"lines": 8}),
    ("table", {"rows": 6}),
    ("list", {"items": 5}),
    ("checklist", {}),
    ("long_text", {"lines": 10}),
    ("choice", {}),
    ("scale", {}),
    ("text", {}),
    ("long_text", {"lines": 6}),
    ("table", {"rows": 8}),
    ("list", {"items": 6}),
    ("long_text", {"lines": 12}),
    ("checklist", {}),
    ("long_text", {"lines": 7}),
]


def long_sheet_yaml() -> str:
    lines = ["id: long-sheet", "title: A long worksheet", "purpose: Tests page breaks.", "instructions: Fill it all in.", "fields:"]
    for n, (kind, extra) in enumerate(LONG_SHEET_FIELDS, 1):
        lines.append(f"  - id: f{n:02d}")
        lines.append(f"    type: {kind}")
        lines.append(f"    label: Label{n:02d} of the long sheet")
        for key, value in extra.items():
            lines.append(f"    {key}: {value}")
        if kind == "table":
            lines.append(f"    columns: [{{id: first, label: First{n:02d}}}, {{id: second, label: Second{n:02d}}}]")
        if kind in ("checklist", "choice"):
            lines.append(f"    options: [Option one, Option two, Last{n:02d}]")
        if kind == "scale":
            lines.append(f"    high: High{n:02d}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_course(FIXTURES / "mini", tmp_path_factory.mktemp("worksheets") / "project")
    (root / "exercises" / "long-sheet.yml").write_text(long_sheet_yaml(), encoding="utf-8")
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serving(site) as url:
        yield url


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield ctx
    ctx.close()


def open_page(context, url: str):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    page.wait_for_selector(".course-answer-tools:not([hidden]), .course-reflection .course-save-status:not([hidden])")
    page.js_errors = errors  # checked by tests that want a clean console
    return page


def stored(page) -> dict[str, str]:
    """Every localStorage entry of the learner's record, raw (not `mkdocs-course.local:`, this browser's
    own facts such as when it last saved a backup, which no export carries)."""
    return page.evaluate("() => Object.fromEntries(Object.keys(localStorage).filter(k => !k.startsWith('mkdocs-course.local:')).map(k => [k, localStorage.getItem(k)]))")


def record(page, field_id: str) -> dict:
    raw = page.evaluate("k => localStorage.getItem(k)", PREFIX + field_id)
    assert raw is not None, f"nothing saved for {field_id}"
    return json.loads(raw)


def fill_every_field(page) -> None:
    """Fill each field type the way a learner does: typing, clicking, ticking."""
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Your story").fill("I started with numbers.\nThen came the engine.")
    for n, hope in enumerate(["Learn", "Teach", "Build"], 1):
        page.get_by_label(f"Three hopes, item {n}").fill(hope)
    page.get_by_label("Who, row 1").fill("Charles")
    page.get_by_label("Role, row 1").fill("Mentor")
    page.get_by_label("Who, row 2").fill("Mary")
    page.get_by_label("Role, row 2").fill("Sponsor | friend")
    page.get_by_label("Honest").check()
    page.get_by_role("radio", name="4", exact=True).check()
    page.get_by_label("Monthly").check()
    page.get_by_label("Review date").fill("2026-05-01")


def expect_every_field_filled(page) -> None:
    assert page.get_by_label("Your name").input_value() == "Ada Lovelace"
    assert page.get_by_label("Your story").input_value() == "I started with numbers.\nThen came the engine."
    assert [page.get_by_label(f"Three hopes, item {n}").input_value() for n in (1, 2, 3)] == ["Learn", "Teach", "Build"]
    assert page.get_by_label("Who, row 2").input_value() == "Mary"
    assert page.get_by_label("Role, row 2").input_value() == "Sponsor | friend"
    assert page.get_by_label("Honest").is_checked() and not page.get_by_label("Kind").is_checked()
    assert page.get_by_role("radio", name="4", exact=True).is_checked()
    assert page.get_by_label("Monthly").is_checked() and not page.get_by_label("Weekly").is_checked()
    assert page.get_by_label("Review date").input_value() == "2026-05-01"


# --- saving ----------------------------------------------------------------------------------------


def test_every_field_type_saves_as_typed_and_comes_back_after_closing_the_browser(browser, context, base_url: str) -> None:
    page = open_page(context, base_url + SHEET)
    status = page.locator(".course-answer-tools .course-save-status")
    assert status.inner_text() == "Your answers are saved in this browser as you type. Nothing is sent anywhere."
    fill_every_field(page)
    assert status.inner_text() == "Saved in this browser."
    assert "course-status-saved" in status.get_attribute("class")

    # One entry per answer, under a key made of ids, each with its own modified time.
    assert record(page, "name")["value"] == "Ada Lovelace"
    assert record(page, "hopes")["value"] == ["Learn", "Teach", "Build"]
    assert record(page, "people")["value"] == [{"who": "Charles", "role": "Mentor"}, {"who": "Mary", "role": "Sponsor | friend"}]
    assert record(page, "traits")["value"] == ["Honest"]
    assert record(page, "confidence")["value"] == 4
    assert record(page, "format")["value"] == "Monthly"
    assert record(page, "review")["value"] == "2026-05-01"
    for field_id in ["name", "story", "hopes", "people", "traits", "confidence", "format", "review"]:
        assert ISO.match(record(page, field_id)["modified"])
    assert all(key.startswith("mkdocs-course.v1:answers:mini/") for key in stored(page))

    page.reload()
    expect_every_field_filled(page)

    # Closing the browser and coming back: a new context with the same storage.
    state = context.storage_state()
    later = browser.new_context(storage_state=state)
    try:
        again = open_page(later, base_url + SHEET)
        expect_every_field_filled(again)
        assert again.js_errors == []
    finally:
        later.close()
    assert page.js_errors == []


def test_table_rows_are_added_and_removed_by_keyboard_and_survive_reload(context, base_url: str) -> None:
    page = open_page(context, base_url + SHEET)
    page.get_by_label("Who, row 1").fill("First")
    page.get_by_label("Who, row 2").fill("Second")
    add = page.get_by_role("button", name="Add a row")
    add.focus()
    page.keyboard.press("Enter")
    assert page.locator(".course-save-status").inner_text() == "Row 3 added. Saved in this browser."
    # The new row's first cell has focus, so typing goes straight in.
    page.keyboard.type("Third")
    assert page.get_by_label("Who, row 3").input_value() == "Third"

    page.get_by_role("button", name="Remove row 1").focus()
    page.keyboard.press("Enter")
    assert page.get_by_label("Who, row 1").input_value() == "Second"  # renumbered
    assert page.get_by_label("Who, row 2").input_value() == "Third"
    assert page.get_by_role("button", name="Remove row 3").count() == 0
    assert page.evaluate("document.activeElement.labels[0].textContent") == "Who, row 1"
    assert record(page, "people")["value"] == [{"who": "Second", "role": ""}, {"who": "Third", "role": ""}]

    page.reload()
    assert page.locator("#field-people tbody tr").count() == 2
    assert page.get_by_label("Who, row 2").input_value() == "Third"


def test_reflection_prompts_on_lesson_pages_save_the_same_way(context, base_url: str) -> None:
    page = open_page(context, base_url + LESSON)
    page.get_by_label("Why are you here?").fill("To grow.")
    assert "Saved in this browser." in page.locator(".course-reflection .course-save-status").inner_text()
    raw = page.evaluate("() => localStorage.getItem('mkdocs-course.v1:answers:mini/lesson/basics-first/why')")
    assert json.loads(raw)["value"] == "To grow."
    page.reload()
    assert page.get_by_label("Why are you here?").input_value() == "To grow."
    # The routine checklist on the same page belongs to the daily track: untouched here.
    assert not any(":routines:" in key for key in stored(page))


def test_another_tab_sees_an_answer_saved_in_this_one(context, base_url: str) -> None:
    first = open_page(context, base_url + SHEET)
    second = open_page(context, base_url + SHEET)
    first.get_by_label("Your name").fill("From the first tab")
    second.wait_for_function("document.querySelector('#field-name').value === 'From the first tab'")


def test_a_browser_that_refuses_storage_says_answers_are_not_saved(browser, base_url: str) -> None:
    ctx = browser.new_context()
    try:
        # Storage switched off: the browser refuses even to read it.
        ctx.add_init_script("Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });")
        page = ctx.new_page()
        page.goto(base_url + SHEET)
        status = page.locator(".course-answer-tools .course-save-status")
        assert "does not let this site save answers" in status.inner_text()
        assert page.get_by_role("button", name="Save a backup file").is_disabled()
        assert page.get_by_role("button", name="Print blank").is_enabled()
    finally:
        ctx.close()


def test_a_full_store_still_shows_and_exports_every_answer(browser, base_url: str) -> None:
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(base_url + SHEET)
        page.get_by_label("Your name").fill("Ada")
        page.wait_for_function("() => localStorage.length > 0")
        # Full storage: reading works, every write fails.
        ctx.add_init_script("Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };")
        page.reload()
        assert page.get_by_label("Your name").input_value() == "Ada"
        status = page.locator(".course-answer-tools .course-save-status")
        assert "storage for this site is full" in status.inner_text() and "every answer saved so far is still here" in status.inner_text()
        assert page.get_by_role("button", name="Save a backup file").is_enabled()
        page.get_by_label("Your name").fill("Ada L")
        assert status.inner_text().startswith("Not saved: this browser's storage for this site is full.")
    finally:
        ctx.close()


# --- clearing, export and import ------------------------------------------------------------------------


def test_clear_asks_first_and_clears_only_this_worksheet(context, base_url: str) -> None:
    lesson = open_page(context, base_url + LESSON)
    lesson.get_by_label("Why are you here?").fill("Kept")
    page = open_page(context, base_url + SHEET)
    fill_every_field(page)

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Clear this worksheet").click()
    assert page.locator(".course-import-message").inner_text() == "Nothing was cleared."
    expect_every_field_filled(page)

    messages: list[str] = []

    def accept(dialog) -> None:
        messages.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    page.get_by_role("button", name="Clear this worksheet").click()
    assert messages and "Clear every answer on “Every field type”?" in messages[0]
    assert page.locator(".course-import-message").inner_text() == "The answers on this worksheet were cleared."
    assert page.get_by_label("Your name").input_value() == ""
    assert not page.get_by_label("Honest").is_checked()
    assert page.locator("#field-people tbody tr").count() == 2  # back to the author's rows
    assert list(stored(page)) == ["mkdocs-course.v1:answers:mini/lesson/basics-first/why"]


def test_export_clear_import_round_trip_is_exact(context, base_url: str, tmp_path: Path) -> None:
    lesson = open_page(context, base_url + LESSON)
    lesson.get_by_label("Why are you here?").fill("A reflection")
    page = open_page(context, base_url + SHEET)
    fill_every_field(page)
    before = stored(page)

    path, data = quality.export_json(page, tmp_path)
    assert data["format"] == "mkdocs-course/learner-data" and data["version"] == 1
    assert data["course"] == {"id": "mini", "title": "Mini course"}
    assert {"answers", "progress", "routines", "journal"} <= set(data)
    assert data["answers"]["mini/worksheet/all-fields/confidence"]["value"] == 4
    assert data["answers"]["mini/lesson/basics-first/why"]["value"] == "A reflection"
    assert len(data["answers"]) == 9

    page.evaluate("localStorage.clear()")
    page.reload()
    assert page.get_by_label("Your name").input_value() == ""

    message = quality.import_file(page, path)
    assert message == "Imported 9 new answers."
    assert stored(page) == before  # byte for byte: values and modified times
    expect_every_field_filled(page)
    page.reload()
    expect_every_field_filled(page)

    _, again = quality.export_json(page, tmp_path / "again")
    assert {k: v for k, v in again.items() if k != "exported"} == {k: v for k, v in data.items() if k != "exported"}

    # Importing the same file again changes nothing.
    assert quality.import_file(page, path) == "Nothing new to import. 9 answers already matched."
    assert stored(page) == before


def test_import_merges_and_never_overwrites_a_newer_answer(context, base_url: str, tmp_path: Path) -> None:
    page = open_page(context, base_url + SHEET)
    page.get_by_label("Your name").fill("Newer here")
    page.get_by_label("Your story").fill("Older here")
    # Written long ago here, so the file's answer can be newer without a time still to come (which never wins).
    page.evaluate("k => { const r = JSON.parse(localStorage.getItem(k)); r.modified = '2001-06-01T00:00:00.000Z'; localStorage.setItem(k, JSON.stringify(r)); }", PREFIX + "story")
    name_time = record(page, "name")["modified"]
    file = {
        "format": "mkdocs-course/learner-data",
        "version": 1,
        "course": {"id": "mini", "title": "Mini course"},
        "exported": "2030-01-01T00:00:00.000Z",
        "answers": {
            "mini/worksheet/all-fields/name": {"value": "Old from file", "modified": "2001-01-01T00:00:00.000Z"},
            "mini/worksheet/all-fields/story": {"value": "Newer from file", "modified": "2002-01-01T00:00:00.000Z"},
            "mini/worksheet/all-fields/removed-field": {"value": "Kept for later", "modified": "2001-01-01T00:00:00.000Z"},
        },
        "journal": {"mini/journal/2026-01-01": {"value": {"text": "kept for the daily track"}, "modified": "2001-01-01T00:00:00.000Z"}},
    }
    path = tmp_path / "merge.json"
    path.write_text(json.dumps(file), encoding="utf-8")
    message = quality.import_file(page, path)
    # The journal note is new too, and a note is not an answer: the file is counted in entries.
    assert message == "Imported 2 new entries and 1 newer entry from the file. 1 entry in this browser was newer than the file's and was kept."
    assert page.get_by_label("Your name").input_value() == "Newer here"
    assert record(page, "name") == {"value": "Newer here", "modified": name_time}
    assert page.get_by_label("Your story").input_value() == "Newer from file"
    assert record(page, "removed-field")["value"] == "Kept for later"
    assert json.loads(stored(page)["mkdocs-course.v1:journal:mini/journal/2026-01-01"])["value"] == {"text": "kept for the daily track"}


GOOD = {"format": "mkdocs-course/learner-data", "version": 1, "course": {"id": "mini", "title": "Mini course"}, "exported": "2026-01-01T00:00:00.000Z"}
ANSWER = {"value": "x", "modified": "2026-01-01T00:00:00.000Z"}


@pytest.fixture(scope="module")
def answered_page(browser, base_url: str):
    """One page with one saved answer, shared by the refusal cases below (they must change nothing)."""
    ctx = browser.new_context()
    page = open_page(ctx, base_url + SHEET)
    page.get_by_label("Your name").fill("Mine")
    yield page
    ctx.close()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "the file is not valid JSON"),
        ("[1, 2, 3]", "the file is not an export of answers from a course site like this one"),
        (json.dumps({"answers": {}}), "the file is not an export of answers from a course site like this one"),
        (json.dumps({**GOOD, "format": "another-app/backup"}), "the file is not an export of answers from a course site like this one"),
        (json.dumps({**GOOD, "version": 2}), "the file was made by a newer version of this site (format version 2); this site reads version 1"),
        (json.dumps({**GOOD, "version": "1"}), "the file has no valid format version"),
        (json.dumps({**GOOD, "course": {"id": "other", "title": "Other course"}}), "the file holds answers for another course (“Other course”)"),
        (json.dumps({**GOOD, "answers": {"other/worksheet/x/y": ANSWER}}), "the file has an answer under a key this course never uses (“other/worksheet/x/y”)"),
        (json.dumps({**GOOD, "answers": {"mini/Worksheet/../y": ANSWER}}), "the file has an answer under a key this course never uses (“mini/Worksheet/../y”)"),
        (json.dumps({**GOOD, "answers": {"mini/worksheet/all-fields/name": {"value": "x"}}}), "the answer “mini/worksheet/all-fields/name” is damaged (it needs a value and a modified time)"),
        (json.dumps({**GOOD, "answers": {"mini/worksheet/all-fields/name": {"value": "x", "modified": "yesterday"}}}), "the answer “mini/worksheet/all-fields/name” is damaged (it needs a value and a modified time)"),
        (json.dumps({**GOOD, "answers": {"mini/worksheet/all-fields/name": {**ANSWER, "value": {"a": 1}}}}), "the answer “mini/worksheet/all-fields/name” has a value of the wrong kind"),
        (json.dumps({**GOOD, "answers": []}), "the file has an unknown part “answers”"),
        (json.dumps({**GOOD, "Answers!": {}}), "the file has an unknown part “Answers!”"),
        # One bad answer among good ones: the good ones are not imported either.
        (json.dumps({**GOOD, "answers": {"mini/worksheet/all-fields/story": ANSWER, "mini/worksheet/all-fields/name": {"value": 1}}}), "the answer “mini/worksheet/all-fields/name” is damaged (it needs a value and a modified time)"),
    ],
)
def test_import_refuses_a_corrupt_or_foreign_file_and_changes_nothing(answered_page, content: str, reason: str) -> None:
    page = answered_page
    before = stored(page)
    result = page.evaluate("text => mkdocsCourse.importText(text, 'mini')", content)
    assert result["ok"] is False
    assert result["message"] == f"Not imported: {reason}. Nothing was changed."
    assert stored(page) == before
    assert page.get_by_label("Your name").input_value() == "Mine"


def test_an_import_that_fills_the_storage_halfway_is_undone(context, base_url: str) -> None:
    page = open_page(context, base_url + SHEET)
    page.get_by_label("Your name").fill("Mine")
    before = stored(page)
    answers = {f"mini/worksheet/all-fields/f{n}": ANSWER for n in range(3)}
    answers["mini/worksheet/all-fields/name"] = {"value": "From the file", "modified": "2099-01-01T00:00:00.000Z"}
    # The storage accepts two more writes, then is full.
    page.evaluate("""() => { const set = Storage.prototype.setItem; let left = 2;
        Storage.prototype.setItem = function (k, v) { if (left-- <= 0) throw new DOMException('full', 'QuotaExceededError'); return set.call(this, k, v); }; }""")
    result = page.evaluate("text => mkdocsCourse.importText(text, 'mini')", json.dumps({**GOOD, "answers": answers}))
    assert result == {"ok": False, "message": "Not imported: this browser's storage is full. Nothing was changed."}
    assert stored(page) == before


def test_a_refused_file_is_reported_on_the_page(context, base_url: str, tmp_path: Path) -> None:
    page = open_page(context, base_url + SHEET)
    page.get_by_label("Your name").fill("Mine")
    before = stored(page)
    path = tmp_path / "photo.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n not an export")
    assert quality.import_file(page, path) == "Not imported: the file is not valid JSON. Nothing was changed."
    assert "course-status-error" in page.locator(".course-import-message").get_attribute("class")
    assert stored(page) == before


def test_markdown_export_is_readable(context, base_url: str, tmp_path: Path) -> None:
    lesson = open_page(context, base_url + LESSON)
    lesson.get_by_label("Why are you here?").fill("To grow.")
    page = open_page(context, base_url + SHEET)
    fill_every_field(page)
    page.evaluate("""() => localStorage.setItem('mkdocs-course.v1:answers:mini/worksheet/all-fields/old-field',
                     JSON.stringify({value: 'An answer to a removed field', modified: '2026-01-01T00:00:00.000Z'}))""")
    download = download_by_clicking(page, "Save as Markdown")
    assert re.fullmatch(r"mini-answers-\d{4}-\d{2}-\d{2}\.md", download.suggested_filename)
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith("# Mini course: my answers\n")
    sheet = text[text.index("## Every field type") : text.index("## Day 1: First lesson (reflection)")]
    assert "### Your name\n\nAda Lovelace\n" in sheet
    assert "### Your story\n\nI started with numbers.\nThen came the engine.\n" in sheet
    assert "### Three hopes\n\n1. Learn\n2. Teach\n3. Build\n" in sheet
    assert "| Who | Role |\n| --- | --- |\n| Charles | Mentor |\n| Mary | Sponsor \\| friend |\n" in sheet
    assert "### Traits\n\n- [x] Honest\n" in sheet
    assert "### Confidence\n\n4 of 5\n" in sheet
    assert "### Format\n\nMonthly\n" in sheet
    assert "### Review date\n\nMay 1, 2026\n" in sheet
    assert "### old-field (no longer on this worksheet)\n\nAn answer to a removed field\n" in sheet
    assert "### Why are you here?\n\nTo grow.\n" in text[text.index("## Day 1: First lesson (reflection)") :]


# --- answers survive edits to the worksheet -------------------------------------------------------------


def test_answers_survive_reordering_adding_and_removing_fields(browser, tmp_path: Path) -> None:
    root = copy_course(FIXTURES / "mini", tmp_path / "project")
    assert mkdocs_build(root).returncode == 0
    with serving(root / "site") as url:
        ctx = browser.new_context()
        try:
            page = open_page(ctx, url + SHEET)
            fill_every_field(page)
            page.get_by_label("Kind").check()
            sheet = root / "exercises" / "all-fields.yml"
            original = sheet.read_text(encoding="utf-8")
            head, fields = original.split("fields:\n")
            blocks = re.split(r"\n(?=  - )", fields.strip("\n"))
            # Reverse the fields, drop `story`, drop the option `Honest`, add a new field.
            kept = [b.replace("options: [Kind, Honest]", "options: [Kind, Brave]") for b in reversed(blocks) if "id: story" not in b]
            kept.insert(2, "  - {id: added, type: text, label: A new question}")
            sheet.write_text(head + "fields:\n" + "\n".join(kept) + "\n", encoding="utf-8")
            assert mkdocs_build(root).returncode == 0

            page.reload()
            assert page.get_by_label("Your story").count() == 0
            assert page.get_by_label("A new question").input_value() == ""
            assert page.get_by_label("Your name").input_value() == "Ada Lovelace"
            assert page.get_by_label("Who, row 2").input_value() == "Mary"
            assert page.get_by_label("Kind").is_checked() and not page.get_by_label("Brave").is_checked()
            assert page.get_by_label("Monthly").is_checked()
            assert page.get_by_label("Review date").input_value() == "2026-05-01"
            # The removed field's answer and the removed option stay saved.
            assert record(page, "story")["value"] == "I started with numbers.\nThen came the engine."
            page.get_by_label("Brave").check()
            assert record(page, "traits")["value"] == ["Kind", "Brave", "Honest"]

            sheet.write_text(original, encoding="utf-8")
            assert mkdocs_build(root).returncode == 0
            page.reload()
            assert page.get_by_label("Your story").input_value() == "I started with numbers.\nThen came the engine."
            assert page.get_by_label("Honest").is_checked() and page.get_by_label("Kind").is_checked()
        finally:
            ctx.close()


# --- start-up: Material's document$ when present, else DOMContentLoaded ------------------------------------


# A page with only our scripts, as every page has them: the track data (the storage keys' contract) first.
PLAIN_PAGE = """<!doctype html><html lang="en"><head><title>plain</title>{before}</head><body>
<form class="course-reflection" data-course-form="mini/lesson/plain">
<p class="course-save-status" role="status" hidden></p>
<div class="course-field" data-course-key="mini/lesson/plain/p" data-course-type="long_text"><label for="p">Prompt</label><textarea id="p"></textarea></div>
</form>
<script src="assets/mkdocs-course/track-data.js"></script><script src="assets/mkdocs-course/course.js"></script></body></html>"""


@pytest.mark.parametrize("with_observable", [False, True])
def test_start_up_with_or_without_materials_document_observable(context, site: Path, base_url: str, with_observable: bool) -> None:
    before = "<script>window.document$ = {subscribe: function (f) { window.courseInit = f; }};</script>" if with_observable else ""
    name = f"plain-{with_observable}.html"
    (site / name).write_text(PLAIN_PAGE.format(before=before), encoding="utf-8")
    page = context.new_page()
    page.goto(base_url)  # same origin, to seed storage
    page.evaluate("() => localStorage.setItem('mkdocs-course.v1:answers:mini/lesson/plain/p', JSON.stringify({value: 'seeded', modified: '2026-01-01T00:00:00.000Z'}))")
    page.goto(base_url + name)
    if with_observable:
        # Nothing happens until the observable announces the page, as with instant navigation.
        assert page.locator("#p").input_value() == ""
        page.evaluate("window.courseInit(document)")
    assert page.locator("#p").input_value() == "seeded"
    page.locator("#p").fill("typed")
    assert json.loads(stored(page)["mkdocs-course.v1:answers:mini/lesson/plain/p"])["value"] == "typed"


# --- printing --------------------------------------------------------------------------------------------------

PAPER_POINTS = {"A4": (596, 842), "Letter": (612, 792)}


def pdf_texts(data: bytes, paper: str) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
        assert abs(size[0] - PAPER_POINTS[paper][0]) <= 1 and abs(size[1] - PAPER_POINTS[paper][1]) <= 1, size
    return [page.extract_text() for page in reader.pages]


def test_print_buttons_choose_blank_or_answers(context, base_url: str) -> None:
    page = open_page(context, base_url + SHEET)
    page.evaluate("window.print = () => { window.printedAs = document.documentElement.getAttribute('data-course-print-mode') || 'answers'; }")
    page.get_by_role("button", name="Print blank").click()
    assert page.evaluate("window.printedAs") == "blank"
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.documentElement.hasAttribute('data-course-print-mode')") is False
    page.get_by_role("button", name="Print with my answers").click()
    assert page.evaluate("window.printedAs") == "answers"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_worksheet_prints_with_answers_or_blank(context, base_url: str, paper: str) -> None:
    page = open_page(context, base_url + SHEET)
    fill_every_field(page)
    page.get_by_role("button", name="Add a row").click()
    page.get_by_label("Who, row 3").fill("Extra row person")

    filled = pdf_texts(page.pdf(format=paper), paper)
    text = "\n".join(filled)
    for answer in ["Ada Lovelace", "Then came the engine.", "Teach", "Charles", "Sponsor | friend", "Extra row person", "May 1, 2026"]:
        assert answer in text, answer
    for label in ["Your name", "Your story", "Three hopes", "People", "Traits", "Confidence", "Format", "Review date"]:
        assert label in text, label
    for absent in ["Print blank", "Save a backup file", "Add a row", "Clear this worksheet", "Saved in this browser", "Made with"]:
        assert absent not in text, absent
    for number, page_text in enumerate(filled, 1):
        assert "Mini course" in page_text and "Every field type" in page_text
        assert f"Page {number} of {len(filled)}" in page_text

    page.evaluate("mkdocsCourse.setPrintMode('blank')")
    blank = "\n".join(pdf_texts(page.pdf(format=paper), paper))
    for answer in ["Ada Lovelace", "Then came the engine.", "Charles", "Extra row person", "May 1, 2026"]:
        assert answer not in blank, answer
    assert "Your story" in blank and "Review date" in blank and "Mini course" in blank
    # The answers are still on screen: blank is for paper only.
    assert page.get_by_label("Your name").input_value() == "Ada Lovelace"


def fill_long_sheet(page) -> None:
    """Fill every field of the long sheet up to its last printed line, ending in `EndNN`."""
    page.evaluate(
        """() => {
      const set = (el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); };
      document.querySelectorAll('form.course-worksheet [data-course-key]').forEach((field, i) => {
        const n = String(i + 1).padStart(2, '0');
        const type = field.dataset.courseType;
        if (type === 'long_text') {
          const area = field.querySelector('textarea');
          set(area, Array.from({length: Number(area.rows)}, (_, k) => k === Number(area.rows) - 1 ? 'End' + n : 'line ' + k).join('\\n'));
        } else if (type === 'text') {
          set(field.querySelector('input'), 'End' + n);
        } else if (type === 'list') {
          const inputs = field.querySelectorAll('input');
          inputs.forEach((input, k) => set(input, k === inputs.length - 1 ? 'End' + n : 'item ' + k));
        } else if (type === 'table') {
          const inputs = field.querySelectorAll('tbody input');
          inputs.forEach((input, k) => set(input, k === inputs.length - 1 ? 'End' + n : 'cell'));
        }
      });
    }"""
    )


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_long_worksheet_breaks_pages_between_fields_never_inside_one(context, base_url: str, paper: str) -> None:
    page = open_page(context, base_url + "worksheets/long-sheet/")
    fill_long_sheet(page)
    pages = pdf_texts(page.pdf(format=paper), paper)
    assert len(pages) >= 3  # long enough that fields meet page ends

    def page_of(token: str) -> int:
        found = [i for i, text in enumerate(pages) if token in text]
        assert len(found) == 1, f"{token} on pages {found}"
        return found[0]

    starts = []
    for n, (kind, _) in enumerate(LONG_SHEET_FIELDS, 1):
        label = page_of(f"Label{n:02d}")
        starts.append(label)
        last = {"checklist": f"Last{n:02d}", "choice": f"Last{n:02d}", "scale": f"High{n:02d}"}.get(kind, f"End{n:02d}")
        assert page_of(last) == label, f"field {n} ({kind}) starts on page {label + 1} and ends on page {page_of(last) + 1}"
    assert starts == sorted(starts) and starts[-1] > starts[0]
    for text in pages:
        assert "A long worksheet" in text  # the worksheet title on every page


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])  # UTC+14 and UTC-11
def test_an_export_is_named_after_the_learners_own_day(browser, base_url: str, zone: str) -> None:
    # The two zones are 25 hours apart, so at any moment at least one of them is
    # not on the UTC date: a name taken from the UTC clock fails one of the two.
    ctx = browser.new_context(accept_downloads=True, timezone_id=zone)
    try:
        page = open_page(ctx, base_url + SHEET)
        assert download_by_clicking(page, "Save a backup file").suggested_filename == f"mini-answers-{datetime.now(ZoneInfo(zone)).date().isoformat()}.json"
    finally:
        ctx.close()
