"""A learner's day, phone first, in real Chromium (issue 12): every page fits a phone, the daily
loop works by touch alone, and the learner's record shows where they look.

Phones are Chromium contexts with `is_mobile` and `has_touch` at 360 and 390 px, in light
and dark. The shipped course and the fixture course are built once per session
(quality.sites); tests that need a course with typed table columns build a copy of the
fixture with tests/fixtures/extras/tables.yml. Days move with Playwright's clock.
"""

from __future__ import annotations

import io
import json
import re
import struct
import zlib
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from pypdf import PdfReader

import quality
from mkdocs_course.load.loader import load_course
from conftest import FIXTURES, ROOT, copy_course, download_by_clicking, mkdocs_build, serving

pytestmark = pytest.mark.browser

PHONES = (360, 390)
LONDON = "Europe/London"
STORE = "mkdocs-course.v1:"
# Layout shifts the learner did not cause, summed over a page load (web.dev's CLS; "good" is at most 0.1).
CLS = """
window.__shift = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
  .observe({ type: "layout-shift", buffered: true });
"""


@pytest.fixture(scope="module")
def sites(shipped_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    found = quality.sites(shipped_site, tmp_path_factory, "shipped", "mini")
    # The fixture course with a worksheet of every table column type and a day-by-day table.
    found["tables"] = quality.built("tables", tmp_path_factory, lambda folder: quality.build_mini(folder, edit=with_tables))
    return found


def phone(browser, width: int, scheme: str = "light", **options):
    context = browser.new_context(
        viewport={"width": width, "height": 780}, is_mobile=True, has_touch=True, device_scale_factor=2, color_scheme=scheme, accept_downloads=True, **options
    )
    context.add_init_script(CLS)
    return context


def watched(context):
    """A page that records script errors, and dismisses (and records) any dialog, which would otherwise stop every evaluate."""
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("dialog", lambda dialog: (page.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    return page


def on(page, day: str, clock: str = "08:00", zone: str = LONDON) -> None:
    page.clock.set_fixed_time(datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=ZoneInfo(zone)))


def html_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as site-relative URLs."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls


@pytest.mark.parametrize("name", ["shipped", "mini", "tables"])
def test_every_page_fits_a_phone_in_light_and_dark(browser, sites: dict[str, Path], name: str) -> None:
    site = sites[name]
    base = quality.served(site)
    urls = html_pages(site)
    assert len(urls) > (80 if name == "shipped" else 25)
    problems = []
    for width in PHONES:
        for scheme in ("light", "dark"):
            context = phone(browser, width, scheme)
            page = watched(context)
            try:
                for url in urls:
                    page.goto(base + url)
                    page.wait_for_load_state("load")
                    problems += [f"{url} at {width}px, {scheme}: {p}" for p in page.evaluate(quality.PHONE_CHECK, width)]
                assert page.errors == []
            finally:
                context.close()
    assert problems == [], "\n".join(sorted(set(re.sub(r" at \d+px, \w+", "", p) for p in problems)))


def test_the_check_finds_a_page_wider_than_the_screen(browser, sites: dict[str, Path]) -> None:
    """The phone check can fail: a worksheet whose table is forced wide is reported."""
    base = quality.served(sites["shipped"])
    context = phone(browser, 390)
    try:
        page = watched(context)
        page.goto(base + "worksheets/development-plan/")
        page.add_style_tag(content=".md-typeset table.course-table { display: table !important; width: 900px !important; } .md-typeset .course-table-wrap { overflow: visible !important; }")
        found = page.evaluate(quality.PHONE_CHECK, 390)
        assert any(p.endswith("px wide") for p in found), found
    finally:
        context.close()


# --- the daily loop, by touch ----------------------------------------------------------------------------


def tap_nav(page, title: str) -> None:
    """Open Material's drawer with the menu button and tap a top-level entry of the nav."""
    page.locator("label.md-header__button[for='__drawer']").tap()
    tap_to(page, page.locator(".md-nav--primary").get_by_role("link", name=title, exact=True).first)


def tap_to(page, link) -> None:
    """Tap a link and wait for the page it opens: measured before that, the old page is half gone."""
    with page.expect_navigation():
        link.tap()


def settled(page, width: int) -> None:
    """The page has loaded, fits the screen, and nothing moved under the learner's finger."""
    page.wait_for_load_state("load")
    page.wait_for_timeout(150)
    assert page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)") <= width, page.url
    assert page.evaluate("window.__shift") <= 0.05, f"{page.url}: layout shift {page.evaluate('window.__shift')}"


def stored(page, section: str, key: str):
    raw = page.evaluate("k => localStorage.getItem(k)", f"{STORE}{section}:{key}")
    return None if raw is None else json.loads(raw)["value"]


@pytest.mark.parametrize("width", PHONES)
def test_the_daily_loop_on_a_phone_by_touch_alone(browser, sites: dict[str, Path], width: int) -> None:
    base = quality.served(sites["shipped"])
    course = quality.manifest(sites["shipped"])
    cid, first, second = course["course"]["id"], course["lessons"][0], course["lessons"][1]
    context = phone(browser, width, timezone_id=LONDON)
    page = watched(context)
    try:
        on(page, "2027-03-01")
        page.goto(base)
        settled(page, width)
        tap_nav(page, "Today")
        settled(page, width)
        page.get_by_role("button", name="Start today").tap()
        assert stored(page, "progress", f"{cid}/start") == "2027-03-01"

        # Today leads to the day's lesson.
        tap_to(page, page.locator("a.course-go"))
        settled(page, width)
        assert page.url == base + first["url"]

        # Tick the routine, step by step.
        steps = page.locator(".course-routine input[type=checkbox]")
        for i in range(steps.count()):
            steps.nth(i).tap()
        assert page.locator(".course-routine-status").inner_text().startswith("Done for today.")
        routine = next(iter(json.loads(json.dumps(page.evaluate("Object.keys(localStorage).filter(k => k.includes(':routines:'))")))))
        assert all(json.loads(page.evaluate("k => localStorage.getItem(k)", routine))["value"])

        # Write the reflection.
        box = page.locator(".course-reflection textarea").first
        box.tap()
        page.keyboard.type("To steer my own work.")
        prompt = box.get_attribute("name")
        assert stored(page, "answers", f"{cid}/lesson/{first['id']}/{prompt}") == "To steer my own work."

        # Fill the day's worksheet, then come back.
        sheet = page.locator("h2#worksheets + ul a").first
        tap_to(page, sheet)
        settled(page, width)
        field = page.locator("form.course-worksheet input[type=text]").first
        field.tap()
        page.keyboard.type("A new role by June")
        sheet_key = page.locator("form.course-worksheet [data-course-key]").first.get_attribute("data-course-key")
        assert stored(page, "answers", sheet_key) == "A new role by June"
        page.go_back()
        settled(page, width)
        assert page.locator(".course-reflection textarea").first.input_value() == "To steer my own work."

        # Done, and on to the next day in one more tap.
        page.get_by_role("button", name="Mark this lesson done").tap()
        assert stored(page, "progress", f"{cid}/lesson/{first['id']}") == "2027-03-01"
        tap_to(page, page.get_by_role("link", name=re.compile(r"^Next: Day 2: ")))
        settled(page, width)
        assert page.url == base + second["url"]
        # The sidebar says what is done.
        page.locator("label.md-header__button[for='__drawer']").tap()
        link = page.locator(".md-nav--primary a.md-nav__link", has_text=f"Day 1: {first['title']}").first
        assert link.locator(".course-mark").inner_text().startswith("✓")
        assert page.errors == []
    finally:
        context.close()


# --- the learner's record where they look ---------------------------------------------------------------


def test_done_lessons_are_marked_in_the_sidebar_lists_and_worksheet_index(browser, sites: dict[str, Path]) -> None:
    site = sites["mini"]
    base = quality.served(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = watched(context)
    try:
        page.goto(base + "basics/basics-first/")
        page.get_by_role("button", name="Mark this lesson done").click()
        page.get_by_label("Why are you here?").fill("To learn.")
        page.goto(base + "worksheets/all-fields/")
        page.get_by_label("Your name").fill("Ada")
        page.get_by_label("Your story").fill("Once upon a time.")
        done_on = page.evaluate("new Date().toLocaleDateString(undefined, {weekday: 'short', day: 'numeric', month: 'short'})")
        # The sidebar, on any page.
        sidebar = page.locator(".md-sidebar--primary a.md-nav__link", has_text="Day 1: First lesson").first
        assert sidebar.locator(".course-mark").text_content() == "✓ (done)"  # the section may be folded
        assert page.locator(".md-sidebar--primary a.md-nav__link", has_text="Day 2: Second lesson").locator(".course-mark").count() == 0
        # The module's page and Today's list of lessons.
        for url in ("basics/", "today/", "progress/"):
            page.goto(base + url)
            item = page.locator(".md-content li", has=page.locator("a", has_text="First lesson")).first
            item.locator(".course-track-state").wait_for()
            assert item.locator(".course-track-state").inner_text() == f"✓ done on {done_on}", url
        # The worksheet index counts what is answered.
        page.goto(base + "worksheets/")
        state = page.locator(".md-content li", has=page.locator("a", has_text="Every field type")).locator(".course-track-state")
        assert state.inner_text() == "2 of 8 answered"
        assert page.errors == []
    finally:
        context.close()


def test_the_module_page_is_titled_by_the_module_and_hides_its_role(sites: dict[str, Path]) -> None:
    site = sites["shipped"]
    module = (site / "own-your-career/index.html").read_text(encoding="utf-8")
    assert "<title>Own your career - Coach, Mentor, Sponsor</title>" in module
    role = load_course(ROOT).modules[0].data.role
    assert role not in module  # the module's internal role label
    guide = (site / "facilitator/index.html").read_text(encoding="utf-8")
    assert "<title>Facilitator guide - Coach, Mentor, Sponsor</title>" in guide
    assert "All lessons" not in guide and "Overview" not in module


def test_the_learners_nav_is_the_course_and_the_rest_is_in_the_footer(sites: dict[str, Path]) -> None:
    lesson = (sites["shipped"] / "own-your-career/own-your-career-the-cycle/index.html").read_text(encoding="utf-8")
    sidebar = lesson[lesson.index('<div class="md-sidebar md-sidebar--primary"') : lesson.index("<article")]
    for absent in (">Cohorts<", ">Facilitator guide<", "Run sheets", "Cohort pack", "Writing a course", "authors/"):
        assert absent not in sidebar, absent
    assert re.search(r">\s*About this course\s*<", sidebar)
    footer = lesson[lesson.index('<footer class="md-footer">') :]
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer[footer.index("course-footer") :])
    assert [text for _, text in links] == ["About this course", "Cohorts", "Facilitator guide", "Writing a course"]
    assert "Made with" not in footer
    # The course's own icon in the header and as the favicon; nothing loaded from elsewhere.
    assert 'rel="icon" href="../../assets/mkdocs-course/favicon.svg"' in lesson
    assert 'class="md-header__button md-logo"' in lesson and "<svg" in lesson[lesson.index("md-logo") :][:400]


def test_the_about_page_says_where_answers_are_kept(sites: dict[str, Path]) -> None:
    about = (sites["shipped"] / "about/index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", about)
    assert "in this browser, on this device, and nowhere else" in text
    assert "Save a backup file" in text and "When storage is full" in text


def test_worksheets_are_listed_in_the_order_the_lessons_use_them(sites: dict[str, Path]) -> None:
    site = sites["shipped"]
    data = quality.manifest(site)
    index = (site / "worksheets/index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<li><strong><a href="([a-z0-9-]+)/">', index)
    first_use = {}
    for lesson in data["lessons"]:
        for sheet in lesson["worksheets"]:
            first_use.setdefault(sheet, lesson["day"])
    assert listed == sorted(first_use, key=first_use.get)


# --- dark mode, the routine's own days, printing ---------------------------------------------------------


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB(A) bytes of an 8-bit, non-interlaced PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], (prev[i - channels] if i >= channels else 0)
            line[i] = (line[i] + (0, a, b, (a + b) // 2, _paeth(a, b, c))[kind]) & 255
        rows.append(bytes(v for j, v in enumerate(line) if j % channels < 3))
        prev = line
    return width, height, rows


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def test_an_empty_progress_bar_looks_empty_in_dark_mode(browser, sites: dict[str, Path]) -> None:
    base = quality.served(sites["mini"])
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = watched(context)
    try:
        page.goto(base + "progress/")
        bar = page.locator(".course-progress-modules progress").first
        bar.wait_for()
        width, height, rows = png_pixels(bar.screenshot())
        middle = rows[height // 2][3 * 3 : 3 * (width - 3)]  # inside the border
        brightness = sum(middle) / len(middle)
        assert brightness < 100, f"an empty bar is {brightness:.0f}/255 bright on a dark page"
    finally:
        context.close()


def test_the_routine_tracker_is_as_long_as_the_course_and_names_each_days_routine(sites: dict[str, Path]) -> None:
    site = sites["shipped"]
    data = quality.manifest(site)
    sheet = (site / "worksheets/routine-tracker/index.html").read_text(encoding="utf-8")
    form = sheet[sheet.index('id="field-days"') : sheet.index("</fieldset>", sheet.index('id="field-days"'))]
    rows = re.findall(r'<tr data-course-row="(\d+)" id="field-days-day-\d+">(.*?)</tr>', form)
    assert [int(n) for n, _ in rows] == [lesson["day"] for lesson in data["lessons"]]
    routines = {r["id"]: r["title"] for r in data["routines"]}
    for (_, row), lesson in zip(rows, data["lessons"]):
        assert f'<span class="course-cell-value">{routines[lesson["routine"]]}</span>' in row
    # Both of the course's routines appear: the tracker follows the course, not one routine.
    assert {lesson["routine"] for lesson in data["lessons"]} == set(routines)


def print_pdf(browser, url: str, paper: str) -> PdfReader:
    page = browser.new_page()
    try:
        page.goto(url)
        page.wait_for_load_state("load")
        page.evaluate("document.documentElement.setAttribute('data-course-print-mode', 'blank')")
        return PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))
    finally:
        page.close()


@pytest.mark.parametrize(("paper", "sheets"), [("A4", 2), ("Letter", 3)])
def test_the_routine_tracker_prints_on_the_sheets_it_promises(browser, sites: dict[str, Path], paper: str, sheets: int) -> None:
    site = sites["shipped"]
    purpose = next(w for w in quality.manifest(site)["worksheets"] if w["id"] == "routine-tracker")
    pdf = print_pdf(browser, quality.served(site) + "worksheets/routine-tracker/", paper)
    assert len(pdf.pages) == sheets
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Relationship touchpoint" in text and "Daily career check-in" in text
    assert re.search(r"\b32\b", text) and "End-of-week review" in text
    assert "takes two sheets of A4 or three of US Letter" in (site / "worksheets/routine-tracker/index.html").read_text(encoding="utf-8")
    assert purpose["id"] == "routine-tracker"


# --- a reminder in the learner's calendar -------------------------------------------------------------


def test_the_learner_downloads_reminders_that_keep_their_time_when_the_clocks_change(browser, sites: dict[str, Path], tmp_path: Path) -> None:
    site = sites["shipped"]
    base = quality.served(site)
    lessons = quality.manifest(site)["lessons"]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id=LONDON, accept_downloads=True)
    page = watched(context)
    try:
        on(page, "2027-03-20", "07:00")  # British clocks go forward on 28 March, mid-course
        page.goto(base + "today/")
        page.get_by_role("button", name="Start today").click()
        page.locator(".course-reminder summary").click()
        page.get_by_label("Remind me at").fill("07:30")  # still to come today: day 1's reminder is today
        download = download_by_clicking(page, "Download the calendar file")
        assert download.suggested_filename == "coach-mentor-sponsor-reminders.ics"
        raw = Path(download.path()).read_bytes()
    finally:
        context.close()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded, as RFC 5545 asks
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar.errors == []
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(lessons)
    assert all(e.errors == [] for e in events)
    starts = [e.decoded("DTSTART").astimezone(ZoneInfo(LONDON)) for e in events]
    assert [s.date() for s in starts] == [datetime(2027, 3, 20).date() + timedelta(days=i) for i in range(len(lessons))]
    assert {(s.hour, s.minute) for s in starts} == {(7, 30)}  # 07:30 GMT before the change, 07:30 BST after
    assert {s.utcoffset() for s in starts} == {timedelta(0), timedelta(hours=1)}
    assert str(events[0]["SUMMARY"]) == f"Day 1: {lessons[0]['title']}"
    assert len({str(e["UID"]) for e in events}) == len(events)
    for event in events:
        alarms = list(event.walk("VALARM"))
        assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY" and alarms[0].decoded("TRIGGER") == timedelta(0)
    # A second, independent parser reads it too.
    import vobject

    parsed = vobject.readOne(raw.decode("utf-8"))
    assert len(parsed.vevent_list) == len(lessons)


def test_reminders_and_the_routine_follow_a_learner_who_is_behind_their_plan(browser, sites: dict[str, Path]) -> None:
    """A learner on Day 14 of a plan that says Day 17 was offered reminders for the plan's days (some
    past, the first at a time already gone) and told to practise Day 17's routine, not Day 14's."""
    site = sites["shipped"]
    base = quality.served(site)
    lessons = quality.manifest(site)["lessons"]
    routines = {r["id"]: r["title"] for r in quality.manifest(site)["routines"]}
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id=LONDON, accept_downloads=True)
    page = watched(context)
    try:
        # Where the shipped course changes routine: the learner is a day behind, on the last lesson
        # before the change, while their plan is on the first lesson after it.
        change = next(i for i in range(1, len(lessons)) if lessons[i]["routine"] != lessons[i - 1]["routine"])
        go, planned = lessons[change - 1], lessons[change]
        start = date(2027, 3, 17) - timedelta(days=change)
        on(page, "2027-03-17", "19:00")
        page.goto(base + "today/")
        record = lambda day: json.dumps({"value": day, "modified": f"{day}T09:00:00.000Z"})  # noqa: E731
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"{STORE}progress:coach-mentor-sponsor/start", record(start.isoformat())])
        for i, lesson in enumerate(lessons[: change - 1]):  # done one a day, up to the day before `go`
            page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"{STORE}progress:coach-mentor-sponsor/lesson/{lesson['id']}", record((start + timedelta(days=i)).isoformat())])
        page.reload()
        assert go["routine"] != planned["routine"]
        text = page.locator(".course-track-body").inner_text()
        assert f"Today's routine: {routines[go['routine']]}" in text
        # Progress shows the trackers of the routines the learner has reached.
        page.goto(base + "progress/")
        trackers = page.locator(".course-routine-track").all_inner_texts()
        assert not any(routines[planned["routine"]] in t for t in trackers)
        # Reminders: from Day 14, one a day, starting tomorrow (08:00 today has passed).
        page.goto(base + "today/")
        page.locator(".course-reminder summary").click()
        page.get_by_label("Remind me at").fill("08:00")
        raw = Path(download_by_clicking(page, "Download the calendar file").path()).read_bytes()
    finally:
        context.close()
    events = list(icalendar.Calendar.from_ical(raw).walk("VEVENT"))
    assert len(events) == len(lessons) - (change - 1)
    assert str(events[0]["SUMMARY"]) == f"Day {go['day']}: {go['title']}"
    starts = [e.decoded("DTSTART").astimezone(ZoneInfo(LONDON)) for e in events]
    assert [s.date() for s in starts] == [datetime(2027, 3, 18).date() + timedelta(days=i) for i in range(len(events))]


# --- typed table columns, day-by-day tables, and answers that no longer fit -------------------------------


def with_tables(project: Path) -> Path:
    """The fixture course with tests/fixtures/extras/tables.yml, used by its second lesson."""
    return quality.with_worksheet(project, "tables", "lessons/basics/02-second.yml")


@pytest.fixture(scope="module")
def tables_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = with_tables(copy_course(FIXTURES / "mini", tmp_path_factory.mktemp("tables") / "mini"))
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    return project


def test_each_column_type_has_its_own_control_and_answer(browser, tables_project: Path) -> None:
    with serving(tables_project / "site") as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id=LONDON)
        page = watched(context)
        try:
            page.goto(base + "worksheets/tables/")
            page.get_by_label("Step, row 1").fill("Ask for feedback")
            page.get_by_label("Notes, row 1").fill("Two people\nthis week")
            page.get_by_label("Due, row 1").fill("2027-04-30")
            page.get_by_label("Hours, row 1").fill("1.5")
            page.get_by_label("How, row 1").select_option("With help")
            page.get_by_label("Done, row 1").check()
            plan = stored(page, "answers", "mini/worksheet/tables/plan")
            assert plan[0] == {"step": "Ask for feedback", "notes": "Two people\nthis week", "due": "2027-04-30", "hours": "1.5", "how": "With help", "done": True}
            assert plan[1]["done"] is False
            page.reload()
            assert page.get_by_label("Done, row 1").is_checked() and page.get_by_label("How, row 1").input_value() == "With help"
            assert page.get_by_label("Due, row 1").input_value() == "2027-04-30"
            # A new row has the same typed controls.
            page.get_by_role("button", name="Add a row").first.click()
            assert page.get_by_label("Done, row 3").get_attribute("type") == "checkbox"
            assert page.get_by_label("How, row 3").evaluate("el => el.tagName") == "SELECT"
            assert page.errors == []
        finally:
            context.close()


def test_a_day_by_day_table_has_a_row_per_lesson_with_the_learners_dates(browser, tables_project: Path) -> None:
    with serving(tables_project / "site") as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id=LONDON)
        page = watched(context)
        try:
            on(page, "2027-03-02")
            page.goto(base + "worksheets/tables/")
            rows = page.locator("#field-tracker tbody tr")
            assert rows.count() == 3  # the fixture's three lessons
            assert rows.nth(2).locator("[data-course-fill=day]").inner_text().split()[-1] == "3"
            assert rows.nth(0).locator("[data-course-fill=routine] .course-cell-value").inner_text() == "Warm-up"
            assert rows.nth(0).locator("[data-course-fill=date] .course-cell-value").inner_text() == ""  # no plan yet
            assert page.get_by_text("The dates follow your plan").is_visible()
            assert page.get_by_role("button", name="Add a row").count() == 1  # only the plan table's: days are the course's
            page.goto(base + "today/")
            page.get_by_label("Or start on").fill("2027-03-01")
            page.get_by_role("button", name="Start on this date").click()
            page.goto(base + "worksheets/tables/")
            dates = page.locator("#field-tracker [data-course-fill=date] .course-cell-value").all_inner_texts()
            assert dates == ["Mon, Mar 1", "Tue, Mar 2", "Wed, Mar 3"]
            assert not page.get_by_text("The dates follow your plan").is_visible()
            today_link = page.get_by_role("link", name="Go to today's row: day 2")
            assert today_link.get_attribute("href") == "#field-tracker-day-2"
            page.get_by_label("Done, day 2").check()
            page.get_by_label("What I did, day 2").fill("Stretched")
            tracker = stored(page, "answers", "mini/worksheet/tables/tracker")
            assert tracker[1] == {"did": "Stretched", "done": True} and len(tracker) == 3
            # Printed with the answers: the tick and the dates are on paper too.
            page.emulate_media(media="print")
            printed = page.locator(".course-print-field--table").nth(1)
            assert printed.locator("tbody tr").nth(1).locator(".course-print-chosen").count() == 1
            assert printed.locator('tbody td[data-course-fill="date"]').all_inner_texts() == ["Mon, Mar 1", "Tue, Mar 2", "Wed, Mar 3"]
            assert page.errors == []
        finally:
            context.close()


def test_an_answer_that_no_longer_fits_its_field_is_kept_and_shown_beside_it(browser, tmp_path: Path) -> None:
    project = with_tables(copy_course(FIXTURES / "mini", tmp_path / "mini"))
    assert mkdocs_build(project, "--strict").returncode == 0
    sheet = project / "exercises/tables.yml"
    with serving(project / "site") as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = watched(context)
        try:
            page.goto(base + "worksheets/tables/")
            page.get_by_label("What I did, day 1").fill("Stretched")
            page.goto(base + "worksheets/all-fields/")
            page.get_by_label("Three hopes, item 1").fill("Learn")
            page.get_by_label("Three hopes, item 2").fill("Teach")
            # The author changes two fields' shapes: a text column becomes a checkbox, a list becomes one text box.
            sheet.write_text(sheet.read_text(encoding="utf-8").replace("{id: did, label: What I did}", "{id: did, label: What I did, type: checkbox}"), encoding="utf-8")
            fields = project / "exercises/all-fields.yml"
            fields.write_text(fields.read_text(encoding="utf-8").replace("{id: hopes, type: list, label: Three hopes, items: 3}", "{id: hopes, type: long_text, label: Your hopes}"), encoding="utf-8")
            assert mkdocs_build(project, "--strict").returncode == 0
            page.goto(base + "worksheets/all-fields/")
            kept = page.locator("#field-hopes").locator("xpath=..").locator(".course-earlier") if page.locator("#field-hopes .course-earlier").count() == 0 else page.locator("#field-hopes .course-earlier")
            box = page.locator('[data-course-key="mini/worksheet/all-fields/hopes"] .course-earlier')
            assert "• Learn\n• Teach" in box.inner_text() and "This question has changed since you answered it" in box.inner_text()
            assert page.get_by_label("Your hopes").input_value() == ""
            page.get_by_label("Your hopes").fill("To learn and to teach")
            # Typing did not overwrite it: the old answer moved to the `earlier` section, the new one is saved.
            assert stored(page, "answers", "mini/worksheet/all-fields/hopes") == "To learn and to teach"
            assert [r["value"] for r in stored(page, "earlier", "mini/worksheet/all-fields/hopes")] == [["Learn", "Teach", ""]]
            page.reload()
            assert "• Learn\n• Teach" in box.inner_text()
            assert kept.count() >= 0
            # The table: the text stays beside the new checkbox, and the export carries both.
            page.goto(base + "worksheets/tables/")
            table = page.locator('[data-course-key="mini/worksheet/tables/tracker"] .course-earlier')
            assert "did: Stretched" in table.inner_text()
            page.get_by_label("What I did, day 1").check()
            assert stored(page, "answers", "mini/worksheet/tables/tracker")[0]["did"] is True
            exported = json.loads(Path(download_by_clicking(page, "Save a backup file").path()).read_text(encoding="utf-8"))
            assert exported["earlier"]["mini/worksheet/tables/tracker"]["value"][0]["value"][0]["did"] == "Stretched"
            assert page.errors == []
        finally:
            context.close()


def test_a_printed_journal_never_ends_a_page_on_a_heading(browser, sites: dict[str, Path]) -> None:
    site = sites["shipped"]
    data = quality.manifest(site)
    cid = data["course"]["id"]
    # Answers of every length, so page breaks fall everywhere: after headings too, if they may.
    answers = {f"{cid}/lesson/{lesson['id']}/{prompt}": f"My answer on day {lesson['day']}: " + "a few honest lines about what I noticed and what I will try next. " * (1 + (lesson["day"] * 7 + n * 3) % 9)
               for lesson in data["lessons"] for n, prompt in enumerate(lesson["prompts"])}
    for sheet in data["worksheets"]:
        for n, field in enumerate(sheet["fields"]):
            if field["type"] in ("text", "long_text"):
                answers[f"{cid}/worksheet/{sheet['id']}/{field['id']}"] = "Written on paper first, then here. " * (1 + (n * 5) % 7)
    headings_extra = {f"Worksheet: {sheet['title']}" for sheet in data["worksheets"]} | {f["label"] for sheet in data["worksheets"] for f in sheet["fields"]}
    page = browser.new_page()
    try:
        page.goto(quality.served(site) + data["pages"]["journal"])
        page.evaluate("""answers => { for (const [k, v] of Object.entries(answers))
            localStorage.setItem("mkdocs-course.v1:answers:" + k, JSON.stringify({ value: v, modified: "2027-03-01T08:00:00.000Z" })); }""", answers)
        page.reload()
        page.locator(".course-journal-entry:not([hidden])").first.wait_for()
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    finally:
        page.close()
    headings = {f"Day {x['day']}: {x['title']}" for x in data["lessons"]} | {p for x in data["lessons"] for p in x["prompts"].values()} | headings_extra
    assert len(pdf.pages) > 5
    for number, sheet in enumerate(pdf.pages, 1):
        lines = [line.strip() for line in sheet.extract_text().splitlines() if line.strip() and not re.fullmatch(r"Page \d+ of \d+", line.strip())]
        last = lines[-1]
        assert not any(h.endswith(last) for h in headings), f"page {number} ends with the heading {last!r}"


def test_answers_in_typed_and_day_by_day_tables_move_by_file_and_by_link(browser, tables_project: Path, tmp_path: Path) -> None:
    """A backup and a link carry ticked boxes and numbers: a learner found both refused."""
    with serving(tables_project / "site") as base:
        one = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, timezone_id=LONDON)
        page = watched(one)
        try:
            on(page, "2027-03-02")
            page.goto(base + "worksheets/tables/")
            page.get_by_label("Step, row 1").fill("Ask")
            page.get_by_label("Done, row 1").check()
            page.get_by_label("What I did, day 1").fill("Check-in")
            page.get_by_label("Done, day 1").check()
            saved = {k: stored(page, "answers", f"mini/worksheet/tables/{k}") for k in ("plan", "tracker")}
            path, _ = quality.export_json(page, tmp_path)
            link = quality.share_link(page)
        finally:
            one.close()
        for how in ("file", "link"):
            two = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True)
            other = watched(two)
            try:
                if how == "file":
                    other.goto(base + "worksheets/tables/")
                    assert quality.import_file(other, path).startswith("Imported"), how
                else:
                    other.goto(link)
                    other.locator(".course-linked-data").wait_for()
                    other.get_by_role("button", name="Bring them in").tap()
                    assert other.locator(".course-linked-data").inner_text().startswith("Imported"), how
                    other.goto(base + "worksheets/tables/")
                assert {k: stored(other, "answers", f"mini/worksheet/tables/{k}") for k in ("plan", "tracker")} == saved, how
                assert other.get_by_label("Done, row 1").is_checked(), how
                assert other.errors == []
            finally:
                two.close()


def test_a_started_learners_pages_fit_a_phone_with_every_expander_open(browser, sites: dict[str, Path]) -> None:
    """What the track draws once a learner has begun (reminders, calendars, notes): an empty
    store shows little of it, so the every-page check above cannot see it. A learner found
    the reminder's time field 23 px tall."""
    site = sites["shipped"]
    base = quality.served(site)
    ours = quality.manifest(site)
    urls = ["", *(ours["pages"][k] for k in ("today", "progress", "journal", "certificate")), ours["lessons"][0]["url"], *(r["url"] for r in ours["routines"]), *(w["url"] for w in ours["worksheets"])]
    problems = []
    for width in PHONES:
        context = phone(browser, width, "dark", timezone_id=LONDON)
        page = watched(context)
        try:
            on(page, "2027-03-03")
            page.goto(base)
            cid = ours["course"]["id"]
            page.evaluate(
                """([cid, lesson]) => {
                  const put = (k, v) => localStorage.setItem("mkdocs-course.v1:progress:" + cid + "/" + k, JSON.stringify({value: v, modified: "2027-03-01T08:00:00.000Z"}));
                  put("start", "2027-03-01"); put("lesson/" + lesson, "2027-03-01");
                }""",
                [cid, ours["lessons"][0]["id"]],
            )
            for url in urls:
                page.goto(base + url)
                page.wait_for_load_state("load")
                page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
                problems += [f"{url}: {p}" for p in page.evaluate(quality.PHONE_CHECK, width)]
            assert page.errors == []
        finally:
            context.close()
    assert problems == [], "\n".join(sorted(set(problems)))


def test_once_done_by_touch_the_way_on_leads_and_the_way_back_stays_quiet(browser, sites: dict[str, Path]) -> None:
    """A learner saw "Mark as not done" filled and first after tapping it: a tap leaves a touch
    screen's hover on the button."""
    site = sites["shipped"]
    base = quality.served(site)
    context = phone(browser, 360, timezone_id=LONDON)
    page = watched(context)
    try:
        on(page, "2027-03-01")
        page.goto(base + quality.manifest(site)["lessons"][0]["url"])
        page.get_by_role("button", name="Mark this lesson done").tap()
        undo = page.get_by_role("button", name="Mark as not done")
        following = page.get_by_role("link", name=re.compile(r"^Next: Day 2: "))
        assert following.bounding_box()["y"] < undo.bounding_box()["y"]
        # The button fades from filled to plain (Material's transition): judge where it ends, as the learner sees it.
        page.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")
        assert undo.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
        assert following.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
        assert page.locator(".course-done-status").inner_text() == "Day 1 is done: well done. From tomorrow, the Today page has your next lesson ready."
    finally:
        context.close()


def test_the_site_follows_the_devices_dark_setting_after_a_light_visit(browser, sites: dict[str, Path]) -> None:
    """A learner's phone turns dark at night: the site must too, though the first visit was light."""
    base = quality.served(sites["shipped"])
    context = phone(browser, 390, "light")
    page = watched(context)
    try:
        page.goto(base)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
        page.emulate_media(color_scheme="dark")
        page.reload()
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        page.emulate_media(color_scheme="light")  # and back while the page is open
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
        # The teal of the course stays in both.
        assert page.evaluate("document.body.getAttribute('data-md-color-primary')") == "teal"
    finally:
        context.close()


def test_a_worksheet_leads_back_to_the_lesson_just_above_its_done_button(browser, sites: dict[str, Path]) -> None:
    site = sites["shipped"]
    base = quality.served(site)
    ours = quality.manifest(site)
    first = ours["lessons"][0]
    context = phone(browser, 360)
    page = watched(context)
    try:
        page.goto(base + first["url"])
        tap_to(page, page.locator("h2#worksheets + ul a").first)
        back = page.get_by_role("link", name=re.compile(r"^Back to day 1: "))
        tap_to(page, back)
        assert page.url == base + first["url"] + "#worksheets"
        done = page.get_by_role("button", name="Mark this lesson done").bounding_box()
        assert 0 < done["y"] < 780 * 2, "the done button is near, not a lesson's length away"
    finally:
        context.close()
