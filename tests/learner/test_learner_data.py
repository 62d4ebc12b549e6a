"""A learner's answers are never lost (issue 13), in real Chromium: a full store, renamed ids,
answers the course no longer asks for, import files from a wrong clock or with hostile part
names, the browser asked to keep the data, a reminder to save a backup, and a link that
carries everything to another device.

The fixture course is built per test where a test changes it (renames), once per module
otherwise; every test has its own browser context, so its own empty storage.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_course, download_by_clicking, edit, mkdocs_build, reported, serving
import quality

pytestmark = pytest.mark.browser

STORE = "mkdocs-course.v1:"
SHEET = "worksheets/all-fields/"
LESSON = "basics/basics-first/"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_course(FIXTURES / "mini", tmp_path_factory.mktemp("learner-data") / "mini")
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def base_url(project: Path) -> Iterator[str]:
    with serving(project / "site") as url:
        yield url


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    ctx.errors = []
    ctx.on("page", lambda p: p.on("pageerror", lambda e: ctx.errors.append(str(e))))
    yield ctx
    ctx.close()


def ready(context, url: str):
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(url)
    page.wait_for_function("() => window.mkdocsCourse && !document.querySelector('[data-course-nojs]:not([hidden])')")
    return page


def stored(page, section: str, key: str):
    raw = page.evaluate("k => localStorage.getItem(k)", f"{STORE}{section}:{key}")
    return None if raw is None else json.loads(raw)


def put(page, section: str, key: str, value, modified: str = "2027-03-01T08:00:00.000Z") -> None:
    page.evaluate("([k, r]) => localStorage.setItem(k, r)", [f"{STORE}{section}:{key}", json.dumps({"value": value, "modified": modified})])


# --- a full store ------------------------------------------------------------------------------------------


FILL = """() => {
  // Fill this site's storage to the browser's quota, in large pieces then small ones.
  let n = 0;
  for (let size = 1 << 20; size >= 1; size = size >> 1) {
    const piece = "x".repeat(size);
    try { for (;;) localStorage.setItem("filler-" + n++, piece); } catch (e) { /* full at this size */ }
  }
  return n;
}"""


def test_a_store_filled_to_its_quota_still_shows_and_exports_every_answer(context, base_url: str) -> None:
    page = ready(context, base_url + LESSON)
    page.get_by_label("Why are you here?").fill("To find my next step.")
    page.goto(base_url + SHEET)
    page.get_by_label("Your name").fill("Ada")
    page.get_by_label("Three hopes, item 1").fill("Lead a team")
    page.goto(base_url + LESSON)
    page.get_by_role("button", name="Mark this lesson done").click()
    assert page.evaluate(FILL) > 5
    assert page.evaluate("() => { try { localStorage.setItem('one-more', 'x'); return false; } catch (e) { return true; } }")  # really full

    # Every answer is still shown, where it was written and in the journal and progress.
    page.reload()
    assert page.get_by_label("Why are you here?").input_value() == "To find my next step."
    assert "storage for this site is full" in page.locator(".course-reflection .course-save-status").inner_text()
    page.goto(base_url + SHEET)
    assert page.get_by_label("Your name").input_value() == "Ada" and page.get_by_label("Three hopes, item 1").input_value() == "Lead a team"
    status = page.locator(".course-answer-tools .course-save-status").inner_text()
    assert "every answer saved so far is still here" in status and "Export your answers" in status
    page.goto(base_url + "journal/")
    page.locator("[data-course-journal-key] .course-journal-answer", has_text="To find my next step.").wait_for()
    page.goto(base_url + "progress/")
    assert page.locator(".course-track-summary").inner_text().startswith("1 of 3 lessons done.")

    # And it exports, whole.
    page.goto(base_url + SHEET)
    assert page.get_by_role("button", name="Save a backup file").is_enabled()
    exported = json.loads(Path(download_by_clicking(page, "Save a backup file").path()).read_text(encoding="utf-8"))
    assert exported["answers"]["mini/lesson/basics-first/why"]["value"] == "To find my next step."
    assert exported["answers"]["mini/worksheet/all-fields/hopes"]["value"][0] == "Lead a team"
    assert exported["progress"]["mini/lesson/basics-first"]["value"]
    # A new keystroke is refused plainly, and the saved answer is untouched.
    page.get_by_label("Your name").fill("Ada " + "Lovelace " * 60)  # longer: it cannot fit where the old answer was
    assert page.locator(".course-answer-tools .course-save-status").inner_text().startswith("Not saved: this browser's storage for this site is full.")
    # Said beside the field too, where the learner is typing (a learner saw it only at the top of the page).
    assert page.locator('[data-course-key="mini/worksheet/all-fields/name"] .course-unsaved').inner_text() == "Not saved: this answer is only on the screen."
    assert stored(page, "answers", "mini/worksheet/all-fields/name")["value"] == "Ada"
    assert context.errors == []


def test_with_a_full_store_the_track_says_what_was_not_kept(context, base_url: str) -> None:
    """A learner with full storage pressed "Start today" and was told their track had started, under
    the same "Start the course" button; the daily note failed without a word."""
    page = ready(context, base_url + "today/")
    page.evaluate(FILL)
    page.reload()
    page.locator(".course-track-body").wait_for()
    page.get_by_role("button", name="Start today").click()
    assert page.locator(".course-track-status").inner_text().startswith("Not saved: this browser's storage for this site is full.")
    assert page.get_by_role("button", name="Start today").is_visible()
    assert stored(page, "progress", "mini/start") is None
    page.goto(base_url + LESSON)
    page.get_by_role("button", name="Mark this lesson done").click()
    assert page.locator(".course-done-status").inner_text().startswith("Not saved: this browser's storage for this site is full.")
    assert context.errors == []


# --- renamed ids, and answers the course no longer asks for ---------------------------------------------------


def test_answers_and_done_marks_follow_a_renamed_lesson_worksheet_and_field(browser, tmp_path: Path) -> None:
    root = copy_course(FIXTURES / "mini", tmp_path / "mini")
    assert mkdocs_build(root, "--strict").returncode == 0
    with serving(root / "site") as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.goto(base + LESSON)
            page.get_by_label("Why are you here?").fill("To grow.")
            page.get_by_role("button", name="Mark this lesson done").click()
            page.goto(base + SHEET)
            page.get_by_label("Your name").fill("Ada")
            page.goto(base + "progress/")
            assert page.locator(".course-track-summary").inner_text().startswith("1 of 3 lessons done.")

            # The author renames the lesson, the worksheet and a field, and says so.
            edit(root, "lessons/basics/01-first.yml", "id: basics-first", "id: first-steps\nrenamed_from: [basics-first]")
            sheet = root / "exercises/all-fields.yml"
            sheet.rename(root / "exercises/every-field.yml")
            edit(root, "exercises/every-field.yml", "id: all-fields", "id: every-field\nrenamed_from: [all-fields]")
            edit(root, "exercises/every-field.yml", "{id: name, type: text, label: Your name}", "{id: full-name, type: text, label: Your name, renamed_from: [name]}")
            edit(root, "lessons/basics/01-first.yml", "worksheets: [all-fields]", "worksheets: [all-fields]")
            # Every place that names the old ids is told the new ones.
            assert "lessons/basics/01-first.yml:18:14: no worksheet with id `all-fields` | the worksheet `all-fields` is now `every-field`: write the new id" in reported(root)
            edit(root, "lessons/basics/01-first.yml", "worksheets: [all-fields]", "worksheets: [every-field]")
            assert "course/cohorts/daytime.yml:20:14: no lesson with id `basics-first` | the lesson `basics-first` is now `first-steps`: write the new id" in reported(root)
            edit(root, "course/cohorts/daytime.yml", "basics-first", "first-steps")
            result = mkdocs_build(root, "--strict")
            assert result.returncode == 0, result.stderr

            page.goto(base + "progress/")
            assert page.locator(".course-track-summary").inner_text().startswith("1 of 3 lessons done.")  # not "0 of 3"
            page.goto(base + "basics/first-steps/")
            assert page.get_by_label("Why are you here?").input_value() == "To grow."
            assert page.get_by_role("button", name="Mark as not done").is_visible()
            page.goto(base + "worksheets/every-field/")
            assert page.get_by_label("Your name").input_value() == "Ada"
            # Moved, not copied: the old keys are gone, the new ones hold the same records.
            assert stored(page, "answers", "mini/worksheet/all-fields/name") is None
            assert stored(page, "answers", "mini/worksheet/every-field/full-name")["value"] == "Ada"
            assert stored(page, "progress", "mini/lesson/first-steps")["value"]
            page.goto(base + "journal/")
            assert page.locator("[data-course-journal-earlier]").is_hidden()  # nothing orphaned
        finally:
            context.close()


def test_answers_to_questions_the_course_no_longer_asks_stay_in_the_journal_and_exports(context, base_url: str) -> None:
    page = ready(context, base_url + "journal/")
    put(page, "answers", "mini/lesson/a-lesson-since-removed/why", "An answer from an earlier version")
    put(page, "answers", "mini/worksheet/all-fields/a-removed-field", ["one", "two"])
    page.reload()
    earlier = page.locator("[data-course-journal-earlier]")
    earlier.wait_for()
    text = earlier.inner_text()
    assert "From earlier versions of this course" in text
    assert "lesson · a-lesson-since-removed · why" in text and "An answer from an earlier version" in text
    assert "worksheet · all-fields · a-removed-field" in text and "• one\n• two" in text
    page.goto(base_url + SHEET)
    exported = json.loads(Path(download_by_clicking(page, "Save a backup file").path()).read_text(encoding="utf-8"))
    assert exported["answers"]["mini/lesson/a-lesson-since-removed/why"]["value"] == "An answer from an earlier version"


# --- import files ---------------------------------------------------------------------------------------------


def export_file(**sections) -> str:
    return json.dumps({"format": "mkdocs-course/learner-data", "version": 1, "course": {"id": "mini", "title": "Mini course"}, "exported": "2027-03-01T08:00:00.000Z", **sections})


def import_text(page, text: str) -> dict:
    return page.evaluate("t => window.mkdocsCourse.importText(t, 'mini')", text)


def test_an_import_from_a_clock_in_the_future_does_not_win_over_later_edits(context, base_url: str) -> None:
    page = ready(context, base_url + SHEET)
    future = "2099-01-01T00:00:00.000Z"
    result = import_text(page, export_file(answers={"mini/worksheet/all-fields/name": {"value": "From the future", "modified": future}}))
    assert result["ok"] and result["counts"]["added"] == 1
    record = stored(page, "answers", "mini/worksheet/all-fields/name")
    assert record["value"] == "From the future" and record["modified"] < "2030"  # saved as now, not in 2099
    page.reload()
    page.get_by_label("Your name").fill("Written later")
    # Importing the same file again changes nothing: the learner's later answer is newer.
    again = import_text(page, export_file(answers={"mini/worksheet/all-fields/name": {"value": "From the future", "modified": future}}))
    assert stored(page, "answers", "mini/worksheet/all-fields/name")["value"] == "Written later"
    assert again["ok"]


@pytest.mark.parametrize("name", ["__proto__", "constructor", "prototype"])
def test_a_part_named_like_a_built_in_is_ignored_and_never_set_on_a_global(context, base_url: str, name: str) -> None:
    page = ready(context, base_url + SHEET)
    text = export_file(answers={"mini/worksheet/all-fields/name": {"value": "Ada", "modified": "2027-03-01T08:00:00.000Z"}}, **{name: {"polluted": {"value": "yes", "modified": "2027-03-01T08:00:00.000Z"}}})
    result = import_text(page, text)
    assert result["ok"], result
    assert f"(“{name}”) was ignored" in result["message"]
    assert page.evaluate("() => ({}).polluted === undefined && Object.polluted === undefined && Object.prototype.polluted === undefined")
    assert not page.evaluate("() => Object.keys(localStorage).some(k => k.includes(':__proto__:') || k.includes(':constructor:') || k.includes(':prototype:'))")
    assert stored(page, "answers", "mini/worksheet/all-fields/name")["value"] == "Ada"
    # Records under a section named "constructor" already in storage are not read as a section either.
    page.evaluate("() => localStorage.setItem('mkdocs-course.v1:constructor:mini/x', JSON.stringify({ value: 'v', modified: '2027-03-01T08:00:00.000Z' }))")
    assert page.evaluate("() => Object.keys(window.mkdocsCourse.store.all('mini')).includes('constructor')") is False
    assert page.evaluate("() => Object['mini/x'] === undefined && ({})['mini/x'] === undefined")


# --- keeping the data, and a backup ---------------------------------------------------------------------------


def test_the_first_save_asks_the_browser_to_keep_the_data_and_the_journal_says_what_it_said(context, base_url: str) -> None:
    page = ready(context, base_url + SHEET)
    page.evaluate("""() => { window.__asked = 0; navigator.storage.persisted = () => Promise.resolve(window.__asked > 0);
        navigator.storage.persist = () => { window.__asked++; return Promise.resolve(true); }; }""")
    page.get_by_label("Your name").fill("Ada")
    page.wait_for_function("() => window.__asked === 1")
    page.get_by_label("Your name").fill("Ada L")  # asked once, not on every keystroke
    page.wait_for_timeout(200)
    assert page.evaluate("window.__asked") == 1
    page.goto(base_url + "journal/")
    kept = page.locator(".course-journal-kept")
    kept.wait_for()
    assert kept.inner_text() in ("This browser keeps your answers until you clear its data for this site yourself.",
                                 "This browser may clear your answers if the device runs low on space. Save a backup file from time to time, or ask the browser to keep them: Ask the browser to keep them")


def test_a_week_of_answers_without_a_backup_brings_a_reminder_until_one_is_saved(context, base_url: str) -> None:
    page = ready(context, base_url + SHEET)
    week_ago = datetime.now(timezone.utc).replace(microsecond=0).timestamp() - 8 * 86400
    put(page, "answers", "mini/worksheet/all-fields/name", "Ada", datetime.fromtimestamp(week_ago, timezone.utc).isoformat().replace("+00:00", ".000Z"))
    page.reload()
    reminder = page.locator(".course-answer-tools .course-backup-due")
    assert reminder.is_visible() and "more than a week" in reminder.inner_text()
    page.goto(base_url + "journal/")
    assert page.locator(".course-track-body .course-backup-due").is_visible()
    page.goto(base_url + SHEET)
    download_by_clicking(page, "Save a backup file")
    assert reminder.is_hidden()
    page.reload()
    assert reminder.is_hidden()
    assert page.evaluate("localStorage.getItem('mkdocs-course.local:backup:mini')") > "2026"
    assert stored(page, "progress", "mini/backup") is None  # this browser's fact, not in the record exports carry


def test_the_journal_forgets_its_reminder_once_a_backup_is_saved_or_restored(browser, base_url: str, tmp_path: Path) -> None:
    """A learner saved a backup from the journal and was told, right under it, that they had not
    saved one; on a new phone the restored backup brought the same reminder."""
    one = browser.new_context(accept_downloads=True)
    try:
        page = ready(one, base_url + SHEET)
        week_ago = datetime.now(timezone.utc).replace(microsecond=0).timestamp() - 8 * 86400
        put(page, "answers", "mini/worksheet/all-fields/name", "Ada", datetime.fromtimestamp(week_ago, timezone.utc).isoformat().replace("+00:00", ".000Z"))
        page.goto(base_url + "journal/")
        reminder = page.locator(".course-track-body .course-backup-due")
        assert reminder.is_visible()
        path = tmp_path / "backup.json"
        download_by_clicking(page, "Save a backup file").save_as(path)
        assert page.locator(".course-track-status").inner_text().startswith("A backup file of all your answers was saved.")
        assert page.locator(".course-track-body .course-backup-due").count() == 0
    finally:
        one.close()
    # A new phone: nothing written yet, and the journal offers the restore where the learner looks.
    two = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True)
    try:
        page = ready(two, base_url + "journal/")
        assert page.locator(".course-track-body").inner_text().startswith("Nothing written yet.")
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Restore a backup file").click()
        chooser.value.set_files(str(path))
        page.locator(".course-track-status", has_text="Imported").wait_for()
        assert page.locator(".course-journal-entry:visible", has_text="Ada").count() == 1
        assert page.locator(".course-backup-due").count() == 0
    finally:
        two.close()


def test_today_offers_to_restore_a_backup_before_starting(browser, base_url: str, tmp_path: Path) -> None:
    path = tmp_path / "backup.json"
    record = {"value": "2027-03-01", "modified": "2027-03-01T08:00:00.000Z"}
    path.write_text(json.dumps({"format": "mkdocs-course/learner-data", "version": 1, "course": {"id": "mini", "title": "Mini"}, "exported": "2027-03-02T08:00:00.000Z",
                                "progress": {"mini/start": record, "mini/lesson/basics-first": record}}), encoding="utf-8")
    context = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True)
    try:
        page = ready(context, base_url + "today/")
        assert page.get_by_role("button", name="Start today").is_visible()
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Restore a backup file").tap()
        chooser.value.set_files(str(path))
        page.locator(".course-track-status", has_text="Imported 2 new entries.").wait_for()
        # Their track, where they left it: Day 1 done, Day 2 next.
        assert page.get_by_role("button", name="Start today").count() == 0
        assert "Day 2: Second lesson" in page.locator(".course-track-body .course-go").inner_text()
        assert page.evaluate(quality.PHONE_CHECK, 360) == []
    finally:
        context.close()


# --- to another device, in a link -------------------------------------------------------------------------------


def test_a_link_carries_every_answer_to_another_device_and_brings_them_in_only_when_asked(browser, base_url: str) -> None:
    one = browser.new_context(viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"])
    two = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True)
    try:
        page = one.new_page()
        page.goto(base_url + LESSON)
        page.get_by_label("Why are you here?").fill("Because " + "it matters " * 40)
        page.get_by_role("button", name="Mark this lesson done").click()
        page.goto(base_url + SHEET)
        page.get_by_label("Your name").fill("Ada")
        link = quality.share_link(page)
        size = page.locator(".course-share-size")
        assert link.startswith(base_url + "#mkdocs-course-import=1.d.")  # compressed
        assert f"This link is {len(link):,} characters long" in size.inner_text()
        assert "Anyone who has it can read them" in size.inner_text()
        page.get_by_role("button", name="Copy the link").click()
        assert page.evaluate("navigator.clipboard.readText()") == link
        # The data is in the fragment: no server ever receives it.
        assert "?" not in link.split("#")[0][len(base_url) :]

        other = two.new_page()
        requests: list[str] = []
        other.on("request", lambda r: requests.append(r.url))
        other.goto(link)
        offer = other.locator(".course-linked-data")
        offer.wait_for()
        assert "This link holds 3 answers or entries of this course" in offer.inner_text() or "holds" in offer.inner_text()
        assert other.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('mkdocs-course.v1:answers:')).length") == 0  # nothing yet
        other.get_by_role("button", name="Bring them in").tap()
        assert offer.inner_text().startswith("Imported")
        assert "#" not in other.url  # the fragment is gone from the address and the history
        assert all("mkdocs-course-import" not in u.split("#")[0] for u in requests)
        other.goto(base_url + SHEET)
        assert other.get_by_label("Your name").input_value() == "Ada"
        other.goto(base_url + "progress/")
        assert other.locator(".course-track-summary").inner_text().startswith("1 of 3 lessons done.")
    finally:
        one.close()
        two.close()


def test_a_damaged_link_changes_nothing_and_says_so(context, base_url: str) -> None:
    page = ready(context, base_url + SHEET)
    page.goto(base_url + "#mkdocs-course-import=1.d.not-really-compressed")
    offer = page.locator(".course-linked-data")
    offer.wait_for()
    assert "damaged or cut short" in offer.inner_text() and "Nothing was changed." in offer.inner_text()
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('mkdocs-course.v1:answers:')).length") == 0


def test_a_key_holding_a_quote_does_not_break_the_markdown_export(context, base_url: str) -> None:
    page = ready(context, base_url + SHEET)
    put(page, "answers", 'mini/worksheet/all-fields/odd"key', "An answer under an odd key")
    page.reload()
    text = Path(download_by_clicking(page, "Save as Markdown").path()).read_text(encoding="utf-8")
    assert "An answer under an odd key" in text
    assert context.errors == []
