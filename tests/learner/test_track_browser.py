"""The learner's daily track in real Chromium (decision D9): start, today, catch-up, progress,
streaks, routine ticks, journal, certificate, cohorts, export and rebuilds.

Days move with Playwright's clock (`page.clock.set_fixed_time`) in a browser context with
its own time zone, so "today" is the learner's local calendar day. The mini course is
built once for the module and served on 127.0.0.1; every test gets a fresh context
(empty localStorage). The rebuild test has its own copy of the course.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, copy_course, download_by_clicking, mkdocs_build, serving

pytestmark = pytest.mark.browser

LONDON = "Europe/London"
STORE = "mkdocs-course.v1:"
MINI = "{id: 'mini', title: 'Mini course'}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_course(FIXTURES / "mini", tmp_path_factory.mktemp("track-browser") / "project")
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serving(site) as url:
        yield url


def new_page(browser, zone: str = LONDON, **options):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id=zone, accept_downloads=True, **options)
    page = context.new_page()
    page.errors = []
    page.requests = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("request", lambda request: page.requests.append(request.url))
    return page


@pytest.fixture
def page(browser) -> Iterator[object]:
    page = new_page(browser)
    yield page
    assert page.errors == []
    page.context.close()


def on(page, day: str, clock: str = "09:00", zone: str = LONDON) -> None:
    """Move the learner's clock to `day` at `clock`, local time in `zone`."""
    page.clock.set_fixed_time(datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=ZoneInfo(zone)))


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => window.mkdocsCourse && !document.querySelector('[data-course-nojs]:not([hidden])')")


def lesson(page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    page.locator(".course-done:not([hidden])").wait_for()


def mark_done(page, base_url: str, path: str) -> str:
    lesson(page, base_url, path)
    page.get_by_role("button", name="Mark this lesson done").click()
    return page.locator(".course-done-status").inner_text()


def tick_routine(page, base_url: str, path: str = "routines/warm-up/", steps: tuple[str, ...] = ("Stretch.", "Breathe.")) -> str:
    page.goto(base_url + path)
    page.locator(".course-routine-tracker:not([hidden])").wait_for()
    for step in steps:
        page.get_by_label(step).check()
    return page.locator(".course-routine-status").inner_text()


def record(page, section: str, key: str):
    raw = page.evaluate("k => localStorage.getItem(k)", f"{STORE}{section}:{key}")
    return None if raw is None else json.loads(raw)


def view_text(page) -> str:
    return page.locator(".course-track-body").first.inner_text()


def heading(page) -> str:
    return page.locator(".course-track-body h2").first.inner_text()


def start_on(page, base_url: str, day: str) -> None:
    on(page, day)
    visit(page, base_url + "today/")
    page.get_by_role("button", name="Start today").click()


# --- start and today ---------------------------------------------------------------------------------


def test_a_learner_starts_and_follows_several_days_with_the_keyboard(page, base_url: str) -> None:
    on(page, "2027-03-01")
    visit(page, base_url + "today/")
    assert heading(page) == "Start the course"
    assert not page.get_by_text("To start, open").is_visible()  # the no-JavaScript text gives way
    page.get_by_role("button", name="Start today").focus()
    page.keyboard.press("Enter")
    assert page.get_by_role("status").inner_text() == "Your track starts today: day 1 is today's lesson."
    assert heading(page) == "Day 1: First lesson"
    assert page.evaluate("document.activeElement.tagName") == "H2"  # focus is not lost with the pressed button
    assert record(page, "progress", "mini/start")["value"] == "2027-03-01"

    visit(page, base_url)
    assert page.locator(".course-start a").first.inner_text() == "Start with Day 1: First lesson"

    lesson(page, base_url, "basics/basics-first/")
    done = page.locator(".course-done button")
    assert done.inner_text() == "Mark this lesson done"
    done.focus()
    page.keyboard.press("Enter")
    assert page.locator(".course-done-status").inner_text() == "Day 1 is done: well done."
    assert done.inner_text() == "Mark as not done"
    # Done, the way on is the main thing on the page.
    assert page.get_by_role("link", name="Next: Day 2: Second lesson").is_visible()
    assert record(page, "progress", "mini/lesson/basics-first")["value"] == "2027-03-01"
    page.get_by_label("Stretch.").focus()
    page.keyboard.press("Space")
    assert page.locator(".course-routine-status").inner_text() == "1 of 2 steps ticked today, Mon, Mar 1."
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.locator(".course-routine-status").inner_text() == "Done for today. Days in a row: 1."
    assert record(page, "routines", "mini/routine/warm-up/2027-03-01")["value"] == [True, True]

    visit(page, base_url + "today/")
    assert heading(page) == "Done for today ✓"
    assert "You finished Day 1: First lesson today. Next is Day 2: Second lesson: it is ready tomorrow, or now if you have time." in view_text(page)
    # The way on is offered, not pressed: one lesson a day is the pace (a learner felt pushed to a second).
    go = page.locator(".course-start a.course-go")
    assert go.inner_text() == "Next: Day 2: Second lesson" and "md-button--primary" not in go.get_attribute("class")

    on(page, "2027-03-02")
    visit(page, base_url + "today/")
    assert heading(page) == "Day 2: Second lesson"
    assert page.get_by_role("link", name="Continue with Day 2: Second lesson").get_attribute("href") == base_url + "basics/basics-second/"
    assert "Days in a row: 1. A day counts" in view_text(page)  # today not done yet does not break the run
    assert mark_done(page, base_url, "basics/basics-second/") == "Day 2 is done: well done."

    on(page, "2027-03-03")
    visit(page, base_url + "today/")
    assert heading(page) == "Day 3: Only lesson"
    assert "Catching up" not in view_text(page)
    assert "Days in a row: 2. A day counts" in view_text(page)

    visit(page, base_url + "progress/")
    assert page.locator(".course-track-summary").inner_text() == "2 of 3 lessons done. Next: Day 3: Only lesson."
    assert page.locator('[data-course-module-count="basics"]').inner_text() == "· 2 of 2 done"
    assert page.locator('[data-course-module-count="practice"]').inner_text() == "· 0 of 1 done"
    assert page.locator('[data-course-lesson-item="basics-second"]').inner_text() == "Day 2: Second lesson ✓ done on Tue, Mar 2"

    page.reload()
    page.wait_for_function("() => !document.querySelector('[data-course-nojs]:not([hidden])')")
    assert page.locator(".course-track-summary").inner_text() == "2 of 3 lessons done. Next: Day 3: Only lesson."
    # Nothing was fetched from anywhere but this site.
    assert {urlsplit(u).hostname for u in page.requests} == {"127.0.0.1"}


def test_start_on_a_later_date_and_change_the_plan(page, base_url: str) -> None:
    on(page, "2027-03-01")
    visit(page, base_url + "today/")
    page.get_by_label("Or start on").fill("2027-03-08")
    page.get_by_role("button", name="Start on this date").click()
    assert page.get_by_role("status").inner_text() == "Your track starts on Monday, March 8, 2027."
    assert heading(page) == "Your course starts on Monday, March 8, 2027"
    assert "That is in 7 days. Day 1 is ready whenever you are: Day 1: First lesson." in view_text(page)
    visit(page, base_url)
    assert page.locator(".course-start a").first.inner_text() == "Starts Mon, Mar 8 · Day 1: First lesson"

    visit(page, base_url + "today/")
    page.locator(".course-track-change summary").click()
    page.get_by_label("Day 1 is on").fill("2027-02-28")
    page.get_by_role("button", name="Save the date").click()
    assert heading(page) == "Day 2: Second lesson"
    page.locator(".course-track-change summary").click()
    page.get_by_role("button", name="Clear my plan").click()
    assert page.get_by_role("status").inner_text() == "Your plan is cleared. Lessons you marked done stay done."
    assert heading(page) == "Start the course"
    assert record(page, "progress", "mini/start")["value"] is None


def test_missed_days_bring_a_gentle_catch_up(page, base_url: str) -> None:
    start_on(page, base_url, "2027-03-01")
    mark_done(page, base_url, "basics/basics-first/")

    on(page, "2027-03-03")  # day 2 was missed; day 3 is today
    visit(page, base_url + "today/")
    # One way on, the same in the heading and the button (a learner saw Day 3 as the heading, "Continue:
    # Day 2" and "Today · Day 3" as buttons, and "Pick up from day 2" below); the plan's day is in the catch-up.
    assert heading(page) == "Next for you: Day 2: Second lesson"
    assert page.locator(".course-start a").all_inner_texts() == ["Continue with Day 2: Second lesson"]
    catch_up = page.locator(".course-catch-up").inner_text()
    assert "One earlier lesson is still open: Day 2: Second lesson. No rush, and no need to do two a day" in catch_up

    on(page, "2027-03-06")  # past the planned last day, two lessons open
    visit(page, base_url + "today/")
    assert heading(page) == "Next for you: Day 2: Second lesson"
    assert "2 earlier lessons are still open, starting with Day 2: Second lesson." in page.locator(".course-catch-up").inner_text()
    page.get_by_role("button", name="Pick up from day 2 today").click()
    assert page.get_by_role("status").inner_text() == "Day 2 is now today's lesson; the ones after it follow one a day."
    assert heading(page) == "Day 2: Second lesson"
    assert page.locator(".course-catch-up").count() == 0
    assert record(page, "progress", "mini/start")["value"] == "2027-03-05"

    on(page, "2027-03-07")
    visit(page, base_url + "today/")
    assert heading(page) == "Next for you: Day 2: Second lesson"  # still open; the plan moved: day 3 is today's
    assert "One earlier lesson is still open: Day 2" in page.locator(".course-catch-up").inner_text()


def test_marking_a_lesson_done_without_a_start_starts_the_track_there(page, base_url: str) -> None:
    on(page, "2027-03-10")
    text = mark_done(page, base_url, "basics/basics-second/")
    assert text == "Day 2 is done: well done. From tomorrow, the Today page has your next lesson ready."
    assert record(page, "progress", "mini/start")["value"] == "2027-03-09"
    on(page, "2027-03-11")
    visit(page, base_url + "today/")
    assert heading(page) == "Day 3: Only lesson"
    assert "One earlier lesson is still open: Day 1: First lesson" in page.locator(".course-catch-up").inner_text()


def test_undo_stays_undone_even_after_importing_an_older_export(page, base_url: str) -> None:
    on(page, "2027-03-01")
    mark_done(page, base_url, "basics/basics-first/")
    older = page.evaluate(f"() => JSON.stringify(mkdocsCourse.exportData({MINI}))")
    on(page, "2027-03-01", "10:00")
    lesson(page, base_url, "basics/basics-first/")
    page.get_by_role("button", name="Mark as not done").click()
    assert page.locator(".course-done-status").inner_text() == "Day 1 is no longer marked done."
    assert page.get_by_role("button", name="Mark this lesson done").is_visible()
    assert record(page, "progress", "mini/lesson/basics-first")["value"] is None
    result = page.evaluate("text => mkdocsCourse.importText(text, 'mini')", older)
    assert result["ok"] and result["counts"]["kept"] == 1
    # Progress marks are not answers: a file with more than answers counts entries.
    assert result["message"] == "Nothing new to import. 1 entry already matched. 1 entry in this browser was newer than the file's and was kept."
    page.reload()
    assert page.get_by_role("button", name="Mark this lesson done").is_visible()


# --- home ------------------------------------------------------------------------------------------


def test_home_shows_todays_lesson_and_where_the_learner_left_off(page, base_url: str) -> None:
    on(page, "2027-03-01")
    visit(page, base_url)
    # Not started: the page's own button stays.
    assert page.locator(".course-start a").inner_text() == "Start with day 1: First lesson"
    start_on(page, base_url, "2027-03-01")
    on(page, "2027-03-01", "09:05")
    mark_done(page, base_url, "basics/basics-second/")  # ahead of the plan, skipping day 1
    visit(page, base_url)
    links = page.locator(".course-start a")
    # Where the learner left off, quietly: a lesson is done today (day 1, skipped, is Today's catch-up).
    assert links.all_inner_texts() == ["Next: Day 3: Only lesson"]
    assert links.nth(0).get_attribute("href") == base_url + "practice/practice-only/"
    assert page.locator(".course-track .course-meta").inner_text() == "1 of 3 lessons done · days in a row: 1 · Today · Progress"


# --- streaks and the routine -------------------------------------------------------------------------


def test_a_streak_broken_and_resumed(page, base_url: str) -> None:
    start_on(page, base_url, "2027-03-01")
    for day in ("2027-03-01", "2027-03-02", "2027-03-03"):
        on(page, day)
        tick_routine(page, base_url)
    on(page, "2027-03-04")  # not ticked yet today: the run still counts
    visit(page, base_url + "progress/")
    assert "Days in a row: 3. A day counts" in view_text(page)

    on(page, "2027-03-06")  # two days missed
    visit(page, base_url + "progress/")
    assert "Days in a row: none right now (your last run: 3 days; today is a good day to start again)." in view_text(page)
    text = tick_routine(page, base_url)
    assert text == "Done for today. Days in a row: 1 (your longest run: 3)."
    tracker = page.locator(".course-routine-tracker")
    # Counted from the day the learner began, not from four weeks back: days before they started are not missed days.
    assert "Days in a row: 1 (your longest run: 3). Done on 4 of the 6 days since Mon, Mar 1, the day you began." in tracker.inner_text()
    words = tracker.locator("td .course-visually-hidden").all_inner_texts()
    assert words[-6:] == ["Mon, Mar 1: done", "Tue, Mar 2: done", "Wed, Mar 3: done", "Thu, Mar 4: not done", "Fri, Mar 5: not done", "Sat, Mar 6: done (today)"]

    on(page, "2027-03-07")
    tick_routine(page, base_url, steps=("Stretch.",))  # one of two steps: partly, not a day in the run
    visit(page, base_url + "progress/")
    assert "Days in a row: 1 (your longest run: 3)." in view_text(page)
    assert page.locator("td.course-cal-partly .course-visually-hidden").inner_text() == "Sun, Mar 7: partly done (today)"
    visit(page, base_url + "today/")
    assert "Today's routine: Warm-up (3 minutes): partly done." in view_text(page)


def test_routine_ticks_belong_to_the_day(page, base_url: str) -> None:
    on(page, "2027-03-01")
    tick_routine(page, base_url, steps=("Stretch.",))
    lesson(page, base_url, "basics/basics-second/")  # the same routine on a lesson page: today's ticks
    assert page.get_by_label("Stretch.").is_checked() and not page.get_by_label("Breathe.").is_checked()
    on(page, "2027-03-02")
    page.reload()
    page.locator(".course-done:not([hidden])").wait_for()
    assert not page.get_by_label("Stretch.").is_checked()  # a new day starts unticked
    assert record(page, "routines", "mini/routine/warm-up/2027-03-01")["value"] == [True, False]


# --- progress --------------------------------------------------------------------------------------------


def test_progress_shows_modules_and_a_calendar_with_words_for_every_day(page, base_url: str) -> None:
    start_on(page, base_url, "2027-03-01")
    mark_done(page, base_url, "basics/basics-first/")
    on(page, "2027-03-03")
    visit(page, base_url + "progress/")
    assert page.locator(".course-progress-modules p").evaluate_all("ps => ps.map(p => p.textContent.replace(/\\s+/g, ' '))") == ["Basics 1 of 2 · 2 self-checks to try", "Practice 0 of 1"]
    assert page.locator(".course-progress-modules progress").evaluate_all("bars => bars.map(b => [b.value, b.max])") == [[1, 2], [0, 1]]
    table = page.locator("table.course-cal").first
    assert table.locator("caption").inner_text() == "Your track, week by week"
    assert table.locator("thead th abbr").first.get_attribute("title") == "Monday"
    cells = table.locator("td:not(.course-cal-off)")
    assert cells.locator(".course-visually-hidden").all_inner_texts() == [
        "Monday, March 1, 2027: Day 1: First lesson, done; you were active.",
        "Tuesday, March 2, 2027: Day 2: Second lesson, still open.",
        "Wednesday, March 3, 2027: Day 3: Only lesson, today's lesson.",
    ]
    classes = cells.evaluate_all("cells => cells.map(c => c.className.trim())")
    assert classes == ["course-cal-lesson course-cal-done course-cal-active", "course-cal-lesson course-cal-open", "course-cal-lesson course-cal-today course-cal-now"]
    assert cells.locator(".course-cal-mark").all_inner_texts() == ["1\u2009✓", "2", "3"]
    # Marks are hidden from screen readers: the words say it once.
    assert cells.first.locator(".course-cal-mark").get_attribute("aria-hidden") == "true"


# --- cohorts --------------------------------------------------------------------------------------------


def test_with_a_cohort_today_follows_the_cohorts_dates(page, base_url: str) -> None:
    on(page, "2027-03-30")  # Easter Tuesday: the evening group has no lesson
    page.goto(base_url + "cohorts/evening/?join")
    visit(page, base_url + "today/")
    assert "You follow the dates of Evening group." in view_text(page)
    assert heading(page) == "No lesson today"
    assert "Your group's next lesson is Day 2: Second lesson, on Thursday, April 1, 2027." in view_text(page)
    assert "One earlier lesson is still open: Day 1: First lesson" in page.locator(".course-catch-up").inner_text()
    assert page.get_by_role("button", name=re.compile("Pick up")).count() == 0  # a group's dates do not move

    on(page, "2027-04-01")
    visit(page, base_url + "today/")
    assert heading(page) == "Day 2: Second lesson"
    assert mark_done(page, base_url, "basics/basics-second/") == "Day 2 is done: well done."
    assert record(page, "progress", "mini/start") is None  # the cohort sets the dates, not a start

    visit(page, base_url + "today/")
    page.locator(".course-track-change summary").click()
    page.get_by_role("button", name="Stop following Evening group").click()
    assert heading(page) == "Start the course"


def test_a_cohort_chosen_before_the_shared_store_is_moved_into_it(page, base_url: str) -> None:
    on(page, "2027-04-01")
    page.goto(base_url + "summary/")
    page.evaluate("localStorage.setItem('mkdocs-course/mini/cohort', 'evening')")
    visit(page, base_url + "today/")
    assert heading(page) == "Day 2: Second lesson"
    assert page.evaluate("localStorage.getItem('mkdocs-course/mini/cohort')") is None
    assert record(page, "progress", "mini/cohort")["value"] == "evening"
    exported = page.evaluate(f"() => mkdocsCourse.exportData({MINI})")
    assert exported["progress"]["mini/cohort"]["value"] == "evening"
    page.goto(base_url + "basics/basics-second/")
    assert page.locator(".course-cohort-day:visible").inner_text().startswith("Evening group · Day 2")


# --- time zones and clock changes -----------------------------------------------------------------------


def test_days_are_local_calendar_days_across_a_clock_change(browser, base_url: str) -> None:
    zone = "America/New_York"  # clocks go forward on Sunday 14 March 2027
    page = new_page(browser, zone)
    on(page, "2027-03-13", zone=zone)
    visit(page, base_url + "today/")
    page.get_by_role("button", name="Start today").click()
    tick_routine(page, base_url)
    on(page, "2027-03-14", "23:30", zone=zone)  # already the 15th in UTC
    visit(page, base_url + "today/")
    assert heading(page) == "Day 2: Second lesson"
    tick_routine(page, base_url)
    assert record(page, "routines", "mini/routine/warm-up/2027-03-14") is not None
    on(page, "2027-03-15", "00:30", zone=zone)  # 47.5 hours after the start: still two calendar days
    visit(page, base_url + "today/")
    assert heading(page) == "Day 3: Only lesson"
    assert tick_routine(page, base_url) == "Done for today. Days in a row: 3."
    assert page.errors == []
    page.context.close()


# --- journal ------------------------------------------------------------------------------------------------


def test_the_journal_gathers_what_was_written_in_course_order(page, base_url: str, tmp_path: Path) -> None:
    start_on(page, base_url, "2027-03-04")
    lesson(page, base_url, "practice/practice-only/")  # written first, shown last
    page.get_by_label("How did it go?").fill("Better than expected.\nI will practice again.")
    page.goto(base_url + "worksheets/all-fields/")
    page.get_by_label("Your name").fill("Ada")
    page.get_by_label("Three hopes, item 1").fill("Learn")
    page.get_by_label("Three hopes, item 3").fill("Build")
    page.get_by_label("Who, row 1").fill("Charles")
    page.get_by_label("Role, row 1").fill("Mentor | friend")
    page.get_by_label("Honest").check()
    lesson(page, base_url, "basics/basics-first/")
    page.get_by_label("Why are you here?").fill("To grow.")
    visit(page, base_url + "today/")
    page.get_by_label("A note for today").fill("A good week.")

    visit(page, base_url + "journal/")
    parts = page.locator("[data-course-journal-part]:visible h2, [data-course-journal-notes]:visible h2")
    assert parts.all_inner_texts() == ["Day 1: First lesson", "Day 3: Only lesson", "Daily notes"]
    entries = page.locator(".course-journal-entry:visible .course-journal-question")
    assert entries.all_inner_texts() == ["Why are you here?", "Your name", "Three hopes", "People", "Traits", "How did it go?", "Thursday, March 4, 2027"]
    assert page.locator(".course-journal-sheet:visible h3").inner_text() == "Worksheet: Every field type"
    hopes = page.locator('[data-course-journal-key="mini/worksheet/all-fields/hopes"] li')
    assert hopes.all_inner_texts() == ["Learn", "Build"] and hopes.nth(1).get_attribute("value") == "3"
    people = page.locator('[data-course-journal-key="mini/worksheet/all-fields/people"] table')
    assert people.locator("th").all_inner_texts() == ["Who", "Role"] and people.locator("td").all_inner_texts() == ["Charles", "Mentor | friend"]
    assert page.locator('[data-course-journal-key="mini/lesson/practice-only/how"] .course-journal-text').inner_text() == "Better than expected.\nI will practice again."

    download = download_by_clicking(page, "Save as Markdown")
    assert download.suggested_filename == "mini-journal-2027-03-04.md"
    path = tmp_path / "journal.md"
    download.save_as(path)
    assert path.read_text(encoding="utf-8") == (
        "# Mini course: my journal\n\nSaved on Thursday, March 4, 2027 from this browser.\n\n"
        "## Day 1: First lesson\n\n### Why are you here?\n\nTo grow.\n\n"
        "### Worksheet: Every field type\n\n#### Your name\n\nAda\n\n#### Three hopes\n\n1. Learn\n3. Build\n\n"
        "#### People\n\n| Who | Role |\n| --- | --- |\n| Charles | Mentor \\| friend |\n\n#### Traits\n\n- [x] Honest\n\n"
        "## Day 3: Only lesson\n\n### How did it go?\n\nBetter than expected.\nI will practice again.\n\n"
        "## Daily notes\n\n### Thursday, March 4, 2027\n\nA good week.\n"
    )
    assert page.get_by_role("status").inner_text() == "Your journal was saved as a Markdown file."

    pdf = tmp_path / "journal.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "To grow." in text and "Mentor | friend" in text and "A good week." in text
    assert "Print my journal" not in text and "Save as Markdown" not in text and "Day 2: Second lesson" not in text


def test_an_empty_journal_says_so_and_offers_no_export(page, base_url: str) -> None:
    visit(page, base_url + "journal/")
    assert view_text(page).startswith("Nothing written yet.")
    assert page.get_by_role("button", name="Save as Markdown").count() == 0
    assert page.locator(".course-journal-entry:visible").count() == 0


# --- certificate ------------------------------------------------------------------------------------------


def pdf_pages(page, path: Path, paper: str) -> list:
    page.pdf(path=str(path), format=paper, prefer_css_page_size=True)
    return PdfReader(str(path)).pages


def test_the_certificate_is_there_only_when_every_lesson_is_done(page, base_url: str, tmp_path: Path) -> None:
    start_on(page, base_url, "2027-03-01")
    mark_done(page, base_url, "basics/basics-first/")
    on(page, "2027-03-02")
    mark_done(page, base_url, "basics/basics-second/")
    visit(page, base_url + "certificate/")
    assert heading(page) == "Not yet: 2 of 3 lessons done"
    assert "Next: Day 3: Only lesson." in view_text(page)
    assert page.locator(".course-certificate").count() == 0

    on(page, "2027-03-05")
    mark_done(page, base_url, "practice/practice-only/")
    on(page, "2027-03-06")
    visit(page, base_url + "certificate/")
    page.get_by_label("Your name, as it should appear").fill("Ada Lovelace")
    certificate = page.locator(".course-certificate")
    assert certificate.locator("p").all_inner_texts() == [
        "CERTIFICATE OF COMPLETION", "This certifies that", "Ada Lovelace", "has completed every lesson of", "Mini course",
        "3 daily lessons in 2 modules, from Monday, March 1, 2027 to Friday, March 5, 2027.",
        "Self-issued on Saturday, March 6, 2027 from the learner's own record of the course.",
    ]
    page.reload()
    assert page.get_by_label("Your name, as it should appear").input_value() == "Ada Lovelace"
    assert page.locator(".course-certificate-name").inner_text() == "Ada Lovelace"

    for paper in ("A4", "Letter"):
        pages = pdf_pages(page, tmp_path / f"certificate-{paper}.pdf", paper)
        assert len(pages) == 1, paper
        box = pages[0].mediabox
        assert box.width > box.height, paper  # across the page
        text = pages[0].extract_text()
        assert "Ada Lovelace" in text and "Mini course" in text and "Friday, March 5, 2027" in text
        assert "Print the certificate" not in text and "as it should appear" not in text and "Page 1" not in text

    # Undo a lesson: no certificate until it is done again.
    lesson(page, base_url, "practice/practice-only/")
    page.get_by_role("button", name="Mark as not done").click()
    visit(page, base_url + "certificate/")
    assert heading(page) == "Not yet: 2 of 3 lessons done"


# --- export, import and rebuilds ----------------------------------------------------------------------------


def test_one_export_file_restores_the_whole_track(page, base_url: str) -> None:
    start_on(page, base_url, "2027-03-01")
    mark_done(page, base_url, "basics/basics-first/")
    page.get_by_label("Stretch.").check()
    visit(page, base_url + "today/")
    page.get_by_label("A note for today").fill("Day one.")
    data = page.evaluate(f"() => mkdocsCourse.exportData({MINI})")
    assert data["progress"]["mini/start"]["value"] == "2027-03-01"
    assert data["progress"]["mini/lesson/basics-first"]["value"] == "2027-03-01"
    assert data["routines"]["mini/routine/warm-up/2027-03-01"]["value"] == [True, False]
    assert data["journal"]["mini/note/2027-03-01"]["value"] == "Day one."
    before = view_text(page)

    page.evaluate("localStorage.clear()")
    visit(page, base_url + "today/")
    assert heading(page) == "Start the course"
    result = page.evaluate("text => mkdocsCourse.importText(text, 'mini')", json.dumps(data))
    assert result["ok"] and result["counts"]["added"] == 4
    assert result["message"] == "Imported 4 new entries."
    visit(page, base_url + "today/")
    assert view_text(page) == before
    assert page.get_by_label("A note for today").input_value() == "Day one."


def test_the_track_survives_a_rebuild_with_edited_lessons(browser, tmp_path: Path) -> None:
    project = copy_course(FIXTURES / "mini", tmp_path / "project")
    assert mkdocs_build(project, "--strict").returncode == 0
    with serving(project / "site") as base_url:
        page = new_page(browser)
        start_on(page, base_url, "2027-03-01")
        mark_done(page, base_url, "basics/basics-first/")
        page.get_by_label("Why are you here?").fill("To grow.")
        on(page, "2027-03-02")
        mark_done(page, base_url, "basics/basics-second/")

        # The author retitles a lesson and adds one before it; ids stay, days move.
        second = project / "lessons/basics/02-second.yml"
        second.write_text(second.read_text(encoding="utf-8").replace("title: Second lesson", "title: Second lesson, revised"), encoding="utf-8")
        extra = (project / "lessons/basics/01-first.yml").read_text(encoding="utf-8")
        extra = extra.replace("id: basics-first", "id: basics-extra").replace("title: First lesson", "title: Extra lesson").replace("worksheets: [all-fields]\n", "")
        (project / "lessons/basics/01b-extra.yml").write_text(extra, encoding="utf-8")
        result = mkdocs_build(project, "--strict")
        assert result.returncode == 0, result.stderr

        on(page, "2027-03-03")
        visit(page, base_url + "progress/")
        assert page.locator(".course-track-summary").inner_text() == "2 of 4 lessons done. Next: Day 2: Extra lesson."
        assert page.locator('[data-course-lesson-item="basics-second"]').inner_text() == "Day 3: Second lesson, revised ✓ done on Tue, Mar 2"
        visit(page, base_url + "today/")
        assert heading(page) == "Next for you: Day 4: Only lesson"  # day 3, today's, was done yesterday
        assert "One earlier lesson is still open: Day 2: Extra lesson" in page.locator(".course-catch-up").inner_text()
        visit(page, base_url + "journal/")
        assert page.locator(".course-journal-entry:visible .course-journal-text").all_inner_texts() == ["To grow."]
        assert page.errors == []
        page.context.close()


# --- several tabs ---------------------------------------------------------------------------------------------

# Counts every write each tab makes to localStorage, and every write it hears from another tab.
COUNT_WRITES = """
window.courseWrites = 0;
window.courseHeard = 0;
for (const name of ["setItem", "removeItem", "clear"]) {
  const original = Storage.prototype[name];
  Storage.prototype[name] = function (...args) { window.courseWrites++; return original.apply(this, args); };
}
window.addEventListener("storage", () => window.courseHeard++);
"""


def test_open_tabs_follow_each_other_and_then_stay_quiet(page, base_url: str) -> None:
    # Two tabs once set each other off without end: each redraw probed storage with a
    # write, which the other tab heard and redrew on (thousands of writes a second).
    page.context.add_init_script(COUNT_WRITES)
    start_on(page, base_url, "2027-03-01")
    lesson_tab = page.context.new_page()
    lesson(lesson_tab, base_url, "basics/basics-first/")
    sheet_tab = page.context.new_page()
    visit(sheet_tab, base_url + "worksheets/all-fields/")
    tabs = {"today": page, "lesson": lesson_tab, "sheet": sheet_tab}
    page.wait_for_timeout(500)
    for tab in tabs.values():
        tab.evaluate("() => { window.courseWrites = 0; window.courseHeard = 0; }")

    lesson_tab.get_by_role("button", name="Mark this lesson done").click()
    sheet_tab.get_by_label("Your name").fill("Ada")
    page.locator(".course-track-body", has_text="Done for today ✓").first.wait_for()  # the Today tab followed
    page.wait_for_timeout(1000)

    counts = {name: tab.evaluate("() => [window.courseWrites, window.courseHeard]") for name, tab in tabs.items()}
    assert counts["today"] == [0, 2], counts  # heard both, wrote nothing
    assert counts["lesson"][0] == 1 and counts["sheet"][0] == 1, counts  # one save each, nothing more
    assert lesson_tab.get_by_role("button", name="Mark as not done").is_visible()


# --- without JavaScript ----------------------------------------------------------------------------------------


def test_without_javascript_the_pages_are_plain_and_useful(browser, base_url: str) -> None:
    page = new_page(browser, java_script_enabled=False)
    page.goto(base_url + "today/")
    assert page.get_by_role("link", name="Day 1: First lesson").is_visible()
    assert page.get_by_role("heading", name="The track").is_visible()
    assert not page.locator(".course-track").is_visible()
    page.goto(base_url + "basics/basics-first/")
    assert not page.get_by_role("button", name="Mark this lesson done").is_visible()
    page.goto(base_url)
    assert page.get_by_role("link", name="Start with day 1: First lesson").is_visible()
    page.goto(base_url + "certificate/")
    assert page.get_by_text("this page becomes your certificate").is_visible()
    page.context.close()


# --- pages swapped in without running their scripts ---------------------------------------------------------


def test_a_view_whose_script_did_not_run_loads_it(page, base_url: str) -> None:
    """Material's instant navigation can swap in a page without running its script tags:
    track.js then loads the views' script itself, once."""
    blocked: list[str] = []
    page.route("**/track-views.js", lambda route: (blocked.append(route.request.url), route.abort()))
    on(page, "2027-03-01")
    page.goto(base_url + "today/")
    page.wait_for_function("() => window.mkdocsCourse && mkdocsCourse.track")
    assert len(blocked) == 2  # the page's own tag, then track.js's one try
    assert page.locator(".course-track").is_hidden() and page.get_by_text("To start, open").is_visible()
    page.unroute("**/track-views.js")
    # The failed try is tried again at the next redraw, and its tag removed.
    page.evaluate("() => mkdocsCourse.track.redraw()")
    page.locator(".course-track-body").wait_for()
    assert heading(page) == "Start the course"
    assert page.evaluate("document.querySelectorAll('script[src$=\"track-views.js\"]').length") == 2


def test_picking_up_after_a_break_moves_the_plan_not_the_days_already_done(page, base_url: str) -> None:
    """A learner who picked up after a break saw Day 1 ✓ on a day they never opened the site."""
    start_on(page, base_url, "2027-03-01")
    mark_done(page, base_url, "basics/basics-first/")
    on(page, "2027-03-10")
    visit(page, base_url + "today/")
    page.get_by_role("button", name="Pick up from day 2 today").click()
    visit(page, base_url + "progress/")
    cells = page.locator(".course-track-body td")
    said = [c.locator(".course-visually-hidden").inner_text() for c in cells.all() if c.locator(".course-visually-hidden").count()]
    assert "Monday, March 1, 2027: Day 1: First lesson, done; you were active." in said
    assert not [w for w in said if w.startswith("Tuesday, March 9, 2027: Day 1")], said
    assert "Wednesday, March 10, 2027: Day 2: Second lesson, today's lesson." in said
